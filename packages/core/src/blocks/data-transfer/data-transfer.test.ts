import { describe, expect, it } from 'vitest';
import type { DataTransferRequest } from '../../messages/index.js';
import { makeEndpoint } from '../../rpc/rpc-test-kit.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { dataTransferBlock } from './data-transfer.block.js';
import { dataTransferRequest } from './data-transfer-request.js';

const received: DataTransferRequest[] = [];
const block = dataTransferBlock({
  logger: new MemoryLogger(),
  vendors: {
    'com.evstation.display': (request) => (received.push(request), { status: 'Accepted', data: { echoed: request.data ?? null } }),
    'com.evstation.meter': {
      messages: { ReadRegister: () => ({ status: 'Accepted', data: 42 }), Explode: () => Promise.reject(new Error('boom')) },
    },
  },
});

/** One CALL through the real RPC endpoint (router + schema validation), returning the frame written back. */
async function call(payload: unknown): Promise<unknown> {
  const { endpoint, wire, settle } = makeEndpoint([block]);
  endpoint.receive(JSON.stringify([2, 'd1', 'DataTransfer', payload]));
  await settle();
  return wire[0];
}

describe('P01 DataTransfer to the Charging Station', () => {
  it('TC_P_01_CS an unknown vendorId gets UnknownVendorId', async () => {
    expect(await call({ vendorId: 'com.unknown', messageId: 'Hello' })).toEqual([3, 'd1', { status: 'UnknownVendorId' }]);
  });

  it('TC_P_01_CS a known vendor with an unknown messageId (or none) gets UnknownMessageId', async () => {
    expect(await call({ vendorId: 'com.evstation.meter', messageId: 'Nope' })).toEqual([3, 'd1', { status: 'UnknownMessageId' }]);
    expect(await call({ vendorId: 'com.evstation.meter' })).toEqual([3, 'd1', { status: 'UnknownMessageId' }]);
    expect(await call({ vendorId: 'com.evstation.meter', messageId: 'toString' })).toEqual([3, 'd1', { status: 'UnknownMessageId' }]);
  });

  it('P01 a known vendor and message is served, data both ways', async () => {
    expect(await call({ vendorId: 'com.evstation.meter', messageId: 'ReadRegister' })).toEqual([3, 'd1', { status: 'Accepted', data: 42 }]);
    expect(await call({ vendorId: 'com.evstation.display', messageId: 'Show', data: { text: 'Hi' } })).toEqual([3, 'd1', { status: 'Accepted', data: { echoed: { text: 'Hi' } } }]);
  });

  it('a failing handler answers Rejected', async () => {
    expect(await call({ vendorId: 'com.evstation.meter', messageId: 'Explode' })).toEqual([3, 'd1', { status: 'Rejected', statusInfo: { reasonCode: 'InternalError' } }]);
  });

  it('TC_P_03_CS customData from an unknown vendor is accepted and ignored, at the top and nested', async () => {
    received.length = 0;
    const frame = await call({
      vendorId: 'com.evstation.display',
      messageId: 'Show',
      data: 'plain',
      customData: { vendorId: 'com.other.vendor', anything: { nested: [1, 2, 3] } },
    });
    expect(frame).toEqual([3, 'd1', { status: 'Accepted', data: { echoed: 'plain' } }]);
    expect(received).toHaveLength(1);
  });

  it('the fallback serves vendors not in the table (the DESIGN dataTransfer callback)', async () => {
    const handler = dataTransferBlock({ logger: new MemoryLogger(), fallback: (request) => ({ status: 'Rejected', data: request.vendorId }) }).handlers.DataTransfer!;
    expect(await handler({ vendorId: 'x' }, { messageId: 'm', afterReply: () => undefined })).toEqual({ status: 'Rejected', data: 'x' });
  });
});

describe('P02 DataTransfer to the CSMS', () => {
  it('resolves to the answer, or to undefined (logged) when not delivered', async () => {
    const logger = new MemoryLogger();
    const answer = await dataTransferRequest({ logger, sendDataTransfer: () => Promise.resolve({ status: 'Accepted', data: 'ok' }) }, { vendorId: 'com.evstation' });
    expect(answer).toEqual({ status: 'Accepted', data: 'ok' });
    const lost = await dataTransferRequest({ logger, sendDataTransfer: () => Promise.reject(new Error('offline')) }, { vendorId: 'com.evstation', messageId: 'Ping' });
    expect(lost).toBeUndefined();
    expect(logger.entries.map((e) => e.message)).toEqual(['DataTransfer to the CSMS not delivered']);
  });
});
