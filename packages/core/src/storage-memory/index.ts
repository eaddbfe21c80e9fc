export { InMemoryDeviceModelStore } from './in-memory-device-model-store.js';
export { StoreError } from './store-error.js';
export { cloneData, variableKey } from './store-keys.js';
