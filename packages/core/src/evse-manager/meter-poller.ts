import { PeriodicTimer } from '../blocks/meter-values/periodic-timer.js';
import type { MeterValueType } from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { PowerMeterPort } from '../ports/power-meter.port.js';
import { meterValueOf } from './meter-value-mapping.js';

/** What a MeterPoller needs. */
export interface MeterPollerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  meter: PowerMeterPort;
  intervalS: number;
  /** Receives each good reading as an OCPP MeterValueType. */
  onMeterValue: (meterValue: MeterValueType) => void;
}

/**
 * J01/J02 source: reads a meter every `intervalS` on the ClockPort (once at start too) and hands each good reading
 * on; a failed or undecodable read is logged and skipped, never reported as energy. A read still running when the
 * next tick comes is not doubled (a slow Modbus bus must not pile up requests).
 */
export class MeterPoller {
  private readonly timer: PeriodicTimer;
  private inFlight: Promise<void> | undefined;
  private running = false;
  private failures = 0;

  constructor(private readonly deps: MeterPollerDeps) {
    this.timer = new PeriodicTimer(deps.clock, deps.clock.monotonicMs(), () => deps.intervalS, () => void this.poll());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer.arm();
    void this.poll();
  }

  stop(): void {
    this.running = false;
    this.timer.cancel();
  }

  /** Takes one reading now (or joins the one under way); resolves once it was handed on or skipped. */
  poll(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async read(): Promise<void> {
    const { meter, logger } = this.deps;
    try {
      const result = await meter.read();
      if (!this.running) return;
      if (!result.ok) {
        this.failures += 1;
        logger.warn({ meterId: meter.meterId, kind: result.error.kind, failures: this.failures, detail: result.error.message }, 'Meter read failed: reading skipped');
        return;
      }
      const meterValue = meterValueOf(result.reading);
      if (meterValue === undefined) {
        logger.warn({ meterId: meter.meterId }, 'Meter reading has no finite import register: reading skipped');
        return;
      }
      if (this.failures > 0) logger.info({ meterId: meter.meterId, failures: this.failures }, 'Meter reads again');
      this.failures = 0;
      this.deps.onMeterValue(meterValue);
    } catch (error) {
      // The port promises never to reject; an adapter that does anyway must not stop the polling.
      logger.error({ meterId: meter.meterId, err: error }, 'Meter read threw: reading skipped');
    }
  }
}
