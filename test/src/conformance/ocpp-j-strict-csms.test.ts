import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallErrorResponse, OutgoingPayloadError, type FunctionalBlock } from '@evstation/core';
import { StrictCsms } from '../support/strict-csms.js';
import { startRpcStation, type RpcStation } from '../support/rpc-station.js';

const now = '2026-03-01T12:00:00.000Z';

const stationBlocks: FunctionalBlock[] = [
  {
    name: 'provisioning',
    handlers: {
      Reset: (request) => ({ status: request.type === 'Immediate' ? 'Accepted' : 'Scheduled' }),
      GetVariables: (request) => ({
        getVariableResult: request.getVariableData.map((d) => ({
          attributeStatus: 'UnknownComponent' as const,
          component: d.component,
          variable: d.variable,
        })),
      }),
    },
  },
  { name: 'data-transfer', handlers: { DataTransfer: () => ({ status: 'UnknownVendorId' }) } },
];

describe('OCPP-J over loopback against a strict ocpp-rpc CSMS (Part 4; DESIGN rule 7)', () => {
  let csms: StrictCsms;
  let station: RpcStation;

  beforeEach(async () => {
    csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => ({ currentTime: now, interval: 300, status: 'Accepted' }),
        Heartbeat: () => ({ currentTime: now }),
        StatusNotification: () => ({}),
        MeterValues: () => ({}),
        TransactionEvent: () => ({ totalCost: 1.5 }),
        Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      },
    });
    station = startRpcStation(csms.url, 'CS-0001', stationBlocks);
    await station.connected;
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
  });

  it('connects with subprotocol ocpp2.0.1 under its identity', async () => {
    const client = await csms.nextClient(true);
    expect(client.identity).toBe('CS-0001');
    expect(client.protocol).toBe('ocpp2.0.1');
  });

  it('exchanges the station messages of a session and the CSMS finds every frame valid', async () => {
    const { endpoint } = station;
    await expect(endpoint.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'Sim', vendorName: 'evstation', serialNumber: 'SN-1' } })).resolves.toEqual({
      currentTime: now,
      interval: 300,
      status: 'Accepted',
    });
    await endpoint.call('StatusNotification', { timestamp: now, connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    await expect(endpoint.call('Authorize', { idToken: { idToken: 'RFID-1', type: 'ISO14443' } })).resolves.toEqual({ idTokenInfo: { status: 'Accepted' } });
    await expect(
      endpoint.call('TransactionEvent', {
        eventType: 'Started',
        timestamp: now,
        triggerReason: 'Authorized',
        seqNo: 0,
        transactionInfo: { transactionId: 'tx-1', chargingState: 'Charging' },
        evse: { id: 1, connectorId: 1 },
        idToken: { idToken: 'RFID-1', type: 'ISO14443' },
        meterValue: [{ timestamp: now, sampledValue: [{ value: 12.5, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } }] }],
      }),
    ).resolves.toEqual({ totalCost: 1.5 });
    await endpoint.call('MeterValues', { evseId: 1, meterValue: [{ timestamp: now, sampledValue: [{ value: 7200, measurand: 'Power.Active.Import' }] }] });
    await endpoint.call('Heartbeat', {});
    expect(csms.violations).toEqual([]);
    expect(csms.badMessages).toEqual([]);
    const actions = csms.framesFromStations().map((f) => (f as unknown[])[2]);
    expect(actions).toEqual(['BootNotification', 'StatusNotification', 'Authorize', 'TransactionEvent', 'MeterValues', 'Heartbeat']);
  });

  it('answers CSMS CALLs with responses the strict CSMS accepts', async () => {
    const client = await csms.nextClient(true);
    await expect(client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Scheduled' });
    await expect(client.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Nope' } }] })).resolves.toEqual({
      getVariableResult: [{ attributeStatus: 'UnknownComponent', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'Nope' } }],
    });
    await expect(client.call('DataTransfer', { vendorId: 'com.example' })).resolves.toEqual({ status: 'UnknownVendorId' });
    expect(csms.violations).toEqual([]);
  });

  it('answers an action no installed block handles with NotImplemented', async () => {
    const client = await csms.nextClient(true);
    await expect(client.call('ClearCache', {})).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
  });

  it('answers raw malformed frames from the CSMS with the CALLERRORs Part 4 names', async () => {
    const client = await csms.nextClient(true);
    const before = csms.framesFromStations().length;
    client.sendRaw('[2,"raw-1","Reset",{"type":"Sometime"}]');
    client.sendRaw('[2,"raw-2","Reset",{"type":"Immediate","extra":true}]');
    client.sendRaw('not json at all');
    client.sendRaw('[9,"raw-3","Reset",{}]');
    client.sendRaw('[3,"no-such-call",{}]');
    await csms.waitForFrame((f) => Array.isArray(f) && f[1] === 'raw-3');
    await csms.waitForFrame((f) => Array.isArray(f) && f[1] === 'raw-2');
    // CALLs are answered independently: a CALLERROR decided while parsing may overtake a schema check's answer.
    const replies = csms.framesFromStations().slice(before);
    expect(replies).toHaveLength(4);
    expect(replies).toEqual(expect.arrayContaining([
      [4, 'raw-1', 'PropertyConstraintViolation', expect.any(String), expect.any(Object)],
      [4, 'raw-2', 'FormatViolation', expect.stringContaining('extra'), expect.any(Object)],
      [4, '-1', 'RpcFrameworkError', 'Message is not valid JSON', {}],
      [4, 'raw-3', 'MessageTypeNotSupported', 'Unknown MessageTypeId 9', {}],
    ]));
  });

  it('raises a CSMS CALLERROR to the caller and never sends an invalid frame of its own', async () => {
    const { endpoint } = station;
    await expect(endpoint.call('NotifyEvent', { generatedAt: now, seqNo: 0, eventData: [] })).rejects.toBeInstanceOf(OutgoingPayloadError);
    await expect(endpoint.call('FirmwareStatusNotification', { status: 'Idle' })).rejects.toBeInstanceOf(CallErrorResponse);
    expect(csms.violations).toEqual([]);
    expect(csms.framesFromStations().map((f) => (f as unknown[])[2])).toEqual(['FirmwareStatusNotification']);
  });
});
