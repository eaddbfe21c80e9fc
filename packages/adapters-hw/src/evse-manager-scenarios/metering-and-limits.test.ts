import { EvseManager, getValidator, type MeterValueType } from '@evstation/core';
import { FakeClock, silentLogger } from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { SimulatedChargeController } from '../simulated/simulated-charge-controller.js';
import { SimulatedConnectorLock } from '../simulated/simulated-connector-lock.js';
import { SimulatedEv } from '../simulated/simulated-ev.js';
import { SimulatedPowerMeter } from '../simulated/simulated-power-meter.js';
import { FakeChargePoint } from './fake-charge-point.js';
import { LOCK_MS, runFor, scenarioStation, startCharging } from './scenario-station.js';

function energyWh(meterValue: MeterValueType | undefined): number | undefined {
  return meterValue?.sampledValue.find((sv) => sv.measurand === 'Energy.Active.Import.Register' && sv.phase === undefined)?.value;
}

describe('evse-manager scenarios on simulated hardware: meter polling (J01/J02)', () => {
  it('polls every meterIntervalS: energy rises while charging, each value schema-valid with Power/Current/Voltage/Frequency', async () => {
    const station = await scenarioStation({ options: { meterIntervalS: 60 } });
    await startCharging(station);
    const before = station.chargePoint.meterValues(1).length;
    await station.run(10 * 60_000);
    const values = station.chargePoint.meterValues(1).slice(before);
    expect(values).toHaveLength(10);
    const energies = values.map(energyWh);
    // 11 040 W for one minute is 184 Wh per reading.
    for (let i = 1; i < energies.length; i += 1) expect((energies[i] ?? 0) - (energies[i - 1] ?? 0)).toBeCloseTo(184, 6);
    const last = values.at(-1);
    expect(last?.sampledValue.map((sv) => `${sv.measurand ?? ''}${sv.phase === undefined ? '' : `/${sv.phase}`}`)).toEqual([
      'Energy.Active.Import.Register',
      'Energy.Active.Export.Register',
      'Power.Active.Import',
      'Power.Active.Import/L1',
      'Power.Active.Import/L2',
      'Power.Active.Import/L3',
      'Current.Import/L1',
      'Current.Import/L2',
      'Current.Import/L3',
      'Voltage/L1-N',
      'Voltage/L2-N',
      'Voltage/L3-N',
      'Frequency',
    ]);
    expect(getValidator('MeterValues', 'request')({ evseId: 1, meterValue: values })).toBeUndefined();
  });

  it('a failing meter is logged and skipped, never reported as energy; readings return when it recovers', async () => {
    const station = await scenarioStation({ options: { meterIntervalS: 10 } });
    const evse = station.evse(1);
    await station.run(10_000);
    const count = station.chargePoint.meterValues(1).length;
    evse.command({ type: 'meter-fault', kind: 'timeout' });
    await station.run(60_000);
    expect(station.chargePoint.meterValues(1)).toHaveLength(count);
    expect(station.logger.entries.filter((e) => e.message === 'Meter read failed: reading skipped').length).toBe(6);
    evse.command({ type: 'meter-fault', kind: null });
    await station.run(10_000);
    expect(station.chargePoint.meterValues(1)).toHaveLength(count + 1);
  });

  it('a corrupt energy register (NaN) is rejected by the meter and never reaches the ChargePoint', async () => {
    const station = await scenarioStation({ options: { meterIntervalS: 10 } });
    const count = station.chargePoint.meterValues(1).length;
    station.evse(1).meter.corruptNextEnergy();
    await station.run(10_000);
    expect(station.chargePoint.meterValues(1)).toHaveLength(count);
    expect(station.chargePoint.meterValues(1).every((mv) => Number.isFinite(energyWh(mv)))).toBe(true);
  });

  it("the station's main meter is reported as evseId 0", async () => {
    const mainMeter = (clock: FakeClock): SimulatedPowerMeter =>
      new SimulatedPowerMeter({ clock, source: { powerW: () => 0, onPowerChange: () => () => undefined }, meterId: 'main', initialImportWh: 5_000 });
    const station = await scenarioStation({ mainMeter, options: { meterIntervalS: 10 } });
    await station.run(20_000);
    expect(station.chargePoint.meterValues(0).map(energyWh)).toEqual([5_000, 5_000, 5_000]);
  });
});

describe('evse-manager scenarios on simulated hardware: current limit', () => {
  it('offers the configured maximum, clamped to the controller: 10 A configured -> 10 A offered, 6.9 kW drawn', async () => {
    const station = await scenarioStation({ maxCurrentA: 10 });
    const evse = station.evse(1);
    await startCharging(station);
    expect(evse.snapshot()).toMatchObject({ offeredCurrentA: 10, powerW: 6_900 });
  });

  it('setLimit (the composite-schedule seam) lowers and lifts the offered current; below 6 A it pauses (SuspendedEVSE)', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    await startCharging(station);
    station.manager.setLimit(1, 8);
    await station.run();
    expect(evse.snapshot()).toMatchObject({ offeredCurrentA: 8, powerW: 5_520, relayClosed: true });
    station.manager.setLimit(1, 3);
    await station.run();
    expect(evse.snapshot()).toMatchObject({ offeredCurrentA: 0, powerW: 0, relayClosed: false, lock: 'locked' });
    station.manager.setLimit(1, undefined);
    await station.run();
    expect(evse.snapshot()).toMatchObject({ offeredCurrentA: 32, powerW: 11_040, relayClosed: true });
    expect(station.chargePoint.chargingStates(1)).toEqual(['Charging', 'SuspendedEVSE', 'Charging']);
    expect(() => station.manager.setLimit(1, -1)).toThrow(RangeError);
  });

  it("the cable's PP rating bounds the offered current (13 A cable on a 32 A EVSE)", async () => {
    const clock = new FakeClock();
    const ev = new SimulatedEv({ clock });
    const controller = new SimulatedChargeController({ logger: silentLogger, ev, cableRatingA: 13 });
    const lock = new SimulatedConnectorLock({ clock, logger: silentLogger, isContactorClosed: () => controller.status().relayClosed });
    const manager = new EvseManager({ clock, logger: silentLogger, evses: [{ evseId: 1, controller, lock, maxCurrentA: 32 }] });
    const chargePoint = new FakeChargePoint({ callbacks: manager.callbacks, evseIds: [1], acceptedTokens: [] });
    manager.attach(chargePoint);
    await manager.start();
    ev.plugIn();
    chargePoint.remoteStart(1);
    await runFor(clock, LOCK_MS);
    expect(controller.status()).toMatchObject({ offeredCurrentA: 13, relayClosed: true, cableRatingA: 13 });
    await manager.stop();
  });
});
