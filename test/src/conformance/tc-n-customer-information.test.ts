import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerInformationRequest, CustomerReference, IdTokenType, NotifyCustomerInformationRequest } from '@evstation/core';
import { ManagedStation } from '../support/managed-station.js';
import { flushStation, stationCalls, waitUntil } from '../support/ocpp-frames.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';

/*
 * Block N Get / Clear Customer Information (N09, N10) cases of OCTT Part 6, with the real ChargePoint (SQLite
 * authorization cache) against a strict CSMS. The idToken is the customer reference; the memory state IdTokenCached is
 * reached by an Authorize the CSMS accepts. The station's own records (callbacks getCustomerInformation and
 * clearCustomerInformation) hold a charging history per customer, long enough to need several messages.
 */
const HISTORY = Array.from({ length: 12 }, (_unused, i) => `2026-02-${String(i + 1).padStart(2, '0')} EVSE 1 ${10 + i}.5 kWh session ${i}`).join('\n');

describe('Block N CustomerInformation against a strict CSMS (SQLite file)', () => {
  let managed: ManagedStation;
  /** The station's own records, by idToken value or customerIdentifier. */
  let records: Map<string, string>;

  const keyOf = (customer: CustomerReference): string => customer.idToken?.idToken ?? customer.customerIdentifier ?? '';

  beforeEach(async () => {
    records = new Map([[tokens.valid.idToken, HISTORY], ['OCA-CONTRACT-7', 'Contract OCA-CONTRACT-7, tariff Night']]);
    managed = await ManagedStation.booted({
      handlers: new TokenDirectory().handlers(),
      callbacks: {
        getCustomerInformation: (customer) => records.get(keyOf(customer)) ?? '',
        clearCustomerInformation: (customer) => void records.delete(keyOf(customer)),
      },
    });
  });
  afterEach(async () => {
    await managed.dispose();
  });

  /** Memory state IdTokenCached: the token asked about once and Accepted. */
  async function cache(idToken: IdTokenType): Promise<void> {
    expect((await managed.station.chargePoint.authorize(idToken)).idTokenInfo.status).toBe('Accepted');
    await flushStation(managed.csms, managed.client);
  }

  /** Sends CustomerInformation, expects Accepted, and returns the NotifyCustomerInformation messages of the report. */
  async function customerInformation(request: Omit<CustomerInformationRequest, 'requestId'>, requestId: number): Promise<NotifyCustomerInformationRequest[]> {
    const { csms } = managed;
    const since = csms.ledger.length;
    expect(await managed.client.call('CustomerInformation', { requestId, ...request })).toEqual({ status: 'Accepted' });
    const notifications = (): NotifyCustomerInformationRequest[] => stationCalls<NotifyCustomerInformationRequest>(csms, 'NotifyCustomerInformation', since);
    await waitUntil(() => notifications().some((n) => !n.tbc), 'the last NotifyCustomerInformation (tbc false)');
    await flushStation(csms, managed.client);
    const sent = notifications();
    // N09: one report, numbered from 0, tbc on all but the last, all for this request.
    expect(sent.map((n) => [n.requestId, n.seqNo, n.tbc])).toEqual(sent.map((_n, i) => [requestId, i, i < sent.length - 1]));
    return sent;
  }

  const text = (messages: NotifyCustomerInformationRequest[]): string => messages.map((m) => m.data).join('');

  it('TC_N_27_CS Get Customer Information - Accepted + data', async () => {
    await cache(tokens.valid);
    const sent = await customerInformation({ report: true, clear: false, idToken: tokens.valid }, 27);
    expect(sent.length).toBeGreaterThan(1);
    expect(text(sent)).toContain(HISTORY);
    expect(text(sent)).toContain(`Authorization cache: ISO14443 ${tokens.valid.idToken} status Accepted`);
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_N_28_CS Get Customer Information - Accepted + no data', async () => {
    const sent = await customerInformation({ report: true, clear: false, idToken: tokens.unknown }, 28);
    expect(sent).toEqual([expect.objectContaining({ data: 'No customer information stored', seqNo: 0, tbc: false })]);
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_N_30_CS Clear Customer Information - Clear and report + data', async () => {
    await cache(tokens.valid);
    const sent = await customerInformation({ report: true, clear: true, idToken: tokens.valid }, 30);
    // The report shows what was there before it was cleared.
    expect(text(sent)).toContain(HISTORY);
    expect(text(sent)).toContain('Authorization cache');
    expect(text(sent).endsWith('Customer information cleared')).toBe(true);
    const after = await customerInformation({ report: true, clear: false, idToken: tokens.valid }, 301);
    expect(text(after)).toBe('No customer information stored');
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_N_31_CS Clear Customer Information - Clear and report + no data', async () => {
    const sent = await customerInformation({ report: true, clear: true, idToken: tokens.unknown }, 31);
    expect(text(sent)).toBe('No customer information stored\nCustomer information cleared');
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_N_32_CS Clear Customer Information - Clear and no report', async () => {
    await cache(tokens.valid);
    const sent = await customerInformation({ report: false, clear: true, idToken: tokens.valid }, 32);
    expect(sent).toEqual([expect.objectContaining({ data: 'Customer information cleared', seqNo: 0, tbc: false })]);
    expect(records.has(tokens.valid.idToken)).toBe(false);
    const after = await customerInformation({ report: true, clear: false, idToken: tokens.valid }, 321);
    expect(text(after)).toBe('No customer information stored');
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_N_62_CS Clear Customer Information - Clear and report - customerIdentifier', async () => {
    const sent = await customerInformation({ report: true, clear: true, customerIdentifier: 'OCA-CONTRACT-7' }, 62);
    expect(text(sent)).toBe('Contract OCA-CONTRACT-7, tariff Night\nCustomer information cleared');
    expect(records.has('OCA-CONTRACT-7')).toBe(false);
    expect(managed.csms.violations).toEqual([]);
  });
});
