import { WsTransport } from '@evstation/adapters-transport';
import { ContainerModule } from 'inversify';
import type { TransportFactory } from '../station-host-deps.js';
import { TOKENS } from '../tokens.js';

/** The websocket transport (DESIGN 5): a fresh WsTransport per boot, security profiles 0-3. */
export function wsTransportModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.TransportFactory).toConstantValue(((deps) => new WsTransport(deps)) satisfies TransportFactory);
  });
}
