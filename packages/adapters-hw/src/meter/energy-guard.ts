import type { PowerMeterError } from '@evstation/core';

/** Energy counters of one reading, by name (import, export, per phase). */
export type EnergyCounters = Readonly<Record<string, number | undefined>>;

/**
 * Keeps the last accepted value of each energy counter of one meter and refuses a reading whose counter is NaN or
 * lower than before, so a bad value is reported and never billed (hardware.md 4.5).
 */
export class EnergyGuard {
  private readonly last = new Map<string, number>();

  /** Checks every counter; when all pass they become the new reference and undefined is returned. */
  admit(counters: EnergyCounters): PowerMeterError | undefined {
    for (const [name, value] of Object.entries(counters)) {
      if (value === undefined) continue;
      if (!Number.isFinite(value) || value < 0) {
        return { kind: 'decode', message: `${name} decoded to ${value}, not a valid energy counter` };
      }
      const previous = this.last.get(name);
      if (previous !== undefined && value < previous) {
        return { kind: 'energy-backwards', message: `${name} went backwards from ${previous} Wh to ${value} Wh` };
      }
    }
    for (const [name, value] of Object.entries(counters)) if (value !== undefined) this.last.set(name, value);
    return undefined;
  }

  /** The last accepted value of a counter. */
  lastAccepted(name: string): number | undefined {
    return this.last.get(name);
  }
}
