export { FakeClock } from './fake-clock.js';
export { FakeTransport } from './fake-transport.js';
export { MemoryLogger, silentLogger, type LogEntry } from './memory-logger.js';
export { powerMeterContract, type PowerMeterContractHarness, type PowerMeterContractOptions } from './power-meter-contract.js';
export {
  chargeControllerContract,
  type ChargeControllerContractHarness,
  type ContractEv,
} from './charge-controller-contract.js';
export { runAllTimers, runUntilSettled } from './clock-driver.js';
export { connectorLockContract, type ConnectorLockContractHarness } from './connector-lock-contract.js';
export { tokenReaderContract, type TokenReaderContractHarness } from './token-reader-contract.js';
export * from './store-contracts/index.js';
export { FakeFileTransfer, type ReceivedUpload } from './fake-file-transfer.js';
export { sha256Hex } from './sha256.js';
export { replyContext } from './reply-context.js';
export { flushMicrotasks } from './clock-driver.js';
