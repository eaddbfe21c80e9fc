import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { bindTransport, getValidator, parseFrame, Router, RpcEndpoint, serializeCallError, serializeCallResult, validationMiddleware, FormatViolationError } from '@evstation/core';
import { silentLogger } from '@evstation/core';
import { SystemClock } from '@evstation/adapters-hw';
import { WsTransport } from '@evstation/adapters-transport';
import { meterValuesWithTenSamples } from './meter-values-fixture.js';

/** Result of one measured loop. */
export interface RateResult {
  calls: number;
  seconds: number;
  callsPerSecond: number;
}

/** ws delivers a Buffer for text frames here (no fragments, default binaryType). */
function text(data: RawData): string {
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
}

async function listen(server: WebSocketServer): Promise<number> {
  if (server.address() === null) await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Baseline: a raw ws client and server doing the same JSON work (stringify, parse) with no OCPP layer. */
export async function rawWsRate(calls: number): Promise<RateResult> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(text(data)) as [number, string, string, unknown];
      socket.send(JSON.stringify([3, frame[1], {}]));
    });
  });
  const port = await listen(server);
  const client = new WebSocket(`ws://127.0.0.1:${port}`, 'ocpp2.0.1', { perMessageDeflate: false });
  await once(client, 'open');
  const payload = meterValuesWithTenSamples();
  let pending: ((text: string) => void) | undefined;
  client.on('message', (data) => pending?.(text(data)));
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) {
    const answer = new Promise<string>((resolve) => (pending = resolve));
    client.send(JSON.stringify([2, `id-${i}`, 'MeterValues', payload]));
    JSON.parse(await answer);
  }
  const seconds = (performance.now() - start) / 1000;
  client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { calls, seconds, callsPerSecond: calls / seconds };
}

/** A CSMS side that checks every frame like ours does: core's frame parser and the generated validators. */
function validatingCsms(server: WebSocketServer): void {
  const validateRequest = getValidator('MeterValues', 'request');
  const validateResponse = getValidator('MeterValues', 'response');
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = parseFrame(text(data));
      if (frame.kind !== 'call') return;
      if (validateRequest(frame.payload) !== undefined) {
        socket.send(serializeCallError(frame.messageId, new FormatViolationError()));
        return;
      }
      const response = {};
      if (validateResponse(response) === undefined) socket.send(serializeCallResult(frame.messageId, response));
    });
  });
}

/** Ours: WsTransport + RpcEndpoint (validation out and in, one CALL in flight, timeouts) against a validating CSMS. */
export async function evstationRate(calls: number): Promise<RateResult> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, handleProtocols: () => 'ocpp2.0.1' });
  validatingCsms(server);
  const port = await listen(server);
  const clock = new SystemClock();
  const endpoint = new RpcEndpoint({ clock, logger: silentLogger, dispatcher: new Router([], [validationMiddleware(silentLogger)]) }, 30_000);
  const transport = new WsTransport({ clock, logger: silentLogger });
  const connected = new Promise<void>((resolve) => {
    bindTransport(
      transport,
      endpoint,
      { csmsUrl: `ws://127.0.0.1:${port}`, identity: 'BENCH-1', securityProfile: 0, pingIntervalSeconds: 0, retryBackOff: { waitMinimumSeconds: 1, randomRangeSeconds: 0, repeatTimes: 0 } },
      silentLogger,
      { onConnected: resolve },
    );
  });
  await connected;
  const payload = meterValuesWithTenSamples();
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) await endpoint.call('MeterValues', payload);
  const seconds = (performance.now() - start) / 1000;
  await transport.disconnect();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { calls, seconds, callsPerSecond: calls / seconds };
}
