import { describe, expect, it } from 'vitest';
import { makeEndpoint } from '../../rpc/rpc-test-kit.js';
import { firmwareBlock } from './firmware.block.js';
import { makeFirmwareKit, signedRequest } from './firmware.test-kit.js';

describe('L firmware block on the RPC endpoint', () => {
  it('declares UpdateFirmware only', () => {
    expect(Object.keys(firmwareBlock({ updater: makeFirmwareKit().updater }).handlers)).toEqual(['UpdateFirmware']);
  });

  it('L01: the CALLRESULT goes out before the download starts, and a request with customData is served', async () => {
    const kit = makeFirmwareKit();
    const { endpoint, wire, sink, settle } = makeEndpoint([firmwareBlock({ updater: kit.updater })]);
    // What the file server had seen at the moment each frame went out.
    const attemptsAtSend: number[] = [];
    const send = sink.send;
    sink.send = (text) => (attemptsAtSend.push(kit.files.attempts.length), send(text));
    const request = signedRequest(31);
    const frame = [2, 'u1', 'UpdateFirmware', { ...request, firmware: { ...request.firmware, customData: { vendorId: 'com.example', channel: 'beta' } } }];
    endpoint.receive(JSON.stringify(frame));
    await settle();
    expect(wire).toEqual([[3, 'u1', { status: 'Accepted' }]]);
    expect(attemptsAtSend).toEqual([0]);
    await kit.settle();
    expect(kit.statuses()[0]).toBe('Downloading#31');
    expect(kit.files.attempts).toHaveLength(1);
  });

  it('a malformed UpdateFirmware (no firmware.location) gets a CALLERROR and starts nothing', async () => {
    const kit = makeFirmwareKit();
    const { endpoint, wire, settle } = makeEndpoint([firmwareBlock({ updater: kit.updater })]);
    endpoint.receive(JSON.stringify([2, 'u2', 'UpdateFirmware', { requestId: 1, firmware: { retrieveDateTime: '2026-03-01T10:00:00Z' } }]));
    await settle();
    expect(wire).toHaveLength(1);
    expect((wire[0] as unknown[])[0]).toBe(4);
    expect(kit.files.attempts).toEqual([]);
  });
});
