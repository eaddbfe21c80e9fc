import type { SimulatedEvse } from '@evstation/adapters-hw';
import type { ClockPort, LoggerPort, TimerHandle } from '@evstation/core';
import type { StationHost } from '@evstation/wiring';
import type { EventHub } from './event-hub.js';
import type { StationMonitor } from './station-monitor.js';

/** One simulated station of the process. */
export interface SimStation {
  host: StationHost;
  evses: readonly SimulatedEvse[];
  monitor: StationMonitor;
}

/** How often the dashboard hears about a station whose EVs draw power (energy and SoC move between OCPP frames). */
const LIVE_REFRESH_MS = 2_000;

/** The stations of one station-sim process, by identity (issue 6 §2: `--stations N`). */
export class SimFleet {
  private readonly byId = new Map<string, SimStation>();
  private ticker: TimerHandle | undefined;

  constructor(
    private readonly deps: { clock: ClockPort; logger: LoggerPort; hub: EventHub },
    stations: readonly SimStation[],
  ) {
    for (const station of stations) this.byId.set(station.host.identity, station);
  }

  get(id: string): SimStation | undefined {
    return this.byId.get(id);
  }

  list(): SimStation[] {
    return [...this.byId.values()];
  }

  /** Boots every station; resolves with those that failed to boot and why (each is also logged). */
  async startAll(): Promise<{ id: string; reason: string }[]> {
    const failed: { id: string; reason: string }[] = [];
    await Promise.all(
      this.list().map((station) =>
        station.host.start().catch((error: unknown) => {
          failed.push({ id: station.host.identity, reason: error instanceof Error ? error.message : String(error) });
          this.deps.logger.error({ station: station.host.identity, err: error }, 'Station did not start');
        }),
      ),
    );
    this.tick();
    return failed;
  }

  /** Stops every station: energy off, connections closed, databases flushed and closed. */
  async stopAll(): Promise<void> {
    this.ticker?.cancel();
    this.ticker = undefined;
    await Promise.all(
      this.list().map((station) => {
        station.monitor.stop();
        return station.host.stop().catch((error: unknown) => this.deps.logger.error({ station: station.host.identity, err: error }, 'Station did not stop cleanly'));
      }),
    );
  }

  private tick(): void {
    this.ticker = this.deps.clock.setTimeout(() => {
      if (this.deps.hub.active) {
        for (const station of this.byId.values()) if (station.evses.some((evse) => evse.controller.powerW() > 0)) station.monitor.changed();
      }
      this.tick();
    }, LIVE_REFRESH_MS);
  }
}
