export { SystemClock } from './system/system-clock.js';
