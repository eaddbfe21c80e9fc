import {
  chargeControllerContract,
  connectorLockContract,
  FakeClock,
  powerMeterContract,
  runAllTimers,
  runUntilSettled,
  silentLogger,
  tokenReaderContract,
} from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { SimulatedChargeController } from './simulated-charge-controller.js';
import { SimulatedConnectorLock } from './simulated-connector-lock.js';
import { SimulatedEv } from './simulated-ev.js';
import { SimulatedPowerMeter } from './simulated-power-meter.js';
import { SimulatedTokenReader } from './simulated-token-reader.js';

function makeStation(ev: ConstructorParameters<typeof SimulatedEv>[0]['options'] = {}) {
  const clock = new FakeClock();
  const car = new SimulatedEv({ clock, options: ev });
  const controller = new SimulatedChargeController({ logger: silentLogger, ev: car });
  const meter = new SimulatedPowerMeter({ clock, source: controller });
  return { clock, ev: car, controller, meter };
}

chargeControllerContract('SimulatedChargeController with a SimulatedEv', () => {
  const { ev, controller } = makeStation();
  return {
    controller,
    ev: {
      // The contract's EV connects first (B) and asks for energy separately (C): a suspended car does exactly that.
      plugIn: () => {
        ev.setSuspended(true);
        ev.plugIn();
      },
      requestCharge: (requesting) => ev.setSuspended(!requesting),
      unplug: () => ev.unplug(),
    },
    settle: () => Promise.resolve(),
  };
});

powerMeterContract(
  'SimulatedPowerMeter',
  () => {
    const { meter } = makeStation();
    return { meter, setEnergy: (importWh, exportWh) => meter.setEnergyWh(importWh, exportWh), corruptImportEnergy: () => meter.corruptNextEnergy() };
  },
  { canCorruptEnergy: true },
);

connectorLockContract('SimulatedConnectorLock', () => {
  const clock = new FakeClock();
  const contactor = { closed: false };
  const lock = new SimulatedConnectorLock({ clock, logger: silentLogger, isContactorClosed: () => contactor.closed });
  return {
    lock,
    setContactorClosed: (closed) => (contactor.closed = closed),
    jam: () => (lock.mechanism.jammed = true),
    forceOpen: () => lock.mechanism.forceOpen(),
    run: (operation) => runUntilSettled(clock, operation),
    idle: () => runAllTimers(clock),
  };
});

tokenReaderContract('SimulatedTokenReader', () => {
  const reader = new SimulatedTokenReader({ clock: new FakeClock(), readerId: 'evse-1' });
  return { reader, present: (idToken, type) => void reader.present(idToken, type) };
});

/** Plugs in, allows energy and starts the controller: the EV charges from now on. */
async function charging(station: ReturnType<typeof makeStation>, limitA = 16): Promise<void> {
  await station.controller.start();
  station.ev.plugIn();
  await station.controller.setCurrentLimit(limitA);
  await station.controller.allowEnergy(true);
}

describe('Simulated EV, controller and meter (DESIGN 6)', () => {
  it('the meter integrates the EV power over the clock: 3 x 16 A x 230 V for 30 min is 5520 Wh', async () => {
    const station = makeStation();
    await charging(station);
    expect(station.controller.powerW()).toBe(11_040);
    await station.clock.advance(30 * 60_000);
    const result = await station.meter.read();
    expect(result.ok && result.reading.energyImportWh).toBeCloseTo(5520, 6);
    expect(result.ok && result.reading.powerW?.total).toBe(11_040);
  });

  it('the EV draws min(offered, its own maximum): a 16 A car on a 32 A EVSE draws 16 A', async () => {
    const station = makeStation({ maxCurrentA: 16, phases: 1 });
    await charging(station, 32);
    expect(station.controller.powerW()).toBe(16 * 230);
  });

  it('SoC rises while charging and the EV stops asking at its target: C -> B, contactor open, no more energy', async () => {
    const station = makeStation({ batteryCapacityWh: 11_040, socPercent: 50, targetSocPercent: 100 });
    await charging(station);
    await station.clock.advance(15 * 60_000);
    expect(station.ev.socPercent()).toBeCloseTo(75, 6);
    await station.clock.advance(15 * 60_000);
    expect(station.controller.status()).toMatchObject({ cp: 'B', relayClosed: false });
    const energy = station.meter.energyImportWh();
    await station.clock.advance(60 * 60_000);
    expect(station.meter.energyImportWh()).toBeCloseTo(energy, 6);
    expect(energy).toBeCloseTo(5520, 6);
  });

  it('an EV that suspends goes back to B and draws nothing; resuming brings C and power back', async () => {
    const station = makeStation();
    await charging(station);
    station.ev.setSuspended(true);
    expect(station.controller.status()).toMatchObject({ cp: 'B', relayClosed: false });
    expect(station.controller.powerW()).toBe(0);
    station.ev.setSuspended(false);
    expect(station.controller.status()).toMatchObject({ cp: 'C', relayClosed: true });
  });

  it('a welded relay stays closed when energy is withdrawn and is reported as RelayWelded', async () => {
    const station = makeStation();
    await charging(station);
    const events: unknown[] = [];
    station.controller.onEvent((event) => events.push(event));
    station.controller.injectFault('RelayWelded', true);
    await station.controller.allowEnergy(false);
    expect(station.controller.status().relayClosed).toBe(true);
    expect(events).toContainEqual({ kind: 'fault', fault: 'RelayWelded', active: true });
  });

  it('an RCD trip stops the PWM and opens the contactor', async () => {
    const station = makeStation();
    await charging(station);
    station.controller.injectFault('RcdTripped', true);
    expect(station.controller.status()).toMatchObject({ relayClosed: false, pwmDutyPercent: null, activeFaults: ['RcdTripped'] });
    expect(station.controller.powerW()).toBe(0);
  });

  it('a simulated link loss makes commands fail with link-down', async () => {
    const station = makeStation();
    await station.controller.start();
    station.controller.injectFault('LinkLost', true);
    expect(station.controller.status().linkUp).toBe(false);
    await expect(station.controller.setCurrentLimit(10)).rejects.toMatchObject({ kind: 'link-down' });
  });
});
