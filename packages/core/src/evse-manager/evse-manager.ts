import type { MeterValueType } from '../messages/index.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { EvseManagerCallbacks, EvseManagerChargePoint } from './charge-point-surface.js';
import { EvseDriver } from './evse-driver.js';
import { EvseManagerConfigError, validateEvseManagerDeps, type EvseManagerDeps } from './evse-manager-deps.js';
import { MeterPoller } from './meter-poller.js';
import { presentToken } from './token-presenter.js';

const DEFAULTS = { meterIntervalS: 10, lockOnPlugIn: false, commandRetryS: 10, unlockWaitS: 5 };

/**
 * The default integration of the ChargePoint with the hardware ports (DESIGN 3.3, issue 5 §3), so a board app is
 * wiring only. Build it first, spread `callbacks` into the ChargePoint's callbacks, build the ChargePoint, then
 * `attach(chargePoint)` and `start()`.
 */
export class EvseManager {
  /** The ChargePoint callbacks it implements (library -> station); plain bound functions, safe to spread. */
  readonly callbacks: EvseManagerCallbacks;
  private readonly logger: LoggerPort;
  private readonly drivers = new Map<number, EvseDriver>();
  private readonly mainMeter: MeterPoller | undefined;
  private chargePoint: EvseManagerChargePoint | undefined;
  private unsubscribeReader: (() => void) | undefined;
  private started = false;

  constructor(private readonly deps: EvseManagerDeps) {
    validateEvseManagerDeps(deps);
    this.logger = deps.logger.child({ component: 'EvseManager' });
    const options = { ...DEFAULTS, ...deps.options };
    for (const hardware of deps.evses) {
      this.drivers.set(
        hardware.evseId,
        new EvseDriver({
          clock: deps.clock,
          logger: this.logger,
          hardware,
          lockOnPlugIn: options.lockOnPlugIn,
          meterIntervalS: options.meterIntervalS,
          commandRetryMs: options.commandRetryS * 1000,
          unlockWaitMs: options.unlockWaitS * 1000,
          chargePoint: () => this.chargePoint,
        }),
      );
    }
    const { mainMeter } = deps;
    this.mainMeter =
      mainMeter === undefined
        ? undefined
        : new MeterPoller({
            clock: deps.clock,
            logger: this.logger.child({ evseId: 0 }),
            meter: mainMeter,
            intervalS: options.meterIntervalS,
            onMeterValue: (meterValue) => this.tellMainMeter(meterValue),
          });
    this.callbacks = {
      unlockConnector: (evseId, connectorId) => this.driver(evseId, connectorId)?.unlockConnector() ?? Promise.resolve('UnlockFailed'),
      stopTransaction: (evseId, reason) => this.driver(evseId)?.stopTransaction(reason),
      pauseCharging: (evseId) => this.driver(evseId)?.pauseCharging(),
      authorizationChanged: (evseId, authorized) => this.driver(evseId)?.authorizationChanged(authorized),
      connectorEffectiveOperativeStatusChanged: (evseId, connectorId, status) => this.driver(evseId, connectorId)?.operativeStatusChanged(status),
      refreshMeterValue: (evseId) => (evseId === 0 ? this.mainMeter?.poll() : this.driver(evseId)?.refreshMeterValue()) ?? Promise.resolve(),
    };
  }

  /** Connects the ChargePoint built with `callbacks` (it must exist before `start()`). */
  attach(chargePoint: EvseManagerChargePoint): void {
    if (this.chargePoint !== undefined && this.chargePoint !== chargePoint) throw new EvseManagerConfigError('evse-manager: a ChargePoint is already attached');
    this.chargePoint = chargePoint;
  }

  /** Starts the hardware of every EVSE, the meters and the readers, and reports the sessions already plugged in. */
  async start(): Promise<void> {
    const chargePoint = this.chargePoint;
    if (chargePoint === undefined) throw new EvseManagerConfigError('evse-manager: attach(chargePoint) before start()');
    if (this.started) return;
    this.started = true;
    await Promise.all([...this.drivers.values()].map((driver) => driver.start()));
    this.mainMeter?.start();
    const reader = this.deps.tokenReader;
    if (reader !== undefined) {
      this.unsubscribeReader = reader.onToken((token) => void presentToken(chargePoint, this.logger, token));
      await reader.start().catch((error: unknown) => this.logger.error({ err: error }, 'Station token reader did not start'));
    }
  }

  /** Withdraws energy everywhere and releases the hardware. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.unsubscribeReader?.();
    this.unsubscribeReader = undefined;
    this.mainMeter?.stop();
    const reader = this.deps.tokenReader;
    await Promise.all([
      ...[...this.drivers.values()].map((driver) => driver.stop()),
      ...(reader === undefined ? [] : [reader.stop().catch((error: unknown) => this.logger.warn({ err: error }, 'Station token reader did not stop'))]),
    ]);
  }

  /**
   * The seam for smart charging (K08 composite schedule): limits the EVSE's offered current to `amps` per phase on
   * top of the configured maximum, controller and cable limits; undefined lifts it; below the minimum pauses.
   */
  setLimit(evseId: number, amps: number | undefined): void {
    if (amps !== undefined && !(amps >= 0)) throw new RangeError(`evse-manager: setLimit(${evseId}) needs amps >= 0, got ${String(amps)}`);
    this.driver(evseId)?.setLimit(amps);
  }

  private tellMainMeter(meterValue: MeterValueType): void {
    try {
      this.chargePoint?.onMeterValue(0, meterValue);
    } catch (error) {
      this.logger.error({ evseId: 0, err: error }, 'ChargePoint handler threw');
    }
  }

  private driver(evseId: number, connectorId?: number): EvseDriver | undefined {
    const driver = this.drivers.get(evseId);
    if (driver === undefined || (connectorId !== undefined && connectorId !== driver.connectorId)) {
      this.logger.warn({ evseId, connectorId }, 'Callback for an EVSE or connector this station does not have: ignored');
      return undefined;
    }
    return driver;
  }
}
