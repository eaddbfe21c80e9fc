import type { CallOutcome } from './call-outcome.js';
import type { CsmsControl } from './csms-dev-api.js';
import type { FrameStreams } from './frame-streams.js';
import { HttpError, readJsonBody, sendJson } from './http-json.js';
import type { Route } from './http-router.js';
import { parsePolicyPatch, PolicyError } from './policy.js';

/** What the HTTP API serves. */
export interface ApiRoutesDeps {
  readonly csms: CsmsControl;
  readonly streams: FrameStreams;
}

/** `GET /api/frames` without `limit` returns this many of the newest frames. */
const DEFAULT_FRAME_LIMIT = 100;
/** The longest a caller may make an HTTP request wait for a station's answer. */
const MAX_CALL_TIMEOUT_MS = 600_000;

/** The routes of the HTTP JSON API (README "HTTP API"). */
export function apiRoutes(deps: ApiRoutesDeps): Route[] {
  const { csms, streams } = deps;
  return [
    { method: 'GET', path: '/api/stations', handle: ({ response }) => sendJson(response, 200, { stations: csms.stations() }) },
    {
      method: 'GET',
      path: '/api/stations/:id',
      handle: ({ response, params }) => {
        const identity = params['id'] ?? '';
        const station = csms.station(identity);
        if (station === undefined) throw new HttpError(404, `no station ${JSON.stringify(identity)} has connected`);
        sendJson(response, 200, station);
      },
    },
    {
      method: 'POST',
      path: '/api/stations/:id/call/:action',
      handle: async ({ request, response, params, query }) => {
        const identity = params['id'] ?? '';
        const action = params['action'] ?? '';
        const timeoutMs = optionalInteger(query, 'timeoutMs', 1, MAX_CALL_TIMEOUT_MS);
        const payload = await readJsonBody(request);
        const outcome = await csms.call(identity, action, payload, timeoutMs === undefined ? {} : { timeoutMs });
        answerCall(response, identity, outcome);
      },
    },
    {
      method: 'GET',
      path: '/api/frames',
      handle: ({ response, query }) => {
        const limit = optionalInteger(query, 'limit', 1, csms.ledgerCapacity) ?? DEFAULT_FRAME_LIMIT;
        const identity = query.get('station');
        sendJson(response, 200, { frames: csms.frames(identity === null ? { limit } : { identity, limit }) });
      },
    },
    {
      method: 'GET',
      path: '/api/frames/stream',
      handle: ({ request, response, query }) => streams.open(request, response, query.get('station') ?? undefined),
    },
    { method: 'GET', path: '/api/policy', handle: ({ response }) => sendJson(response, 200, csms.policy) },
    {
      method: 'PUT',
      path: '/api/policy',
      handle: async ({ request, response }) => {
        const body = await readJsonBody(request);
        try {
          sendJson(response, 200, csms.setPolicy(parsePolicyPatch(body)));
        } catch (error) {
          if (error instanceof PolicyError) throw new HttpError(400, error.message);
          throw error;
        }
      },
    },
  ];
}

function answerCall(response: Parameters<typeof sendJson>[0], identity: string, outcome: CallOutcome): void {
  switch (outcome.kind) {
    case 'response':
      sendJson(response, 200, { response: outcome.response });
      return;
    case 'failed':
      // The station (the upstream of this request) failed or did not answer: gateway errors.
      sendJson(response, outcome.error.code === 'Timeout' ? 504 : 502, { error: outcome.error });
      return;
    case 'refused':
      throw new HttpError(400, outcome.reason, outcome.schemaErrors);
    case 'notConnected':
      throw new HttpError(404, `station ${JSON.stringify(identity)} is not connected`);
    case 'notCsmsAction':
      throw new HttpError(400, outcome.reason);
  }
}

function optionalInteger(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new HttpError(400, `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`);
  return value;
}
