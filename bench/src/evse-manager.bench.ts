import {
  EvseManager,
  silentLogger,
  type ChargingStateEnumType,
  type EvseManagerCallbacks,
  type EvseManagerChargePoint,
  type IdTokenType,
  type MeterValueType,
  type PresentedIdTokenResult,
} from '@evstation/core';
import { SimulatedEvse } from '@evstation/adapters-hw';
import { ManualClock } from './manual-clock.js';

/** CPU spent simulating `stations` for `minutes`, and what it produced. */
export interface LoopCost {
  cpuMs: number;
  /** CPU ms per station per simulated minute. */
  perStationMinuteMs: number;
  wallMs: number;
  /** Good meter readings taken (0 in the baseline, which reads none). */
  meterValues: number;
  /** EVSEs drawing power at the end (all should). */
  charging: number;
}

/** The evse-manager section: the same simulated stations with and without evse-managers. */
export interface EvseManagerCpuResult {
  stations: number;
  evsesPerStation: number;
  minutes: number;
  meterIntervalS: number;
  /** The hardware charging on the clock, nothing reading it. */
  baseline: LoopCost;
  /** Baseline plus a bare timer loop reading every meter every meterIntervalS (no mapping, no ChargePoint). */
  rawPolling: LoopCost;
  /** Baseline with evse-managers (meter polling into MeterValueType, session logic) and a minimal ChargePoint. */
  managed: LoopCost;
}

/** What runs on top of the simulated hardware. */
type Mode = 'baseline' | 'raw-polling' | 'managed';

/** A ChargePoint-like object that accepts every token, counts meter values and calls back as the real one would. */
class MinimalChargePoint implements EvseManagerChargePoint {
  meterValues = 0;
  private readonly authorized = new Set<number>();

  constructor(private readonly callbacks: EvseManagerCallbacks) {}

  onSessionStarted(): void {}
  onSessionFinished(evseId: number): void {
    if (this.authorized.delete(evseId)) this.callbacks.authorizationChanged(evseId, false);
  }
  presentIdToken(_idToken: IdTokenType, options: { evseId?: number } = {}): Promise<PresentedIdTokenResult> {
    const evseId = options.evseId ?? 1;
    this.authorized.add(evseId);
    this.callbacks.authorizationChanged(evseId, true);
    return Promise.resolve({ evseId, idTokenInfo: { status: 'Accepted' }, outcome: 'started' });
  }
  onChargingStateChanged(_evseId: number, _state: ChargingStateEnumType): void {}
  onMeterValue(_evseId: number, _meterValue: MeterValueType): void {
    this.meterValues += 1;
  }
  onFaulted(): void {}
  onFaultCleared(): void {}
  onLockFailure(): void {}
  isAuthorized(evseId: number): boolean {
    return this.authorized.has(evseId);
  }
}

/** A big battery so no EV fills up (and stops drawing) during the run. */
const EV = { batteryCapacityWh: 10_000_000, socPercent: 10 };

/** Reads a meter every `intervalS` on the clock, counting good readings: what polling costs without the manager. */
function rawPoll(clock: ManualClock, evse: SimulatedEvse, intervalS: number, counter: { reads: number }): void {
  const tick = (): void => {
    clock.setTimeout(tick, intervalS * 1000);
    void evse.meter.read().then((result) => {
      if (result.ok) counter.reads += 1;
    });
  };
  clock.setTimeout(tick, intervalS * 1000);
}

async function simulate(mode: Mode, stations: number, evsesPerStation: number, minutes: number, meterIntervalS: number): Promise<LoopCost> {
  const clock = new ManualClock();
  const all: SimulatedEvse[] = [];
  const chargePoints: MinimalChargePoint[] = [];
  const managers: EvseManager[] = [];
  const raw = { reads: 0 };
  for (let s = 0; s < stations; s += 1) {
    const evses = Array.from({ length: evsesPerStation }, (_, i) => new SimulatedEvse({ clock, logger: silentLogger, evseId: i + 1, ev: EV }));
    all.push(...evses);
    if (mode !== 'managed') {
      // Baseline: the same hardware driven by hand once (plug, lock, permission, current); nothing polls it.
      for (const evse of evses) {
        await evse.start();
        evse.ev.plugIn();
        const locking = evse.lock.lock();
        await clock.advance(1_000);
        await locking;
        await evse.controller.allowEnergy(true);
        await evse.controller.setCurrentLimit(16);
        if (mode === 'raw-polling') rawPoll(clock, evse, meterIntervalS, raw);
      }
      continue;
    }
    const manager = new EvseManager({
      clock,
      logger: silentLogger,
      evses: evses.map((evse, i) => ({ evseId: i + 1, controller: evse.controller, lock: evse.lock, meter: evse.meter, tokenReader: evse.tokenReader, maxCurrentA: 16 })),
      options: { meterIntervalS },
    });
    const chargePoint = new MinimalChargePoint(manager.callbacks);
    manager.attach(chargePoint);
    await manager.start();
    for (const evse of evses) {
      evse.command({ type: 'plug-in' });
      evse.command({ type: 'present-token', idToken: 'BENCH' });
    }
    managers.push(manager);
    chargePoints.push(chargePoint);
  }
  await clock.advance(1_000); // the locks close, energy flows
  const count = (): number => raw.reads + chargePoints.reduce((sum, cp) => sum + cp.meterValues, 0);
  const countBefore = count();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (let m = 0; m < minutes; m += 1) await clock.advance(60_000);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  const charging = all.filter((evse) => evse.controller.powerW() > 0).length;
  const meterValues = count() - countBefore;
  await Promise.all(managers.map((manager) => manager.stop()));
  if (mode !== 'managed') await Promise.all(all.map((evse) => evse.stop()));
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { cpuMs, perStationMinuteMs: cpuMs / (stations * minutes), wallMs, meterValues, charging };
}

/**
 * The evse-manager's CPU cost per simulated station per minute of charging (issue 5 §5): `stations` stations of
 * `evsesPerStation` SimulatedEvses, every EVSE charging, simulated for `minutes` on a hand-moved clock; evse-managers
 * polling meters every `meterIntervalS` into a minimal ChargePoint, beside the same hardware and clock with nothing on
 * top (baseline) and with a bare meter-reading timer loop (raw polling). Each mode is warmed up once first.
 */
export async function evseManagerCpu(stations = 100, minutes = 120, evsesPerStation = 2, meterIntervalS = 10): Promise<EvseManagerCpuResult> {
  const modes: Mode[] = ['baseline', 'raw-polling', 'managed'];
  for (const mode of modes) await simulate(mode, Math.min(stations, 10), evsesPerStation, 10, meterIntervalS);
  const baseline = await simulate('baseline', stations, evsesPerStation, minutes, meterIntervalS);
  const rawPolling = await simulate('raw-polling', stations, evsesPerStation, minutes, meterIntervalS);
  const managed = await simulate('managed', stations, evsesPerStation, minutes, meterIntervalS);
  return { stations, evsesPerStation, minutes, meterIntervalS, baseline, rawPolling, managed };
}
