import { FakeTransport } from '@evstation/core/testing';
import { ContainerModule } from 'inversify';
import { TOKENS } from '../tokens.js';

/** Binds a FakeTransport per boot in place of the websocket (container tests); each one is pushed to `created`. */
export function fakeTransportModule(created: FakeTransport[] = []): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.TransportFactory).toConstantValue(() => {
      const transport = new FakeTransport();
      created.push(transport);
      return transport;
    });
  });
}
