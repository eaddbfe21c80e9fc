import { describe, expect, it } from 'vitest';
import { makeEndpoint } from '../../rpc/rpc-test-kit.js';
import { InMemoryAuthCacheStore } from '../../storage-memory/in-memory-auth-cache-store.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { CustomerInformation } from './customer-information.js';
import { diagnosticsBlock } from './diagnostics.block.js';
import { makeLogKit } from './log-uploader.test-kit.js';

describe('N diagnostics block on the RPC endpoint', () => {
  it('installs only what it is given', () => {
    expect(Object.keys(diagnosticsBlock({}).handlers)).toEqual([]);
    expect(Object.keys(diagnosticsBlock({ logs: makeLogKit().uploader }).handlers)).toEqual(['GetLog']);
  });

  it('TC_P_03_CS GetLog and CustomerInformation carrying customData are served; the upload starts after the CALLRESULT', async () => {
    const logs = makeLogKit();
    const customerInformation = new CustomerInformation({
      clock: new FakeClock(),
      logger: new MemoryLogger(),
      authCache: new InMemoryAuthCacheStore(),
      sendNotifyCustomerInformation: () => Promise.resolve({}),
    });
    const { endpoint, wire, sink, settle } = makeEndpoint([diagnosticsBlock({ logs: logs.uploader, customerInformation })]);
    // What the log server had seen at the moment each frame went out.
    const attemptsAtSend: number[] = [];
    const send = sink.send;
    sink.send = (text) => (attemptsAtSend.push(logs.files.attempts.length), send(text));
    const custom = { vendorId: 'com.unknown', extra: true };
    endpoint.receive(
      JSON.stringify([2, 'g1', 'GetLog', { requestId: 1, logType: 'SecurityLog', log: { remoteLocation: 'https://logs.example.com/', customData: custom }, customData: custom }]),
    );
    await settle();
    expect(wire).toEqual([[3, 'g1', { status: 'Accepted', filename: 'SecurityLog-1-20260301T100000Z.log' }]]);
    expect(attemptsAtSend).toEqual([0]);
    await logs.settle();
    expect(logs.statuses()).toEqual(['Uploading#1', 'Uploaded#1']);
    endpoint.receive(
      JSON.stringify([2, 'c1', 'CustomerInformation', { requestId: 2, report: true, clear: false, idToken: { idToken: 'A', type: 'Central', customData: custom } }]),
    );
    await settle();
    expect(wire[1]).toEqual([3, 'c1', { status: 'Accepted' }]);
  });
});
