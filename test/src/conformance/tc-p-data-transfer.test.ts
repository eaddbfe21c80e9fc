import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataTransferRequest, GetVariablesResponse, SetVariablesResponse } from '@evstation/core';
import { ManagedStation } from '../support/managed-station.js';
import { flushStation, stationCalls, waitForCalls } from '../support/ocpp-frames.js';

/*
 * Block P DataTransfer (P01) and the CustomData extension (TC_P_03), OCTT Part 6, with the real ChargePoint against a
 * strict CSMS. The station knows one vendor extension (org.evstation.diag, message Ping) and no catch-all callback.
 * Not here: TC_P_02 is a CSMS case (P02, the station's own DataTransfer, is chargePoint.dataTransferRequest).
 */
const VENDOR = 'org.evstation.diag';
const customData = { vendorId: 'org.openchargealliance.octt', note: 'ignore me', nested: { level: 2 } };

describe('Block P DataTransfer and customData against a strict CSMS (SQLite file)', () => {
  let managed: ManagedStation;

  beforeEach(async () => {
    managed = await ManagedStation.create({ handlers: { Heartbeat: () => ({ currentTime: new Date().toISOString(), customData }) } });
    await managed.boot({
      options: {
        dataTransferVendors: {
          [VENDOR]: { messages: { Ping: (request) => ({ status: 'Accepted', data: { pong: request.data ?? null } }) } },
        },
      },
    });
  });
  afterEach(async () => {
    await managed.dispose();
  });

  const dataTransfer = (request: DataTransferRequest): Promise<unknown> => managed.client.call('DataTransfer', request);

  it('TC_P_01_CS Data Transfer to the Charging Station - Rejected / Unknown VendorId / Unknown MessageId', async () => {
    expect(await dataTransfer({ vendorId: 'com.unknown.vendor', messageId: 'Anything', data: 'x' })).toEqual({ status: 'UnknownVendorId' });
    expect(await dataTransfer({ vendorId: VENDOR, messageId: 'NoSuchMessage' })).toEqual({ status: 'UnknownMessageId' });
    expect(await dataTransfer({ vendorId: VENDOR })).toEqual({ status: 'UnknownMessageId' });
    // The one extension the station has still works, data and all.
    expect(await dataTransfer({ vendorId: VENDOR, messageId: 'Ping', data: { n: 1 } })).toEqual({ status: 'Accepted', data: { pong: { n: 1 } } });
    expect(managed.csms.violations).toEqual([]);
  });

  it('TC_P_03_CS CustomData - Receive custom data', async () => {
    const { client, csms } = managed;
    // customData on requests of several blocks, at the top and nested: accepted and ignored.
    const got = (await client.call('GetVariables', {
      customData,
      getVariableData: [{ customData, component: { name: 'OCPPCommCtrlr', customData }, variable: { name: 'HeartbeatInterval', customData } }],
    })) as GetVariablesResponse;
    expect(got.getVariableResult).toEqual([expect.objectContaining({ attributeStatus: 'Accepted', attributeValue: expect.any(String) as string })]);
    const set = (await client.call('SetVariables', {
      customData,
      setVariableData: [{ customData, attributeValue: '0', component: { name: 'SampledDataCtrlr', customData }, variable: { name: 'TxUpdatedInterval' } }],
    })) as SetVariablesResponse;
    expect(set.setVariableResult.map((r) => r.attributeStatus)).toEqual(['Accepted']);
    expect(await client.call('ChangeAvailability', { customData, operationalStatus: 'Operative', evse: { id: 1, customData } })).toEqual({ status: 'Accepted' });
    expect(await client.call('DataTransfer', { customData, vendorId: VENDOR, messageId: 'Ping' })).toEqual({ status: 'Accepted', data: { pong: null } });
    // And in an answer of the CSMS: the Heartbeat response carries customData.
    const since = csms.ledger.length;
    expect(await client.call('TriggerMessage', { customData, requestedMessage: 'Heartbeat' })).toEqual({ status: 'Accepted' });
    await waitForCalls(csms, 'Heartbeat', 1, since);
    await flushStation(csms, client);
    expect(stationCalls(csms, 'Heartbeat', since)).toHaveLength(2);
    expect(managed.station.chargePoint.isConnected).toBe(true);
    expect(csms.violations).toEqual([]);
    expect(csms.badMessages).toEqual([]);
  });
});
