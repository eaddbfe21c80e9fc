import { describe, expect, it } from 'vitest';
import { getValidator, type CustomerInformationRequest, type IdTokenType, type NotifyCustomerInformationRequest } from '../../messages/index.js';
import { InMemoryAuthCacheStore } from '../../storage-memory/in-memory-auth-cache-store.js';
import { flushMicrotasks } from '../../testing/clock-driver.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { replyContext } from '../../testing/reply-context.js';
import { CustomerInformation, type CustomerReference } from './customer-information.js';
import { customerInformationMessages } from './customer-information-data.js';
import { diagnosticsBlock } from './diagnostics.block.js';

const TOKEN: IdTokenType = { idToken: 'CAFE0001', type: 'ISO14443' };
const validResponse = getValidator('CustomerInformation', 'response');
const validNotify = getValidator('NotifyCustomerInformation', 'request');

function makeKit(stationData: Record<string, string> = {}) {
  const clock = new FakeClock(new Date('2026-03-01T10:00:00.000Z'));
  const logger = new MemoryLogger();
  const authCache = new InMemoryAuthCacheStore();
  authCache.put({ idToken: TOKEN, idTokenInfo: { status: 'Accepted' }, storedAt: '2026-02-01T00:00:00.000Z', lastUsedAt: '2026-02-02T00:00:00.000Z', useCount: 3 });
  authCache.put({ idToken: { idToken: 'OTHER', type: 'ISO14443' }, idTokenInfo: { status: 'Blocked' }, storedAt: '2026-02-01T00:00:00.000Z', lastUsedAt: '2026-02-01T00:00:00.000Z', useCount: 1 });
  const data = new Map(Object.entries(stationData));
  const cleared: CustomerReference[] = [];
  const sent: NotifyCustomerInformationRequest[] = [];
  const customerInformation = new CustomerInformation({
    clock,
    logger,
    authCache,
    getCustomerInformation: (customer) => data.get(customer.customerIdentifier ?? customer.idToken?.idToken ?? '') ?? '',
    clearCustomerInformation: (customer) => {
      cleared.push(customer);
      data.delete(customer.customerIdentifier ?? customer.idToken?.idToken ?? '');
    },
    sendNotifyCustomerInformation: (request) => {
      const errors = validNotify(request);
      if (errors !== undefined) return Promise.reject(new Error(JSON.stringify(errors)));
      sent.push(request);
      return Promise.resolve({});
    },
  });
  const handler = diagnosticsBlock({ customerInformation }).handlers.CustomerInformation!;
  const request = async (body: Omit<CustomerInformationRequest, 'requestId'>, requestId = 1) => {
    const context = replyContext('c1');
    const before = sent.length;
    const response = await handler({ requestId, ...body }, context);
    expect(validResponse(response)).toBeUndefined();
    // Nothing is sent before the CALLRESULT.
    expect(sent).toHaveLength(before);
    context.flush();
    await flushMicrotasks(100);
    return response;
  };
  return { authCache, cleared, sent, request, data };
}

describe('N09 Get Customer Information', () => {
  it('TC_N_27_CS report for an idToken: station data and the authorization cache entry in one NotifyCustomerInformation', async () => {
    const kit = makeKit({ CAFE0001: 'Sessions: 2026-02-02 12.5 kWh' });
    expect(await kit.request({ report: true, clear: false, idToken: TOKEN }, 27)).toEqual({ status: 'Accepted' });
    expect(kit.sent).toEqual([
      {
        data: 'Sessions: 2026-02-02 12.5 kWh\nAuthorization cache: ISO14443 CAFE0001 status Accepted, stored 2026-02-01T00:00:00.000Z, last used 2026-02-02T00:00:00.000Z, used 3 times',
        tbc: false,
        seqNo: 0,
        generatedAt: '2026-03-01T10:00:00.000Z',
        requestId: 27,
      },
    ]);
    expect(kit.authCache.count()).toBe(2);
  });

  it('TC_N_28_CS report for an unknown customer: one message saying nothing is stored', async () => {
    const kit = makeKit();
    await kit.request({ report: true, clear: false, customerIdentifier: 'nobody' });
    expect(kit.sent.map((m) => m.data)).toEqual(['No customer information stored']);
  });

  it('N09: a long report is split into 512-character messages with seqNo and tbc', async () => {
    const kit = makeKit({ big: 'x'.repeat(1100) });
    await kit.request({ report: true, clear: false, customerIdentifier: 'big' }, 9);
    expect(kit.sent.map((m) => [m.seqNo, m.tbc, m.data.length, m.requestId])).toEqual([
      [0, true, 512, 9],
      [1, true, 512, 9],
      [2, false, 76, 9],
    ]);
  });

  it('Rejected when neither report nor clear is set; Invalid without idToken, customerCertificate or customerIdentifier', async () => {
    const kit = makeKit();
    expect((await kit.request({ report: false, clear: false, idToken: TOKEN })).status).toBe('Rejected');
    expect((await kit.request({ report: true, clear: true })).status).toBe('Invalid');
    expect(kit.sent).toEqual([]);
    expect(kit.cleared).toEqual([]);
    expect(kit.authCache.count()).toBe(2);
  });
});

describe('N10 Clear Customer Information', () => {
  it('TC_N_32_CS clear without report: the cache entry and the station data go, one message says so', async () => {
    const kit = makeKit({ CAFE0001: 'Sessions: 1' });
    expect((await kit.request({ report: false, clear: true, idToken: TOKEN })).status).toBe('Accepted');
    expect(kit.authCache.list().map((e) => e.idToken.idToken)).toEqual(['OTHER']);
    expect(kit.cleared).toEqual([{ idToken: TOKEN }]);
    expect(kit.sent.map((m) => m.data)).toEqual(['Customer information cleared']);
  });

  it('TC_N_30_CS/TC_N_31_CS clear and report: the report shows the data before clearing; a second report finds nothing', async () => {
    const kit = makeKit({ CAFE0001: 'Sessions: 1' });
    await kit.request({ report: true, clear: true, idToken: TOKEN }, 30);
    expect(kit.sent[0]?.data).toMatch(/^Sessions: 1\nAuthorization cache: ISO14443 CAFE0001 .*\nCustomer information cleared$/);
    await kit.request({ report: true, clear: false, idToken: { ...TOKEN, idToken: 'cafe0001' } }, 31);
    expect(kit.sent[1]?.data).toBe('No customer information stored');
  });

  it('TC_N_62_CS clear and report by customerIdentifier: the station clears its data; the cache is untouched', async () => {
    const kit = makeKit({ OpenChargeAlliance: 'Contract OCA-1' });
    await kit.request({ report: true, clear: true, customerIdentifier: 'OpenChargeAlliance' }, 62);
    expect(kit.sent.map((m) => m.data)).toEqual(['Contract OCA-1\nCustomer information cleared']);
    expect(kit.cleared).toEqual([{ customerIdentifier: 'OpenChargeAlliance' }]);
    expect(kit.authCache.count()).toBe(2);
  });
});

describe('customerInformationMessages', () => {
  it('never splits a character: 512 code points per message, emoji included', () => {
    const data = '😀'.repeat(600);
    const messages = customerInformationMessages(data, 1, new Date('2026-03-01T10:00:00.000Z'));
    expect(messages.map((m) => Array.from(m.data).length)).toEqual([512, 88]);
    expect(messages.map((m) => m.data).join('')).toBe(data);
    for (const m of messages) expect(validNotify(m)).toBeUndefined();
  });

  it('an empty report is one message with empty data', () => {
    expect(customerInformationMessages('', 4, new Date(0))).toEqual([{ data: '', tbc: false, seqNo: 0, generatedAt: '1970-01-01T00:00:00.000Z', requestId: 4 }]);
  });
});
