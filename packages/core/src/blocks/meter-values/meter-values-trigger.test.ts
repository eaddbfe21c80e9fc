import { describe, expect, it } from 'vitest';
import type { MeterValuesRequest } from '../../messages/index.js';
import { triggerMessageHandler } from '../remote-control/trigger-message.handler.js';
import { meterValuesTrigger, meterValuesTriggerAction } from './meter-values-trigger.js';
import { acReading, at, meteringSetup, meterValuesErrors, summary } from './meter-values.test-kit.js';

/** AlignedDataCtrlr.Measurands = Current.Import; main meter and EVSEs 1 and 2 metered. */
function triggerSetup() {
  const setup = meteringSetup({ 'AlignedDataCtrlr.Measurands': 'Current.Import' });
  for (const evseId of [0, 1, 2]) setup.store.onMeterValue(evseId, acReading(at(0), 100));
  return setup;
}

describe('meterValuesTrigger (F06 TriggerMessage MeterValues)', () => {
  it('TC_F_11 (unit): a specific EVSE gets one request with AlignedDataCtrlr.Measurands and context Trigger', () => {
    const { store, model } = triggerSetup();
    const requests = meterValuesTrigger({ store, deviceModel: model }, 2);
    expect(requests.map((r) => r.evseId)).toEqual([2]);
    expect(summary(requests[0]?.meterValue ?? [])).toEqual(['Current.Import/L1@Trigger=16', 'Current.Import/L2@Trigger=16', 'Current.Import/L3@Trigger=16']);
    for (const request of requests) expect(meterValuesErrors(request)).toBeUndefined();
  });

  it('TC_F_12 (unit): without an EVSE every EVSE >= 1 gets its own request (the main meter only when asked by id 0)', () => {
    const { store, model } = triggerSetup();
    const all = meterValuesTrigger({ store, deviceModel: model });
    expect(all.map((r) => r.evseId)).toEqual([1, 2]);
    for (const request of all) expect(meterValuesErrors(request)).toBeUndefined();
    expect(meterValuesTrigger({ store, deviceModel: model }, 0).map((r) => r.evseId)).toEqual([0]);
  });

  it('F06: nothing to report (no readings, or none of the measurands) gives no request', () => {
    const { store, model } = meteringSetup({ 'AlignedDataCtrlr.Measurands': 'SoC' });
    expect(meterValuesTrigger({ store, deviceModel: model })).toEqual([]);
    store.onMeterValue(1, acReading(at(0), 1));
    expect(meterValuesTrigger({ store, deviceModel: model }, 1)).toEqual([]);
  });

  it('F06: as a TriggerTable entry it answers Accepted and sends after the reply, or Rejected', async () => {
    const { store, model, logger } = triggerSetup();
    const sent: MeterValuesRequest[] = [];
    const afterReply: (() => void)[] = [];
    const handler = triggerMessageHandler({ MeterValues: meterValuesTriggerAction({ store, deviceModel: model, logger, send: (request) => void sent.push(request) }) });
    const context = { messageId: 'm1', afterReply: (task: () => void) => void afterReply.push(task) };
    expect(await handler({ requestedMessage: 'MeterValues', evse: { id: 1 } }, context)).toEqual({ status: 'Accepted' });
    expect(sent).toEqual([]);
    for (const task of afterReply) task();
    expect(sent.map((r) => r.evseId)).toEqual([1]);
    expect(await handler({ requestedMessage: 'MeterValues', evse: { id: 7 } }, context)).toEqual({ status: 'Rejected' });
  });

  it('F06: a failed send is logged, not thrown', async () => {
    const { store, model, logger } = triggerSetup();
    const action = meterValuesTriggerAction({ store, deviceModel: model, logger, send: () => Promise.reject(new Error('offline')) });
    const result = action({ requestedMessage: 'MeterValues' });
    expect(result.status).toBe('Accepted');
    result.send?.();
    await Promise.resolve();
    expect(logger.entries.filter((e) => e.level === 'error')).toHaveLength(2);
  });
});
