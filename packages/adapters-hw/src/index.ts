export { SystemClock } from './system/system-clock.js';

export { ControllerCommandError } from './controller/controller-command-error.js';
export { ControllerStatusTracker, INITIAL_CONTROLLER_STATUS } from './controller/controller-status-tracker.js';
export { ampsToDutyPercent } from './iec61851/pilot-duty.js';
export { EnergyGuard, type EnergyCounters } from './meter/energy-guard.js';

export { ModbusBus, type ModbusBackOff, type ModbusBusDeps, type ModbusRegisterReader } from './modbus/modbus-bus.js';
export type { ModbusLinkPort, ModbusReadRequest } from './modbus/modbus-link.port.js';
export { ModbusPowerMeter, type ModbusPowerMeterDeps } from './modbus/modbus-power-meter.js';
export { classifyModbusError, ModbusRequestError, type ModbusErrorKind } from './modbus/modbus-request-error.js';
export { ModbusSerialLink, type ModbusLinkConfig, type ModbusSerialLinkDeps } from './modbus/modbus-serial-link.js';
export * from './modbus/meter-models.js';
export { planReads, MAX_REGISTERS_PER_READ, type PlannedField, type ReadBlock } from './modbus/read-plan.js';
export { decodeRegister } from './modbus/register-decoder.js';
export { registerCount, type MeterModel, type MeterQuantity, type ReadFunctionCode, type RegisterSpec, type RegisterType, type WordOrder } from './modbus/register-spec.js';

export type { SerialStreamPort } from './serial/serial-stream.port.js';
export { SerialportStream, type SerialportStreamDeps } from './serial/serialport-stream.js';
export { SerialLinkSupervisor, type SerialLinkSupervisorDeps } from './serial/serial-link-supervisor.js';
export { RapiChargeController, type RapiChargeControllerDeps } from './rapi/rapi-charge-controller.js';
export { encodeRapiFrame, parseRapiFrame, rapiSumChecksum, rapiXorChecksum, type RapiFrame } from './rapi/rapi-frame.js';
export { RapiLink, type RapiLinkDeps, type RapiReply } from './rapi/rapi-link.js';
export { decodeRapiState, RAPI_EVSE_STATE, RAPI_VFLAG, type RapiDecodedState, type RapiRawState } from './rapi/rapi-state.js';

export type { GpioLevel, GpioLineOpener, GpioLinePort, GpioLineRequest } from './gpio/gpio-line.port.js';
export { GpioConnectorLock, type GpioConnectorLockDeps } from './gpio/gpio-connector-lock.js';
export { GpioUnavailableError } from './gpio/gpio-unavailable-error.js';
export { DEFAULT_LOCK_TIMING, type LockTiming } from './gpio/lock-timing.js';
export { OnoffGpioLine } from './gpio/onoff-gpio-line.js';

export { SimulatedChargeController, type SimulatedChargeControllerDeps } from './simulated/simulated-charge-controller.js';
export { SimulatedConnectorLock, type SimulatedConnectorLockDeps } from './simulated/simulated-connector-lock.js';
export { SimulatedDisplay } from './simulated/simulated-display.js';
export { DEFAULT_EV, SimulatedEv, type SimulatedEvOptions } from './simulated/simulated-ev.js';
export { SimulatedEvse, type SimulatedEvseCommand, type SimulatedEvseDeps, type SimulatedEvseSnapshot } from './simulated/simulated-evse.js';
export { SimulatedLockMechanism, type SimulatedLockMechanismDeps } from './simulated/simulated-lock-mechanism.js';
export { SimulatedPowerMeter, type SimulatedPowerMeterDeps, type SimulatedPowerSource } from './simulated/simulated-power-meter.js';
export { SimulatedTokenReader } from './simulated/simulated-token-reader.js';

export { parseTokenLine, SerialLineTokenReader, type SerialLineTokenReaderDeps } from './token-reader/serial-line-token-reader.js';
export { PRESENTED_TOKEN_TYPES } from './token-reader/presented-token-types.js';
