import { describe, expect, it } from 'vitest';
import type { MeterValueType, ReadingContextEnumType } from '../../messages/index.js';
import { acReading, at, meteringSetup, signedReading, summary } from './meter-values.test-kit.js';
import { silentLogger } from '../../logging/silent-logger.js';
import { MeterValueStore } from './meter-value-store.js';

describe('MeterValueStore', () => {
  it('keeps the latest sampled value per (measurand, phase, location)', () => {
    const { store } = meteringSetup();
    store.onMeterValue(1, acReading(at(0), 1000));
    store.onMeterValue(1, { timestamp: at(1000), sampledValue: [{ measurand: 'Power.Active.Import', value: 3000 }] });
    const latest = store.latest(1);
    expect(latest.map((mv) => mv.timestamp)).toEqual([at(0), at(1000)]);
    expect(summary(latest).filter((s) => s.startsWith('Power'))).toEqual(['Power.Active.Import@-=3000']);
    expect(summary(latest).filter((s) => s.startsWith('Energy'))).toHaveLength(4);
  });

  it('treats an omitted location as Outlet and keeps other locations apart', () => {
    const { store } = meteringSetup();
    store.onMeterValue(1, { timestamp: at(0), sampledValue: [{ measurand: 'Voltage', value: 230 }, { measurand: 'Voltage', location: 'Inlet', value: 231 }] });
    store.onMeterValue(1, { timestamp: at(1000), sampledValue: [{ measurand: 'Voltage', location: 'Outlet', value: 229 }] });
    expect(store.latest(1).flatMap((mv) => mv.sampledValue.map((sv) => `${sv.location ?? '-'}=${sv.value}`))).toEqual(['Inlet=231', 'Outlet=229']);
  });

  it('J01: keeps EVSE 0 (main meter) apart from the EVSEs and lists the EVSEs that reported', () => {
    const { store } = meteringSetup();
    store.onMeterValue(2, acReading(at(0), 20));
    store.onMeterValue(0, acReading(at(0), 100));
    expect(store.evseIds()).toEqual([0, 2]);
    expect(store.latest(0)[0]?.sampledValue[0]?.value).toBe(100);
    expect(store.latest(1)).toEqual([]);
  });

  it('normalizes timestamps to UTC ISO text so readings of one instant stay one MeterValue', () => {
    const { store } = meteringSetup();
    store.onMeterValue(1, { timestamp: '2026-03-01T13:00:00+01:00', sampledValue: [{ measurand: 'Voltage', value: 230 }] });
    store.onMeterValue(1, { timestamp: '2026-03-01T12:00:00Z', sampledValue: [{ measurand: 'SoC', value: 50 }] });
    expect(store.latest(1)).toEqual([{ timestamp: at(0), sampledValue: [{ measurand: 'Voltage', value: 230 }, { measurand: 'SoC', value: 50 }] }]);
  });

  it('drops an invalid EVSE id, an invalid timestamp and non-finite values, with a warning', () => {
    const { store, logger } = meteringSetup();
    store.onMeterValue(-1, acReading(at(0), 1));
    store.onMeterValue(1.5, acReading(at(0), 1));
    store.onMeterValue(1, acReading('yesterday', 1));
    store.onMeterValue(1, { timestamp: at(0), sampledValue: [{ measurand: 'Voltage', value: Number.NaN }, { measurand: 'SoC', value: 80 }] });
    expect(store.evseIds()).toEqual([1]);
    expect(summary(store.latest(1))).toEqual(['SoC@-=80']);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(4);
  });

  it('TC_J_04 (unit): passes signedMeterValue through untouched, isolated from later changes by the caller', () => {
    const { store } = meteringSetup();
    const signed = signedReading(at(0), 42);
    const expected = structuredClone(signed.sampledValue[0]);
    store.onMeterValue(1, signed);
    signed.sampledValue[0]!.signedMeterValue!.signedMeterData = 'tampered';
    const [first] = store.latest(1);
    expect(first?.sampledValue[0]).toEqual(expected);
    first!.sampledValue[0]!.value = 0;
    expect(store.latest(1)[0]?.sampledValue[0]).toEqual(expected);
  });

  it('J02: keeps the readings of the EVSE transaction for its Ended event', () => {
    const { store } = meteringSetup();
    const begin: MeterValueType = { timestamp: at(0), sampledValue: [{ value: 1, context: 'Transaction.Begin' }] };
    const end: MeterValueType = { timestamp: at(5000), sampledValue: [{ value: 9, context: 'Transaction.End' }] };
    store.appendTxEndedReadings(1, [begin]);
    expect(store.hasTransaction()).toBe(false);
    store.beginTransaction(1, 'tx-1');
    store.appendTxEndedReadings(1, [begin]);
    store.appendTxEndedReadings(1, [end]);
    expect([store.transactionOn(1), store.transactionOn(2), store.hasTransaction(), store.transactionEvseIds()]).toEqual(['tx-1', undefined, true, [1]]);
    expect(store.endTransaction(1)).toEqual([begin, end]);
    expect(store.hasTransaction()).toBe(false);
    expect(store.endTransaction(1)).toEqual([]);
  });

  it('refuses a transaction on the main meter (EVSE 0) and warns when one replaces another', () => {
    const { store, logger } = meteringSetup();
    expect(() => store.beginTransaction(0, 'tx-0')).toThrow(RangeError);
    store.beginTransaction(1, 'tx-1');
    store.beginTransaction(1, 'tx-2');
    expect(store.transactionOn(1)).toBe('tx-2');
    expect(logger.entries.some((e) => e.level === 'warn' && e.fields['transactionId'] === 'tx-1')).toBe(true);
  });
});

describe('MeterValueStore TxEnded readings cap', () => {
  it('J02: a long transaction keeps Transaction.Begin and thins the samples instead of growing without bound', () => {
    const store = new MeterValueStore({ logger: silentLogger, maxTxEndedReadings: 10 });
    store.beginTransaction(1, 'tx-1');
    const reading = (wh: number): MeterValueType => ({ timestamp: new Date(Date.UTC(2026, 0, 1, 0, wh)).toISOString(), sampledValue: [{ value: wh }] });
    for (let wh = 0; wh < 100; wh += 1) store.appendTxEndedReadings(1, [reading(wh)]);
    const kept = store.endTransaction(1).map((m) => m.sampledValue[0]?.value);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept[0]).toBe(0);
    expect(kept).toEqual([...kept].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(kept.at(-1)).toBeGreaterThan(90);
  });

  it('J02: past the cap the samples kept stay evenly spread from the start, between the Begin and End readings', () => {
    const store = new MeterValueStore({ logger: silentLogger, maxTxEndedReadings: 12 });
    store.beginTransaction(1, 'tx-1');
    const reading = (minute: number, context: ReadingContextEnumType): MeterValueType => ({
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
      sampledValue: [{ value: minute, context }],
    });
    store.appendTxEndedReadings(1, [reading(0, 'Transaction.Begin')]);
    for (let minute = 1; minute <= 200; minute += 1) store.appendTxEndedReadings(1, [reading(minute, 'Sample.Periodic')]);
    store.appendTxEndedReadings(1, [reading(201, 'Transaction.End')]);
    const kept = store.endTransaction(1).map((m) => [m.sampledValue[0]?.value, m.sampledValue[0]?.context]);
    expect(kept.length).toBeLessThanOrEqual(12);
    expect(kept[0]).toEqual([0, 'Transaction.Begin']);
    expect(kept.at(-1)).toEqual([201, 'Transaction.End']);
    const samples = kept.slice(1, -1).map(([minute]) => minute as number);
    // Every 32nd of the 200 samples: the first one, then one each 32 minutes up to the last stretch.
    expect(samples).toEqual([1, 33, 65, 97, 129, 161, 193]);
  });
});
