export { AlignedDataScheduler, type AlignedDataSchedulerDeps } from './aligned-data-scheduler.js';
export { ClockAlignedTimer, nextClockAlignedInstant } from './clock-aligned-timer.js';
export { MeterValueStore } from './meter-value-store.js';
export { meterValuesTrigger, meterValuesTriggerAction, type MeterValuesTriggerDeps } from './meter-values-trigger.js';
export { PeriodicTimer } from './periodic-timer.js';
export { SampledDataScheduler, type SampledDataSchedulerDeps } from './sampled-data-scheduler.js';
export { DEFAULT_MEASURAND, selectMeasurands, selectMeterValues, type SelectOptions } from './select-measurands.js';
export type { Delivery, TransactionMeterValues } from './transaction-meter-values.js';
