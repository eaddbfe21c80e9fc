export { CancelSource } from './cancel-source.js';
export { redactSecretsOf, redactUrl } from './redact-url.js';
export { scheduleAt } from './schedule-at.js';
