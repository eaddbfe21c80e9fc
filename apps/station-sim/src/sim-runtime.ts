import type { ClockPort, LoggerPort } from '@evstation/core';
import { ControlServer } from './control-server.js';
import type { EventHub } from './event-hub.js';
import { SimFleet, type SimStation } from './sim-fleet.js';
import type { SimOptions } from './sim-options.js';

/** A running station-sim: its stations and, unless `--control off`, the control API. */
export interface SimRuntime {
  fleet: SimFleet;
  /** Base URL of the control API and dashboard; undefined with `--control off`. */
  controlUrl: string | undefined;
  /** Stations that did not boot, with the reason (also logged). */
  failed: { id: string; reason: string }[];
  /** Graceful shutdown: control API closed, stations stopped (connections closed, storage flushed). */
  stop(): Promise<void>;
}

/** Boots the stations and opens the control API (issue 6 §2). */
export async function startSimRuntime(deps: { clock: ClockPort; logger: LoggerPort; hub: EventHub; options: Pick<SimOptions, 'control'>; stations: readonly SimStation[] }): Promise<SimRuntime> {
  const fleet = new SimFleet({ clock: deps.clock, logger: deps.logger, hub: deps.hub }, deps.stations);
  let control: ControlServer | undefined;
  let controlUrl: string | undefined;
  const address = deps.options.control;
  if (address !== undefined) {
    control = new ControlServer({ fleet, hub: deps.hub, logger: deps.logger });
    // Listen first: a taken port is a usage problem the user should see before a thousand stations boot.
    controlUrl = await control.listen(address.host, address.port);
  }
  const failed = await fleet.startAll();
  let stopping: Promise<void> | undefined;
  return {
    fleet,
    controlUrl,
    failed,
    stop: () => {
      stopping ??= (async () => {
        await control?.close();
        await fleet.stopAll();
      })();
      return stopping;
    },
  };
}
