import { applyEvseAction, EVSE_ACTIONS } from './evse-actions.js';
import { HttpError } from './http-error.js';
import type { SimFleet, SimStation } from './sim-fleet.js';
import { stationView } from './station-view.js';

/** A parsed control API request. */
export interface ControlRequest {
  method: string;
  /** Path segments after `/api/`, percent-decoded. */
  segments: string[];
  query: URLSearchParams;
  /** The JSON body (an object); {} when there was none. */
  body: () => Promise<Record<string, unknown>>;
}

/** A JSON answer. */
export interface ControlResponse {
  status: number;
  body: unknown;
}

const DEFAULT_MESSAGES = 50;

function allow(request: ControlRequest, method: 'GET' | 'POST'): void {
  if (request.method !== method) throw new HttpError(405, `${request.method} is not allowed here; use ${method}`, { allow: method });
}

function stationOf(fleet: SimFleet, id: string | undefined): SimStation {
  const station = id === undefined ? undefined : fleet.get(id);
  if (station === undefined) throw new HttpError(404, `no station ${JSON.stringify(id)} in this process`);
  return station;
}

function messages(station: SimStation, query: URLSearchParams): ControlResponse {
  const text = query.get('limit');
  const limit = text === null ? DEFAULT_MESSAGES : Number(text);
  if (!/^\d+$/.test(text ?? '0') || limit < 1) throw new HttpError(400, `limit must be a whole number of at least 1 (got ${JSON.stringify(text)})`);
  return { status: 200, body: { station: station.host.identity, messages: station.monitor.log.last(limit) } };
}

async function evseAction(station: SimStation, evseText: string | undefined, actionText: string | undefined, request: ControlRequest): Promise<ControlResponse> {
  const action = EVSE_ACTIONS.find((a) => a === actionText);
  if (action === undefined) throw new HttpError(404, `no EVSE action ${JSON.stringify(actionText)}; actions: ${EVSE_ACTIONS.join(', ')}`);
  allow(request, 'POST');
  const evseId = Number(evseText);
  const evse = /^\d+$/.test(evseText ?? '') ? station.evses[evseId - 1] : undefined;
  if (evse === undefined) throw new HttpError(404, `${station.host.identity} has no EVSE ${JSON.stringify(evseText)} (EVSEs 1 to ${station.evses.length})`);
  applyEvseAction(action, await request.body(), evse, station.host, evseId);
  station.monitor.changed();
  const view = stationView(station.monitor);
  return { status: 200, body: { station: station.host.identity, evse: view.evses[evseId - 1] } };
}

async function powerCycle(station: SimStation, request: ControlRequest): Promise<ControlResponse> {
  allow(request, 'POST');
  const body = await request.body();
  if (Object.keys(body).length > 0) throw new HttpError(400, 'power-cycle takes no fields');
  if (station.host.state !== 'running' && station.host.state !== 'off') throw new HttpError(409, `${station.host.identity} is ${station.host.state}; try again when it is running`);
  await station.host.powerCycle();
  return { status: 200, body: stationView(station.monitor) };
}

/**
 * The control API (issue 6 §2): stations, their EVSEs and transactions, the message log, and the actions on the
 * simulated hardware. Every refusal is an HttpError thrown before anything changes.
 */
export async function routeControl(fleet: SimFleet, request: ControlRequest): Promise<ControlResponse> {
  const [root, id, sub, evseText, action, ...rest] = request.segments;
  if (root !== 'stations' || rest.length > 0) throw new HttpError(404, `no such endpoint /api/${request.segments.join('/')}`);
  if (id === undefined) {
    allow(request, 'GET');
    return { status: 200, body: { stations: fleet.list().map((station) => stationView(station.monitor)) } };
  }
  const station = stationOf(fleet, id);
  if (sub === undefined) {
    allow(request, 'GET');
    return { status: 200, body: stationView(station.monitor) };
  }
  if (sub === 'messages' && evseText === undefined) {
    allow(request, 'GET');
    return messages(station, request.query);
  }
  if (sub === 'power-cycle' && evseText === undefined) return powerCycle(station, request);
  if (sub === 'evses' && evseText !== undefined && action !== undefined) return evseAction(station, evseText, action, request);
  throw new HttpError(404, `no such endpoint /api/${request.segments.join('/')}`);
}
