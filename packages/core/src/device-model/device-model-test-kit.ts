import type { DeviceModelStorePort } from '../ports/storage/device-model-store.port.js';
import { InMemoryDeviceModelStore } from '../storage-memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryLogger } from '../testing/memory-logger.js';
import type { ConfigValue, DeviceModelConfig, StationLayout } from './definitions.js';
import { DeviceModel } from './device-model.js';

/** Two AC EVSEs (22 kW socket, 11 kW cable) with one Type 2 connector each (tests only). */
export const twoEvseLayout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'sType2' }] },
    { id: 2, powerW: 11_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

/** The value every station must give: its identity (tests only). */
export const identityValue: ConfigValue = { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS-TEST-1' };

/** A config with the two-EVSE layout, the identity and `extra` values/additions (tests only). */
export function testConfig(extra: Partial<DeviceModelConfig> = {}): DeviceModelConfig {
  return { layout: extra.layout ?? twoEvseLayout, values: [identityValue, ...(extra.values ?? [])], additions: extra.additions ?? [] };
}

/** Loads a device model on an in-memory store with a memory logger and a fake clock (tests only). */
export function loadTestModel(options: { config?: DeviceModelConfig; store?: DeviceModelStorePort; clock?: FakeClock | null } = {}) {
  const store = options.store ?? new InMemoryDeviceModelStore();
  const logger = new MemoryLogger();
  const clock = options.clock === null ? undefined : (options.clock ?? new FakeClock(new Date('2026-03-01T12:00:00.000Z')));
  const config = options.config ?? testConfig();
  const model = DeviceModel.load(clock === undefined ? { store, logger } : { store, logger, clock }, config);
  return { model, store, logger, clock, config };
}
