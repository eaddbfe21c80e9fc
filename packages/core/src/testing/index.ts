export { FakeClock } from './fake-clock.js';
export { FakeTransport } from './fake-transport.js';
export { MemoryLogger, silentLogger, type LogEntry } from './memory-logger.js';
