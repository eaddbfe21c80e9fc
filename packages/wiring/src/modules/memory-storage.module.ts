import { createInMemoryStationStores } from '@evstation/adapters-storage';
import { ContainerModule } from 'inversify';
import { TOKENS } from '../tokens.js';

/**
 * In-memory storage (DESIGN 4): one set of stores per station, kept across the station's boots so a simulated power
 * cycle or reset finds its transactions again; gone when the process ends.
 */
export function memoryStorageModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.StoresFactory).toResolvedValue(() => {
      const stores = createInMemoryStationStores();
      return () => stores;
    }).inSingletonScope();
  });
}
