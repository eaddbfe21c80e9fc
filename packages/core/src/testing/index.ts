export { FakeClock } from './fake-clock.js';
export { MemoryLogger, silentLogger, type LogEntry } from './memory-logger.js';
