import type {
  ChargeControllerCapabilities,
  ChargeControllerEvent,
  ChargeControllerFault,
  ChargeControllerPort,
  ChargeControllerStatus,
  ClockPort,
  LoggerPort,
} from '@evstation/core';
import { ControllerCommandError } from '../controller/controller-command-error.js';
import { ControllerStatusTracker } from '../controller/controller-status-tracker.js';
import { ampsToDutyPercent } from '../iec61851/pilot-duty.js';
import { SerialLinkSupervisor } from '../serial/serial-link-supervisor.js';
import type { SerialStreamPort } from '../serial/serial-stream.port.js';
import type { RapiFrame } from './rapi-frame.js';
import { RapiLink, type RapiReply } from './rapi-link.js';
import { decodeRapiState, parseAtNotification, parseGsReply, type RapiRawState } from './rapi-state.js';

/** What a RapiChargeController needs. */
export interface RapiChargeControllerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** The serial line to the OpenEVSE board (115200 8N1). */
  stream: SerialStreamPort;
  /** `$GS` poll period; the poll is also the keep-alive that notices a silent peer (default 1000 ms). */
  pollIntervalMs?: number;
  commandTimeoutMs?: number;
  /** Polls without reply before the link is declared lost (default 3). */
  missedPollsForLinkLoss?: number;
  /** Reopen delays after the device went away (EIO): initial, doubling to max (default 1 s .. 30 s). */
  reopenBackOff?: { initialMs: number; maxMs: number };
  /** Supply phases wired to the EVSE (RAPI cannot tell). */
  phases?: 1 | 3;
}

/**
 * An OpenEVSE board over RAPI as a ChargeControllerPort (hardware.md 5.2): `$GS` polling as keep-alive, `$AT`
 * notifications, `$SC amps V` (volatile), `$FE`/`$FS`/`$FD` for enable/pause/disable, and the auth lock `$S4` as the
 * permission to close the contactor. After EIO or a board reboot the desired state is restored.
 */
export class RapiChargeController implements ChargeControllerPort {
  private readonly link: RapiLink;
  private readonly supervisor: SerialLinkSupervisor;
  private readonly tracker = new ControllerStatusTracker();
  private caps: ChargeControllerCapabilities;
  /** What the station asked for; currentA undefined = never set (the board's own setting stands). */
  private desired: { available: boolean; paused: boolean; energyAllowed: boolean; currentA: number | undefined } = {
    available: true,
    paused: false,
    energyAllowed: false,
    currentA: undefined,
  };
  /** The current capacity the board reports (GC, SC, $AT). */
  private deviceCurrentA = 0;

  constructor(private readonly deps: RapiChargeControllerDeps) {
    this.link = new RapiLink({ clock: deps.clock, logger: deps.logger, stream: deps.stream, commandTimeoutMs: deps.commandTimeoutMs ?? 1000 });
    this.link.onAsync((frame) => this.onAsync(frame));
    this.caps = { minCurrentA: 6, maxCurrentA: 32, phases: deps.phases ?? 1, hasLock: false };
    this.supervisor = new SerialLinkSupervisor({
      clock: deps.clock,
      logger: deps.logger,
      stream: deps.stream,
      pollIntervalMs: deps.pollIntervalMs ?? 1000,
      missedPollsForLinkLoss: deps.missedPollsForLinkLoss ?? 3,
      reopenBackOff: deps.reopenBackOff ?? { initialMs: 1000, maxMs: 30_000 },
      attach: () => this.link.attach(),
      detach: (reason) => this.link.detach(reason),
      handshake: () => this.handshake(),
      poll: () => this.refresh(),
      linkChanged: (up) => this.linkChanged(up),
    });
  }

  /** Opens the line, reads version, capacity and state, withholds energy until allowEnergy(true), starts polling. */
  start(): Promise<void> {
    return this.supervisor.start();
  }

  stop(): Promise<void> {
    return this.supervisor.stop();
  }

  capabilities(): ChargeControllerCapabilities {
    return { ...this.caps };
  }

  status(): ChargeControllerStatus {
    return this.tracker.status();
  }

  onEvent(listener: (event: ChargeControllerEvent) => void): () => void {
    return this.tracker.onEvent(listener);
  }

  async setAvailable(available: boolean): Promise<void> {
    this.requireStarted();
    this.desired.available = available;
    await this.applyEnableState();
  }

  async setCurrentLimit(amps: number): Promise<number> {
    this.requireStarted();
    if (amps <= 0) {
      this.desired.paused = true;
      await this.applyEnableState();
      return 0;
    }
    const applied = await this.applyCurrent(amps);
    this.desired = { ...this.desired, paused: false, currentA: applied };
    await this.applyEnableState();
    return applied;
  }

  async allowEnergy(allow: boolean): Promise<void> {
    this.requireStarted();
    this.desired.energyAllowed = allow;
    await this.applyAuthLock();
    await this.refresh();
  }

  /** Identifies the board and (re)applies everything the station asked for. */
  private async handshake(): Promise<void> {
    const version = await this.link.send('GV');
    this.deps.logger.info({ firmware: version.params[0], protocol: version.params[1] }, 'OpenEVSE controller found');
    const [min, hwMax, pilot] = (await this.link.send('GC')).params.map((p) => Number.parseInt(p, 10));
    if (min !== undefined && hwMax !== undefined && !Number.isNaN(min) && !Number.isNaN(hwMax)) this.caps = { ...this.caps, minCurrentA: min, maxCurrentA: hwMax };
    if (pilot !== undefined && !Number.isNaN(pilot)) this.deviceCurrentA = pilot;
    if (this.desired.currentA !== undefined) await this.applyCurrent(this.desired.currentA);
    await this.applyAuthLock();
    if (this.supervisor.isStarted()) await this.applyEnableState();
    else await this.refresh();
  }

  private async applyCurrent(amps: number): Promise<number> {
    const reply = await this.link.send('SC', [Math.round(amps), 'V']);
    const applied = Number.parseInt(reply.params[0] ?? '', 10);
    if (Number.isNaN(applied)) throw new ControllerCommandError('rejected', `SC ${amps} refused without a value`);
    this.deviceCurrentA = applied;
    return applied;
  }

  private async applyAuthLock(): Promise<void> {
    const reply = await this.link.send('S4', [this.desired.energyAllowed ? 0 : 1]);
    expectOk(reply, 'S4 (auth lock): the firmware cannot withhold energy, G05.FR.01 cannot be honoured');
  }

  private async applyEnableState(): Promise<void> {
    const { available, paused } = this.desired;
    const command = !available ? 'FD' : paused ? 'FS' : 'FE';
    expectOk(await this.link.send(command), command);
    await this.refresh();
  }

  /** Reads `$GS` and publishes the result (also the keep-alive poll). */
  private async refresh(): Promise<void> {
    const reply = await this.link.send('GS');
    const raw = reply.ok ? parseGsReply(reply.params) : undefined;
    if (raw === undefined) throw new ControllerCommandError('rejected', `GS answered ${reply.params.join(' ')}`);
    this.publish(raw);
  }

  private publish(raw: RapiRawState, currentCapacityA?: number): void {
    if (currentCapacityA !== undefined) this.deviceCurrentA = currentCapacityA;
    const state = decodeRapiState(raw);
    const pwmOn = state.enabled && !state.sleeping && ['A', 'B', 'C', 'D'].includes(state.cp) && state.faults.length === 0;
    const linkLost = this.supervisor.isStarted() && !this.supervisor.isUp();
    this.tracker.update({
      cp: state.cp,
      relayClosed: state.relayClosed,
      available: state.enabled,
      energyAllowed: !state.authLocked,
      offeredCurrentA: pwmOn ? this.deviceCurrentA : 0,
      pwmDutyPercent: pwmOn ? ampsToDutyPercent(this.deviceCurrentA) : null,
      activeFaults: linkLost ? [...state.faults, 'LinkLost'] : state.faults,
    });
  }

  private linkChanged(up: boolean): void {
    const others = this.tracker.status().activeFaults.filter((fault) => fault !== 'LinkLost');
    // While the link is down nothing is known about the relay; the evse-manager treats LinkLost as a fault.
    const faults: ChargeControllerFault[] = up ? others : [...others, 'LinkLost'];
    this.tracker.update({ linkUp: up, activeFaults: faults });
  }

  private onAsync(frame: RapiFrame): void {
    if (frame.head === 'AT') {
      const notification = parseAtNotification(frame.params);
      if (notification !== undefined) this.publish(notification, notification.currentCapacityA);
    } else if (frame.head === 'AB') {
      this.deps.logger.warn({ postCode: frame.params[0], firmware: frame.params[1] }, 'OpenEVSE controller rebooted');
      // A reboot forgets volatile settings (current, auth lock, enable state): apply them again.
      if (this.supervisor.isStarted()) {
        this.handshake().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'Restoring controller settings failed'));
      }
    }
  }

  private requireStarted(): void {
    if (!this.supervisor.isStarted()) throw new ControllerCommandError('not-started', 'RapiChargeController.start() has not completed');
  }
}

function expectOk(reply: RapiReply, what: string): void {
  if (!reply.ok) throw new ControllerCommandError('rejected', `${what} refused: $NK ${reply.params.join(' ')}`);
}
