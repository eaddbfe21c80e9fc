export { availabilityStoreContract } from './availability-store-contract.js';
export { deviceModelStoreContract } from './device-model-store-contract.js';
export { messageQueueStoreContract } from './message-queue-store-contract.js';
export { networkProfileStoreContract } from './network-profile-store-contract.js';
export { securityLogStoreContract } from './security-log-store-contract.js';
export { stationStoresContract, type StationStoresContractFactory } from './station-stores-contract.js';
export { fullNetworkProfile, fullVariable, minimalNetworkProfile, minimalVariable, notRebootVariable } from './store-contract-fixtures.js';
export { storeContractSession, type StoreContractFactory, type StoreContractHarness, type StoreContractSession } from './store-contract-harness.js';
