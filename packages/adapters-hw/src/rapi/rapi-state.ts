import type { ChargeControllerFault, CpState } from '@evstation/core';

/** OpenEVSE EVSE_STATE_xxx codes (hex on the wire; hardware.md 5.2). */
export const RAPI_EVSE_STATE = {
  A: 0x01,
  B: 0x02,
  C: 0x03,
  D: 0x04,
  DIODE_CHECK_FAILED: 0x05,
  GFCI_FAULT: 0x06,
  NO_GROUND: 0x07,
  STUCK_RELAY: 0x08,
  GFI_SELF_TEST_FAILED: 0x09,
  OVER_TEMPERATURE: 0x0a,
  OVER_CURRENT: 0x0b,
  RELAY_CLOSURE_FAULT: 0x0e,
  SLEEPING: 0xfe,
  DISABLED: 0xff,
} as const;

/** OpenEVSE m_wVFlags bits (J1772EvseController.h). */
export const RAPI_VFLAG = {
  HARD_FAULT: 0x0002,
  AUTH_LOCKED: 0x0008,
  CHARGING_ON: 0x0040,
  GFI_TRIPPED: 0x0080,
  EV_CONNECTED: 0x0100,
} as const;

const FAULT_BY_STATE: ReadonlyMap<number, ChargeControllerFault> = new Map<number, ChargeControllerFault>([
  [RAPI_EVSE_STATE.DIODE_CHECK_FAILED, 'DiodeFault'],
  [RAPI_EVSE_STATE.GFCI_FAULT, 'RcdTripped'],
  [RAPI_EVSE_STATE.NO_GROUND, 'GroundFault'],
  [RAPI_EVSE_STATE.STUCK_RELAY, 'RelayWelded'],
  [RAPI_EVSE_STATE.GFI_SELF_TEST_FAILED, 'RcdSelfTestFailed'],
  [RAPI_EVSE_STATE.OVER_TEMPERATURE, 'OverTemperature'],
  [RAPI_EVSE_STATE.OVER_CURRENT, 'OverCurrent'],
  [RAPI_EVSE_STATE.RELAY_CLOSURE_FAULT, 'RelayNotClosing'],
]);

const PILOT_LETTER: ReadonlyMap<number, CpState> = new Map<number, CpState>([
  [RAPI_EVSE_STATE.A, 'A'],
  [RAPI_EVSE_STATE.B, 'B'],
  [RAPI_EVSE_STATE.C, 'C'],
  [RAPI_EVSE_STATE.D, 'D'],
]);

/** The raw state triple a `$GS` reply or an `$AT` notification carries. */
export interface RapiRawState {
  evseState: number;
  pilotState: number;
  vflags: number;
}

/** What the adapter makes of a raw state. */
export interface RapiDecodedState {
  cp: CpState;
  relayClosed: boolean;
  /** False when the EVSE is disabled (`$FD`, pilot -12 V). */
  enabled: boolean;
  /** True when sleeping (`$FS`): pilot steady +12 V, no PWM. */
  sleeping: boolean;
  authLocked: boolean;
  faults: ChargeControllerFault[];
}

/** Maps OpenEVSE state codes and flags onto IEC 61851 pilot states and the port's faults. */
export function decodeRapiState(raw: RapiRawState): RapiDecodedState {
  const enabled = raw.evseState !== RAPI_EVSE_STATE.DISABLED;
  const fault = FAULT_BY_STATE.get(raw.evseState);
  const known = PILOT_LETTER.has(raw.evseState) || raw.evseState === RAPI_EVSE_STATE.SLEEPING || !enabled;
  const faults: ChargeControllerFault[] = fault !== undefined ? [fault] : known ? [] : ['Vendor'];
  let cp: CpState = enabled ? (PILOT_LETTER.get(raw.pilotState) ?? 'F') : 'F';
  if (raw.evseState === RAPI_EVSE_STATE.DIODE_CHECK_FAILED) cp = 'E';
  return {
    cp,
    relayClosed: (raw.vflags & RAPI_VFLAG.CHARGING_ON) !== 0,
    enabled,
    sleeping: raw.evseState === RAPI_EVSE_STATE.SLEEPING,
    authLocked: (raw.vflags & RAPI_VFLAG.AUTH_LOCKED) !== 0,
    faults,
  };
}

/** Reads `$OK evsestate elapsed pilotstate vflags` (GS); undefined when malformed. */
export function parseGsReply(params: readonly string[]): RapiRawState | undefined {
  const [evse, , pilot, flags] = params;
  return rawState(evse, pilot, flags);
}

/** Reads `$AT evsestate pilotstate currentcapacity vflags`; undefined when malformed. */
export function parseAtNotification(params: readonly string[]): (RapiRawState & { currentCapacityA: number }) | undefined {
  const [evse, pilot, amps, flags] = params;
  const raw = rawState(evse, pilot, flags);
  const currentCapacityA = Number.parseInt(amps ?? '', 10);
  return raw === undefined || Number.isNaN(currentCapacityA) ? undefined : { ...raw, currentCapacityA };
}

function rawState(evse: string | undefined, pilot: string | undefined, flags: string | undefined): RapiRawState | undefined {
  const values = [evse, pilot, flags].map((v) => (v !== undefined && /^[0-9A-Fa-f]+$/.test(v) ? Number.parseInt(v, 16) : Number.NaN));
  const [evseState = Number.NaN, pilotState = Number.NaN, vflags = Number.NaN] = values;
  return values.some(Number.isNaN) ? undefined : { evseState, pilotState, vflags };
}
