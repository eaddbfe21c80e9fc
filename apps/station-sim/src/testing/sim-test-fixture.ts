import { SystemClock } from '@evstation/adapters-hw';
import { startCsmsDev, type CsmsDev } from '@evstation/csms-dev';
import { silentLogger, type LoggerPort } from '@evstation/core';
import { createAppContainer, createStationContainer, systemModule, TOKENS } from '@evstation/wiring';
import { parseSimArgs } from '../cli-options.js';
import { EventHub } from '../event-hub.js';
import { simStationModules } from '../sim-container.js';
import type { SimOptions } from '../sim-options.js';
import { startSimRuntime, type SimRuntime } from '../sim-runtime.js';
import { simStationSettings } from '../sim-station-settings.js';
import { StationMonitor } from '../station-monitor.js';
import type { StationView } from '../station-view.js';

/** A station-sim running in the test process against an in-process csms-dev (strict ocpp-rpc) on free loopback ports. */
export interface TestSim {
  csms: CsmsDev;
  runtime: SimRuntime;
  options: SimOptions;
  /** Base URL of the control API. */
  url: string;
  /** Calls the control API; resolves with the status and the decoded JSON body. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GET /api/stations/:id. */
  view(id: string): Promise<StationView>;
  stop(): Promise<void>;
}

/**
 * Starts a station-sim the way main.ts composes it (the app's own modules, SystemClock, real ws transport), with
 * in-memory storage and the control API on a free port, against csms-dev. `args` are station-sim options.
 */
export async function startTestSim(args: string[] = [], logger: LoggerPort = silentLogger): Promise<TestSim> {
  const csms = await startCsmsDev({ port: 0, httpPort: 0 });
  const command = parseSimArgs(['--csms', csms.ocppUrl, '--db', ':memory:', '--control', '127.0.0.1:0', ...args], { env: {} });
  if (command.kind !== 'run') throw new Error('expected options to run');
  const options = command.options;
  const clock = new SystemClock();
  const hub = new EventHub();
  const app = createAppContainer([systemModule({ logger, clock })]);
  const stations = Array.from({ length: options.stations }, (_, index) => {
    const monitor = new StationMonitor({ clock, hub, csmsUrl: csms.ocppUrl, messageLog: options.messageLog, throttleMs: 20 });
    const container = createStationContainer(app, simStationModules(options, index, simStationSettings(options, index, csms.ocppUrl, undefined), monitor.observer));
    const { host, evses } = container.get(TOKENS.SimulatedStation);
    monitor.attach({ host, evses });
    return { host, evses, monitor };
  });
  const runtime = await startSimRuntime({ clock, logger, hub, options, stations });
  const url = runtime.controlUrl ?? '';
  const api: TestSim['api'] = async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(url + path, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    csms,
    runtime,
    options,
    url,
    api,
    view: async (id) => (await api('GET', `/api/stations/${encodeURIComponent(id)}`)).body as unknown as StationView,
    stop: async () => {
      await runtime.stop();
      await csms.close();
    },
  };
}

/**
 * Polls `condition` on every turn of the event loop (setImmediate, never a fixed sleep) until it holds; fails with
 * `what` after `timeoutMs` (a bound for a broken station, not a wait).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
