import type { CableRatingA, ChargeControllerFault, ClockPort, CpState, LockState, LoggerPort, PowerMeterErrorKind, PresentedTokenType } from '@evstation/core';
import { SimulatedChargeController } from './simulated-charge-controller.js';
import { SimulatedConnectorLock } from './simulated-connector-lock.js';
import { SimulatedDisplay } from './simulated-display.js';
import { SimulatedEv, type SimulatedEvOptions } from './simulated-ev.js';
import { SimulatedPowerMeter } from './simulated-power-meter.js';
import { SimulatedTokenReader } from './simulated-token-reader.js';

/** A JSON command of the station-sim control API (DESIGN 7: plug/unplug, token, EV behaviour, faults). */
export type SimulatedEvseCommand =
  | { type: 'plug-in' }
  /** side 'station' (default): the cable leaves the socket too; 'ev': it is pulled at the EV and stays in the socket. */
  | { type: 'unplug'; side?: 'station' | 'ev' }
  | { type: 'present-token'; idToken: string; tokenType?: PresentedTokenType }
  | { type: 'ev'; suspended?: boolean; options?: Partial<SimulatedEvOptions> }
  | { type: 'controller-fault'; fault: ChargeControllerFault; active: boolean }
  | { type: 'lock-fault'; fault: 'jam' | 'force-open' | 'none' }
  | { type: 'meter-fault'; kind: PowerMeterErrorKind | null };

/** What the dashboard shows of one simulated EVSE. */
export interface SimulatedEvseSnapshot {
  plugged: boolean;
  suspended: boolean;
  socPercent: number;
  cp: CpState;
  relayClosed: boolean;
  offeredCurrentA: number;
  powerW: number;
  energyImportWh: number;
  lock: LockState;
  faults: ChargeControllerFault[];
}

/** What a SimulatedEvse needs. */
export interface SimulatedEvseDeps {
  clock: ClockPort;
  logger: LoggerPort;
  evseId: number;
  ev?: Partial<SimulatedEvOptions>;
  /** PP rating of the driver's cable in the station's socket (E09/E10 tell the unplugged side by it); none by default. */
  cableRatingA?: CableRatingA | null;
}

/**
 * One simulated EVSE: EV, controller, meter, lock, token reader and display wired together, implementing every
 * hardware port and scriptable with JSON commands from tests and the station-sim control API.
 */
export class SimulatedEvse {
  readonly ev: SimulatedEv;
  readonly controller: SimulatedChargeController;
  readonly meter: SimulatedPowerMeter;
  readonly lock: SimulatedConnectorLock;
  readonly tokenReader: SimulatedTokenReader;
  readonly display = new SimulatedDisplay();

  constructor(deps: SimulatedEvseDeps) {
    const logger = deps.logger.child({ evseId: deps.evseId });
    this.ev = new SimulatedEv({ clock: deps.clock, ...(deps.ev === undefined ? {} : { options: deps.ev }) });
    this.controller = new SimulatedChargeController({ logger, ev: this.ev, ...(deps.cableRatingA === undefined ? {} : { cableRatingA: deps.cableRatingA }) });
    this.meter = new SimulatedPowerMeter({ clock: deps.clock, source: this.controller, meterId: `simulated-meter-${deps.evseId}` });
    this.lock = new SimulatedConnectorLock({ clock: deps.clock, logger, isContactorClosed: () => this.controller.status().relayClosed });
    this.tokenReader = new SimulatedTokenReader({ clock: deps.clock, readerId: `evse-${deps.evseId}` });
  }

  async start(): Promise<void> {
    await Promise.all([this.controller.start(), this.lock.start(), this.tokenReader.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.controller.stop(), this.lock.stop(), this.tokenReader.stop()]);
  }

  /** Applies one control-API command. */
  command(command: SimulatedEvseCommand): void {
    switch (command.type) {
      case 'plug-in':
        return this.ev.plugIn();
      case 'unplug':
        this.controller.leaveCableInSocket(command.side === 'ev');
        return this.ev.unplug();
      case 'present-token':
        this.tokenReader.present(command.idToken, command.tokenType);
        return;
      case 'ev':
        if (command.options !== undefined) this.ev.configure(command.options);
        if (command.suspended !== undefined) this.ev.setSuspended(command.suspended);
        return;
      case 'controller-fault':
        return this.controller.injectFault(command.fault, command.active);
      case 'lock-fault':
        this.lock.mechanism.jammed = command.fault === 'jam';
        if (command.fault === 'force-open') this.lock.mechanism.forceOpen();
        return;
      case 'meter-fault':
        return this.meter.failReads(command.kind ?? undefined);
    }
  }

  snapshot(): SimulatedEvseSnapshot {
    const status = this.controller.status();
    return {
      plugged: this.ev.isPlugged(),
      suspended: this.ev.isSuspended(),
      socPercent: this.ev.socPercent(),
      cp: status.cp,
      relayClosed: status.relayClosed,
      offeredCurrentA: status.offeredCurrentA,
      powerW: this.controller.powerW(),
      energyImportWh: this.meter.energyImportWh(),
      lock: this.lock.state(),
      faults: [...status.activeFaults],
    };
  }
}
