/** IEC 61851-1 control pilot states: A no EV, B EV connected, C charging, D charging with ventilation, E CP shorted / error, F EVSE not available. */
export type CpState = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/**
 * Cable current rating coded by the proximity pilot resistor (IEC 61851-1 Annex B): 1.5 kOhm 13 A, 680 Ohm 20 A,
 * 220 Ohm 32 A, 100 Ohm 63 A three-phase (70 A single-phase).
 */
export type CableRatingA = 13 | 20 | 32 | 63;

/** Faults a charge controller reports (hardware.md 5.1, 5.3); `LinkLost` means the controller itself stopped answering. */
export type ChargeControllerFault =
  | 'DiodeFault'
  | 'RcdTripped'
  | 'RcdSelfTestFailed'
  | 'GroundFault'
  | 'RelayWelded'
  | 'RelayNotClosing'
  | 'OverTemperature'
  | 'OverCurrent'
  | 'PilotFault'
  | 'LinkLost'
  | 'Vendor';

/** What the controller hardware can do, known after `start()`. */
export interface ChargeControllerCapabilities {
  /** Lowest current the pilot can advertise (6 A for IEC 61851-1 PWM). */
  minCurrentA: number;
  /** Highest current the hardware allows. */
  maxCurrentA: number;
  phases: 1 | 3;
  /** Whether the controller drives a connector lock itself. */
  hasLock: boolean;
}

/** The controller's state as last seen by the adapter. */
export interface ChargeControllerStatus {
  cp: CpState;
  /** Duty cycle of the 1 kHz pilot in percent; null when the pilot is steady (X1, E, F). */
  pwmDutyPercent: number | null;
  /** Current advertised to the EV in amperes; 0 when no PWM is offered. */
  offeredCurrentA: number;
  /** Whether the contactor is closed (mirror contact where the hardware has one). */
  relayClosed: boolean;
  /** Whether the station allows the contactor to close when the EV asks (state C/D). */
  energyAllowed: boolean;
  /** False while the EVSE is held unavailable (pilot F / disabled). */
  available: boolean;
  /** Rating of the plugged cable from PP; null when tethered, unplugged or unknown. */
  cableRatingA: CableRatingA | null;
  activeFaults: readonly ChargeControllerFault[];
  /** False while the adapter cannot talk to the controller. */
  linkUp: boolean;
}

/** A change reported by the controller. */
export type ChargeControllerEvent =
  | { kind: 'cp'; state: CpState; previous: CpState }
  | { kind: 'relay'; closed: boolean }
  | { kind: 'pp'; cableRatingA: CableRatingA | null }
  | { kind: 'fault'; fault: ChargeControllerFault; active: boolean; detail?: string }
  | { kind: 'link'; up: boolean };

/** Why a controller command failed. */
export type ChargeControllerErrorKind = 'link-down' | 'timeout' | 'rejected' | 'not-started';

/** What command promises reject with: an Error carrying the adapter's classification. */
export interface ChargeControllerError extends Error {
  readonly kind: ChargeControllerErrorKind;
}

/**
 * An IEC 61851 charge controller (pilot, PP, PWM, contactor, safety faults) as the evse-manager sees it
 * (DESIGN 6, hardware.md 5.5). Commands reject with a ChargeControllerError.
 */
export interface ChargeControllerPort {
  /** Opens the link, reads the hardware's state and starts polling / keep-alive. */
  start(): Promise<void>;
  /** Stops polling and closes the link. */
  stop(): Promise<void>;
  capabilities(): ChargeControllerCapabilities;
  /** Last known state; kept fresh by events and polling. */
  status(): ChargeControllerStatus;
  /** Subscribes to changes; returns the unsubscribe function. */
  onEvent(listener: (event: ChargeControllerEvent) => void): () => void;
  /** false holds the EVSE in state F / disabled so no session can start. */
  setAvailable(available: boolean): Promise<void>;
  /** Sets the advertised current; 0 pauses (no PWM). Resolves with the value the hardware applied (it may clamp). */
  setCurrentLimit(amps: number): Promise<number>;
  /** Gives or withdraws permission to close the contactor when the EV asks (G05.FR.01: only once locked and authorized). */
  allowEnergy(allow: boolean): Promise<void>;
}
