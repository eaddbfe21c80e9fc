import { reportMemory } from './memory-report.js';

// Baseline child for the memory benchmark: `empty` reports at once; `core` first imports @evstation/core
// (its index loads the ahead-of-time validators of all 128 schemas).
if (process.argv[2] === 'core') await import('@evstation/core');
await reportMemory();
process.disconnect();
