import type { ChargeControllerCapabilities, ChargeControllerStatus } from '../ports/charge-controller.port.js';
import type { LockState } from '../ports/connector-lock.port.js';
import { effectiveLimitA, type EnergyFacts } from './energy-decision.js';
import type { EvseHardware } from './evse-manager-deps.js';
import { unplugSide, type LockFacts, type LockPhase } from './lock-decision.js';

/**
 * What the evse-manager knows about one EVSE's session besides the controller's own status: plug, authorization,
 * availability, the station's holds (stop, pause, release), the lock and the controller's health. Session and
 * authorization boundaries reset the holds that belong to them.
 */
export class EvseFacts {
  connected = false;
  authorized = false;
  operative = true;
  stopped = false;
  paused = false;
  lockPhase: LockPhase = 'unknown';
  controllerStarted = false;
  /** The controller command that last failed (a dead controller), until one succeeds again. */
  controllerError: string | undefined;
  /** The smart-charging seam: an external limit in A per phase. */
  externalLimitA: number | undefined;
  private release: 'none' | 'pending' | 'done' = 'none';

  constructor(private readonly hardware: EvseHardware) {}

  /** A new authorization (after none, or after a stop) is a fresh attempt: holds go, a failed lock may be tried again. */
  newAuthorization(): void {
    this.clearHolds();
    if (this.lockPhase === 'failed') this.lockPhase = 'unknown';
  }

  /** Pilot A -> B: a new session; the lock is where its feedback says. */
  sessionStarted(lockState: LockState | undefined): void {
    this.connected = true;
    this.clearHolds();
    this.lockPhase = lockState ?? 'unknown';
  }

  /** Pilot -> A: returns the side that was unplugged; the station side leaves a socket to be unlocked. */
  sessionFinished(cableRatingA: number | null): 'ev' | 'station' {
    this.connected = false;
    const side = unplugSide(this.hardware.tethered === true, cableRatingA);
    if (side === 'station') this.requestRelease();
    return side;
  }

  /** The connector is to be unlocked once the contactor is open, and not locked again this session. */
  requestRelease(): void {
    this.release = 'pending';
  }

  /** The release's unlock was tried (whatever its outcome): it is not pulsed again for the same release. */
  releaseAttempted(): void {
    if (this.release === 'pending') this.release = 'done';
  }

  /** Faulted (G01/G04): a controller fault, a lost link, or a controller that does not answer commands. */
  faulted(status: ChargeControllerStatus): boolean {
    return status.activeFaults.length > 0 || (this.controllerStarted && !status.linkUp) || this.controllerError !== undefined;
  }

  energyFacts(status: ChargeControllerStatus, capabilities: ChargeControllerCapabilities, unlockRequested: boolean): EnergyFacts {
    return {
      connected: this.connected,
      authorized: this.authorized,
      locked: this.hardware.lock === undefined || this.lockPhase === 'locked',
      operative: this.operative,
      faulted: this.faulted(status),
      lockFailed: this.lockPhase === 'failed',
      stopped: this.stopped,
      paused: this.paused,
      releasing: this.release !== 'none' || unlockRequested,
      limitA: effectiveLimitA({ configuredMaxA: this.hardware.maxCurrentA, capabilities, cableRatingA: status.cableRatingA, externalLimitA: this.externalLimitA }),
    };
  }

  lockFacts(status: ChargeControllerStatus, unlockRequested: boolean, lockOnPlugIn: boolean): LockFacts {
    return {
      hasLock: this.hardware.lock !== undefined,
      phase: this.lockPhase,
      connected: this.connected,
      wantsEnergy: this.authorized && !this.stopped && this.operative && !this.faulted(status),
      lockOnPlugIn,
      releasing: this.release !== 'none',
      releasePending: this.release === 'pending',
      unlockRequested,
      relayClosed: status.relayClosed,
    };
  }

  /** The holds a session or an authorization ends: stop, pause and release. */
  private clearHolds(): void {
    this.stopped = false;
    this.paused = false;
    this.release = 'none';
  }
}
