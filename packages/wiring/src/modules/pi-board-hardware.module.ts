import {
  GpioConnectorLock,
  METER_MODELS,
  ModbusBus,
  ModbusPowerMeter,
  ModbusSerialLink,
  OnoffGpioLine,
  RapiChargeController,
  SerialLineTokenReader,
  SerialportStream,
  type GpioLevel,
  type LockTiming,
  type ModbusLinkConfig,
} from '@evstation/adapters-hw';
import type { ClockPort, LoggerPort, TokenReaderPort } from '@evstation/core';
import { ContainerModule } from 'inversify';
import { StationConfigError } from '../station-config-error.js';
import type { StationHardware } from '../station-hardware.js';
import { TOKENS } from '../tokens.js';

/** The reference board (DESIGN 7, hardware.md): one EVSE with a Modbus meter, a GPIO lock, a RAPI controller and a reader. */
export interface PiBoardHardwareConfig {
  /** OCPP evseId of the board's EVSE; default 1. */
  evseId?: number;
  /** The installation's maximum current per phase, A. */
  maxCurrentA: number;
  /** A cable fixed to the station (no lock needed; every unplug is at the EV side). */
  tethered?: boolean;
  meter: {
    /** A METER_MODELS id, e.g. eastron-sdm630. */
    model: string;
    link: ModbusLinkConfig;
    unitId: number;
    requestTimeoutMs?: number;
  };
  /** The plug retention lock; absent for a tethered cable. */
  lock?: {
    pins: { lock: number; unlock: number; feedback: number };
    lockedLevel?: GpioLevel;
    timing?: Partial<LockTiming>;
  };
  /** The OpenEVSE board on a serial line (RAPI). */
  controller: { port: string; baudRate?: number; phases?: 1 | 3 };
  /** A reader that writes one token per line on a serial line; none when absent. */
  tokenReader?: { port: string; baudRate?: number };
}

/** Builds the board's adapters: nothing is opened until the station starts (the evse-manager starts the ports). */
function piBoardHardware(config: PiBoardHardwareConfig, clock: ClockPort, logger: LoggerPort): StationHardware {
  const model = METER_MODELS[config.meter.model];
  if (model === undefined) throw new StationConfigError(`meter.model ${JSON.stringify(config.meter.model)} is not one of ${Object.keys(METER_MODELS).join(', ')}`);
  const requestTimeoutMs = config.meter.requestTimeoutMs ?? 1000;
  const link = new ModbusSerialLink({ config: config.meter.link, requestTimeoutMs });
  const bus = new ModbusBus({ clock, logger, link, name: link.name, requestTimeoutMs });
  const meter = new ModbusPowerMeter({ clock, logger, bus, unitId: config.meter.unitId, model });
  const controller = new RapiChargeController({
    clock,
    logger,
    stream: new SerialportStream({ path: config.controller.port, baudRate: config.controller.baudRate ?? 115_200 }),
    ...(config.controller.phases === undefined ? {} : { phases: config.controller.phases }),
  });
  const lockConfig = config.lock;
  const lock =
    lockConfig === undefined
      ? undefined
      : new GpioConnectorLock({
          clock,
          logger,
          openLine: (request) => OnoffGpioLine.open(request),
          pins: lockConfig.pins,
          ...(lockConfig.lockedLevel === undefined ? {} : { lockedLevel: lockConfig.lockedLevel }),
          ...(lockConfig.timing === undefined ? {} : { timing: lockConfig.timing }),
          isContactorClosed: () => controller.status().relayClosed,
        });
  const readerConfig = config.tokenReader;
  const tokenReader: TokenReaderPort | undefined =
    readerConfig === undefined
      ? undefined
      : new SerialLineTokenReader({ clock, logger, stream: new SerialportStream({ path: readerConfig.port, baudRate: readerConfig.baudRate ?? 9600 }) });
  return {
    evses: [
      {
        evseId: config.evseId ?? 1,
        controller,
        meter,
        maxCurrentA: config.maxCurrentA,
        ...(lock === undefined ? {} : { lock }),
        ...(tokenReader === undefined ? {} : { tokenReader }),
        ...(config.tethered === undefined ? {} : { tethered: config.tethered }),
      },
    ],
    // The bus keeps retrying by itself when the meter is not there yet; the boot goes on either way.
    start: async () => {
      await bus.start();
    },
    stop: () => bus.stop(),
  };
}

/** The reference board's hardware (issue 6 §4): Modbus RTU/TCP meter, GPIO lock, OpenEVSE RAPI controller, serial reader. */
export function piBoardHardwareModule(config: PiBoardHardwareConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.StationHardware)
      .toResolvedValue((clock: ClockPort, logger: LoggerPort) => piBoardHardware(config, clock, logger.child({ board: 'pi' })), [TOKENS.Clock, TOKENS.Logger])
      .inSingletonScope();
  });
}
