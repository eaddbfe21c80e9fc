import { DEFAULT_EV, PRESENTED_TOKEN_TYPES, type SimulatedEvse, type SimulatedEvseCommand } from '@evstation/adapters-hw';
import type { ChargeControllerFault, PresentedTokenType } from '@evstation/core';
import type { StationHost } from '@evstation/wiring';
import { HttpError } from './http-error.js';

/** The EVSE actions of the control API: POST /api/stations/:id/evses/:evseId/<action>. */
export const EVSE_ACTIONS = ['plug', 'unplug', 'token', 'ev', 'fault'] as const;

/** One of EVSE_ACTIONS. */
export type EvseAction = (typeof EVSE_ACTIONS)[number];

const CONTROLLER_FAULTS: readonly ChargeControllerFault[] = [
  'DiodeFault',
  'RcdTripped',
  'RcdSelfTestFailed',
  'GroundFault',
  'RelayWelded',
  'RelayNotClosing',
  'OverTemperature',
  'OverCurrent',
  'PilotFault',
  'LinkLost',
  'Vendor',
];
/** Faults of the other simulated parts: the lock jams, the meter stops answering. */
const OTHER_FAULTS = ['LockJammed', 'MeterFailure'] as const;

/** Every fault name `.../fault` accepts. */
export const FAULT_NAMES: readonly string[] = [...CONTROLLER_FAULTS, ...OTHER_FAULTS];

type Body = Record<string, unknown>;

function onlyKeys(body: Body, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw new HttpError(400, `unknown field(s) ${extra.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}`);
}

function tokenCommand(body: Body): SimulatedEvseCommand & { type: 'present-token' } {
  onlyKeys(body, ['idToken', 'type']);
  const { idToken, type } = body;
  if (typeof idToken !== 'string' || idToken.length < 1 || idToken.length > 36 || !/^[\x20-\x7e]+$/.test(idToken)) {
    throw new HttpError(400, 'idToken must be a string of 1 to 36 printable ASCII characters');
  }
  if (type !== undefined && !PRESENTED_TOKEN_TYPES.includes(type as PresentedTokenType)) throw new HttpError(400, `type must be one of ${PRESENTED_TOKEN_TYPES.join(', ')}`);
  return { type: 'present-token', idToken, tokenType: (type as PresentedTokenType | undefined) ?? 'ISO14443' };
}

function evCommand(body: Body): SimulatedEvseCommand {
  onlyKeys(body, ['powerW', 'suspended', 'socPercent']);
  const { powerW, suspended, socPercent } = body;
  if (powerW === undefined && suspended === undefined && socPercent === undefined) throw new HttpError(400, 'give at least one of powerW, suspended, socPercent');
  if (powerW !== undefined && (typeof powerW !== 'number' || !(powerW > 0) || powerW > 1_000_000)) throw new HttpError(400, 'powerW must be a number above 0 and at most 1000000');
  if (suspended !== undefined && typeof suspended !== 'boolean') throw new HttpError(400, 'suspended must be true or false');
  if (socPercent !== undefined && (typeof socPercent !== 'number' || !(socPercent >= 0 && socPercent <= 100))) throw new HttpError(400, 'socPercent must be a number from 0 to 100');
  const options = {
    // The EV's on-board charger limit: its most power at the default 230 V three-phase.
    ...(powerW === undefined ? {} : { maxCurrentA: powerW / (DEFAULT_EV.voltageV * DEFAULT_EV.phases) }),
    ...(socPercent === undefined ? {} : { socPercent }),
  };
  return { type: 'ev', ...(suspended === undefined ? {} : { suspended }), ...(Object.keys(options).length === 0 ? {} : { options }) };
}

function faultCommand(body: Body): SimulatedEvseCommand {
  onlyKeys(body, ['fault', 'active']);
  const { fault, active } = body;
  if (typeof fault !== 'string' || !FAULT_NAMES.includes(fault)) throw new HttpError(400, `fault must be one of ${FAULT_NAMES.join(', ')}`);
  if (typeof active !== 'boolean') throw new HttpError(400, 'active must be true or false');
  if (fault === 'LockJammed') return { type: 'lock-fault', fault: active ? 'jam' : 'none' };
  if (fault === 'MeterFailure') return { type: 'meter-fault', kind: active ? 'timeout' : null };
  return { type: 'controller-fault', fault: fault as ChargeControllerFault, active };
}

/**
 * Checks an EVSE action against the body and the EVSE's state, then applies it to the simulated hardware. Throws
 * HttpError (400 bad body, 409 not possible now) before anything changes.
 */
export function applyEvseAction(action: EvseAction, body: Body, evse: SimulatedEvse, host: StationHost, evseId: number): void {
  const plugged = evse.snapshot().plugged;
  switch (action) {
    case 'plug':
      onlyKeys(body, []);
      if (plugged) throw new HttpError(409, `EVSE ${evseId} of ${host.identity} is already plugged in`);
      return evse.command({ type: 'plug-in' });
    case 'unplug':
      onlyKeys(body, []);
      if (!plugged) throw new HttpError(409, `EVSE ${evseId} of ${host.identity} is not plugged in`);
      return evse.command({ type: 'unplug' });
    case 'token': {
      const command = tokenCommand(body);
      if (host.state !== 'running') throw new HttpError(409, `${host.identity} is ${host.state}: its token readers are off`);
      if (!evse.tokenReader.present(command.idToken, command.tokenType)) throw new HttpError(409, `the token reader of EVSE ${evseId} is off`);
      return;
    }
    case 'ev':
      return evse.command(evCommand(body));
    case 'fault':
      return evse.command(faultCommand(body));
  }
}
