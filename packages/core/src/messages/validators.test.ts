import { describe, expect, it } from 'vitest';
import { ACTIONS, isOcppAction, type OcppAction } from './generated/actions.js';
import type {
  BootNotificationRequest,
  BootNotificationResponse,
  GetVariablesResponse,
  HeartbeatRequest,
  MeterValuesRequest,
  SetVariablesRequest,
  TransactionEventRequest,
} from './generated/types.js';
import { getValidator, type SchemaError } from './validators.js';

const NOW = '2025-03-01T12:00:00.000Z';

/** The first error of an invalid payload; fails the test if the payload passes. */
function firstError(action: OcppAction, kind: 'request' | 'response', payload: unknown): SchemaError {
  const errors = getValidator(action, kind)(payload);
  expect(errors, `${action} ${kind} should be invalid`).toBeDefined();
  return errors![0]!;
}

const boot: BootNotificationRequest = { reason: 'PowerUp', chargingStation: { model: 'SingleSocketCharger', vendorName: 'VendorX' } };
const bootResponse: BootNotificationResponse = { currentTime: NOW, interval: 300, status: 'Accepted' };
const transactionEvent: TransactionEventRequest = {
  eventType: 'Started',
  timestamp: NOW,
  triggerReason: 'CablePluggedIn',
  seqNo: 0,
  transactionInfo: { transactionId: 'tx-1', chargingState: 'EVConnected' },
  evse: { id: 1, connectorId: 1 },
};
const meterValues: MeterValuesRequest = {
  evseId: 1,
  meterValue: [{ timestamp: NOW, sampledValue: [{ value: 1234.5, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }] }],
};
const setVariables: SetVariablesRequest = {
  setVariableData: [{ attributeValue: '30', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
};
const getVariablesResponse: GetVariablesResponse = {
  getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: '30', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }],
};
const heartbeat: HeartbeatRequest = {};

describe('getValidator', () => {
  it.each<readonly [OcppAction, 'request' | 'response', unknown]>([
    ['BootNotification', 'request', boot],
    ['BootNotification', 'response', bootResponse],
    ['TransactionEvent', 'request', transactionEvent],
    ['MeterValues', 'request', meterValues],
    ['SetVariables', 'request', setVariables],
    ['GetVariables', 'response', getVariablesResponse],
    ['Heartbeat', 'request', heartbeat],
    ['Heartbeat', 'response', { currentTime: NOW }],
  ])('accepts a valid %s %s', (action, kind, payload) => {
    expect(getValidator(action, kind)(payload)).toBeUndefined();
  });

  it('reports a missing required property as `required`', () => {
    const { reason: _reason, ...withoutReason } = boot;
    expect(firstError('BootNotification', 'request', withoutReason)).toMatchObject({ keyword: 'required', instancePath: '', params: { missingProperty: 'reason' } });
    const { transactionInfo: _info, ...withoutInfo } = transactionEvent;
    expect(firstError('TransactionEvent', 'request', withoutInfo)).toMatchObject({ keyword: 'required', params: { missingProperty: 'transactionInfo' } });
    expect(firstError('Heartbeat', 'response', {})).toMatchObject({ keyword: 'required', params: { missingProperty: 'currentTime' } });
  });

  it('reports a wrong type as `type`', () => {
    expect(firstError('BootNotification', 'response', { ...bootResponse, interval: '300' })).toMatchObject({ keyword: 'type', instancePath: '/interval' });
    expect(firstError('TransactionEvent', 'request', { ...transactionEvent, seqNo: 1.5 })).toMatchObject({ keyword: 'type', instancePath: '/seqNo', params: { type: 'integer' } });
    expect(firstError('MeterValues', 'request', { ...meterValues, evseId: '1' })).toMatchObject({ keyword: 'type', instancePath: '/evseId' });
    expect(firstError('Heartbeat', 'request', null)).toMatchObject({ keyword: 'type', instancePath: '' });
  });

  it('reports a string over its maxLength as `maxLength`, counting code points', () => {
    const tooLong = { ...boot, chargingStation: { ...boot.chargingStation, model: 'M'.repeat(21) } };
    expect(firstError('BootNotification', 'request', tooLong)).toMatchObject({ keyword: 'maxLength', instancePath: '/chargingStation/model', params: { limit: 20 } });
    const longValue = { setVariableData: [{ ...setVariables.setVariableData[0]!, attributeValue: 'x'.repeat(1001) }] };
    expect(firstError('SetVariables', 'request', longValue)).toMatchObject({ keyword: 'maxLength', instancePath: '/setVariableData/0/attributeValue' });
    // 20 astral characters are 40 UTF-16 code units but 20 characters, which the schema's maxLength 20 allows.
    const astral = { ...boot, chargingStation: { ...boot.chargingStation, model: '\u{1F50C}'.repeat(20) } };
    expect(getValidator('BootNotification', 'request')(astral)).toBeUndefined();
  });

  it('reports a value outside the enum as `enum`', () => {
    expect(firstError('BootNotification', 'request', { ...boot, reason: 'Coffee' })).toMatchObject({ keyword: 'enum', instancePath: '/reason' });
    const badAttribute = { setVariableData: [{ ...setVariables.setVariableData[0]!, attributeType: 'Current' }] };
    expect(firstError('SetVariables', 'request', badAttribute)).toMatchObject({ keyword: 'enum', instancePath: '/setVariableData/0/attributeType' });
    const badStatus = { getVariableResult: [{ ...getVariablesResponse.getVariableResult[0]!, attributeStatus: 'Maybe' }] };
    expect(firstError('GetVariables', 'response', badStatus)).toMatchObject({ keyword: 'enum', instancePath: '/getVariableResult/0/attributeStatus' });
  });

  it('reports an unknown property as `additionalProperties`', () => {
    expect(firstError('Heartbeat', 'request', { beat: true })).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'beat' } });
    const nested = { ...transactionEvent, transactionInfo: { ...transactionEvent.transactionInfo, extra: 1 } };
    expect(firstError('TransactionEvent', 'request', nested)).toMatchObject({ keyword: 'additionalProperties', instancePath: '/transactionInfo' });
  });

  it('reports a malformed date-time as `format`', () => {
    expect(firstError('BootNotification', 'response', { ...bootResponse, currentTime: 'yesterday' })).toMatchObject({ keyword: 'format', params: { format: 'date-time' } });
    // RFC 3339 requires the offset.
    expect(firstError('TransactionEvent', 'request', { ...transactionEvent, timestamp: '2025-03-01T12:00:00' })).toMatchObject({ keyword: 'format', instancePath: '/timestamp' });
    const badSample = { evseId: 1, meterValue: [{ timestamp: '2025-02-30T25:00:00Z', sampledValue: [{ value: 1 }] }] };
    expect(firstError('MeterValues', 'request', badSample)).toMatchObject({ keyword: 'format', instancePath: '/meterValue/0/timestamp' });
  });

  it('reports an empty array where the schema needs items as `minItems`', () => {
    expect(firstError('MeterValues', 'request', { evseId: 1, meterValue: [] })).toMatchObject({ keyword: 'minItems', instancePath: '/meterValue' });
  });

  it('accepts customData with a vendorId and extra vendor keys', () => {
    const customData = { vendorId: 'com.example', firmwareBuild: 42, flags: { a: true } };
    expect(getValidator('BootNotification', 'request')({ ...boot, customData })).toBeUndefined();
    expect(getValidator('Heartbeat', 'request')({ customData })).toBeUndefined();
    const deep = { ...transactionEvent, transactionInfo: { ...transactionEvent.transactionInfo, customData } };
    expect(getValidator('TransactionEvent', 'request')(deep)).toBeUndefined();
  });

  it('rejects customData without a vendorId', () => {
    expect(firstError('Heartbeat', 'request', { customData: { firmwareBuild: 42 } })).toMatchObject({ keyword: 'required', instancePath: '/customData', params: { missingProperty: 'vendorId' } });
    const nested = { ...meterValues, meterValue: [{ ...meterValues.meterValue[0]!, customData: {} }] };
    expect(firstError('MeterValues', 'request', nested)).toMatchObject({ keyword: 'required', instancePath: '/meterValue/0/customData' });
  });

  it('returns errors as plain data that callers cannot use to corrupt the validator', () => {
    const error = firstError('BootNotification', 'request', { ...boot, reason: 'Coffee' });
    expect(typeof error.message).toBe('string');
    (error.params['allowedValues'] as string[]).push('Coffee');
    expect(firstError('BootNotification', 'request', { ...boot, reason: 'Coffee' }).params['allowedValues']).not.toContain('Coffee');
  });

  it('returns the same validator for the same action and direction', () => {
    expect(getValidator('Heartbeat', 'request')).toBe(getValidator('Heartbeat', 'request'));
    expect(getValidator('Heartbeat', 'request')).not.toBe(getValidator('Heartbeat', 'response'));
  });
});

describe('ACTIONS', () => {
  const actions = Object.keys(ACTIONS) as OcppAction[];

  it('has both validators for every action', () => {
    for (const action of actions) {
      expect(getValidator(action, 'request'), action).toBeTypeOf('function');
      expect(getValidator(action, 'response'), action).toBeTypeOf('function');
    }
  });

  it('lists the 64 actions with their direction: 24 from the CS, 39 from the CSMS, DataTransfer both ways', () => {
    expect(actions).toHaveLength(64);
    expect(ACTIONS.DataTransfer.direction).toBe('both');
    expect(ACTIONS.BootNotification.direction).toBe('CS->CSMS');
    expect(ACTIONS.PublishFirmwareStatusNotification.direction).toBe('CS->CSMS');
    expect(ACTIONS.RequestStartTransaction.direction).toBe('CSMS->CS');
    expect(ACTIONS.PublishFirmware.direction).toBe('CSMS->CS');
    const count = (d: string): number => actions.filter((a) => ACTIONS[a].direction === d).length;
    expect([count('CS->CSMS'), count('CSMS->CS'), count('both')]).toEqual([24, 39, 1]);
    expect(Object.isFrozen(ACTIONS)).toBe(true);
  });

  it('recognises action names exactly, not inherited properties', () => {
    expect(isOcppAction('TransactionEvent')).toBe(true);
    expect(isOcppAction('transactionEvent')).toBe(false);
    expect(isOcppAction('toString')).toBe(false);
    expect(isOcppAction('__proto__')).toBe(false);
  });
});
