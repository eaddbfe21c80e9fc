import { ChargePoint, DeviceModel, EvseManager, type BootReasonEnumType, type LoggerPort, type ResetCommand, type StationStores } from '@evstation/core';
import { stationCallbacks } from './station-callbacks.js';
import type { StationHostDeps } from './station-host-deps.js';
import { configuredNetworkProfile, deviceModelValues } from './station-settings.js';
import { StationConfigError, validateStation } from './station-config-error.js';

/** Where a station is in its lifecycle. */
export type StationHostState = 'off' | 'booting' | 'running' | 'stopping';

/** The objects of one boot; a power cycle replaces them all (the hardware stays). */
export interface RunningStation {
  chargePoint: ChargePoint;
  deviceModel: DeviceModel;
  evseManager: EvseManager;
  stores: StationStores;
}

/**
 * One station's lifecycle (DESIGN 3.3, 7): each boot opens the stores, loads the device model, builds the evse-manager
 * and the ChargePoint and starts them; stop closes the connection and flushes storage. A CSMS Reset (B11/B12) and a
 * simulated power cycle restart it on the same database with the same hardware (the EV stays plugged in).
 */
export class StationHost {
  private parts: RunningStation | undefined;
  private current: StationHostState = 'off';
  private queue: Promise<void> = Promise.resolve();
  private readonly logger: LoggerPort;
  private readonly listeners = new Set<(state: StationHostState) => void>();

  constructor(private readonly deps: StationHostDeps) {
    validateStation(deps.settings, deps.hardware);
    this.logger = deps.logger.child({ station: deps.settings.identity });
  }

  /** The station identity (SecurityCtrlr.Identity). */
  get identity(): string {
    return this.deps.settings.identity;
  }

  get state(): StationHostState {
    return this.current;
  }

  /** The objects of the running boot; undefined while off. */
  get running(): RunningStation | undefined {
    return this.parts;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (state: StationHostState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Boots (B01); rejects with the reason when the stores, device model or hardware cannot start. */
  start(bootReason: BootReasonEnumType = 'PowerUp'): Promise<void> {
    return this.serially(() => this.boot(bootReason));
  }

  /** Stops: energy withdrawn, connection closed, storage flushed and closed. */
  stop(): Promise<void> {
    return this.serially(() => this.shutdown());
  }

  /** Simulated power loss and restart on the same database (boot reason PowerUp; open transactions end with PowerLoss). */
  powerCycle(): Promise<void> {
    return this.restart('PowerUp');
  }

  /** Shuts down and boots again with `bootReason`, after whatever is queued. */
  private restart(bootReason: BootReasonEnumType): Promise<void> {
    return this.serially(async () => {
      await this.shutdown();
      await this.boot(bootReason);
    });
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private setState(state: StationHostState): void {
    this.current = state;
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        this.logger.warn({ err: error }, 'Station state listener threw; ignored');
      }
    }
  }

  private async boot(bootReason: BootReasonEnumType): Promise<void> {
    if (this.parts !== undefined) throw new StationConfigError(`station ${this.identity} is already running`);
    const { clock, settings, hardware } = this.deps;
    const logger = this.logger;
    this.setState('booting');
    const stores = this.deps.openStores();
    let evseManager: EvseManager | undefined;
    let chargePoint: ChargePoint | undefined;
    try {
      const deviceModel = DeviceModel.load(
        { store: stores.deviceModel, logger, clock },
        { layout: settings.layout, values: deviceModelValues(settings), additions: [...(settings.deviceModelAdditions ?? [])] },
      );
      this.installConfiguredProfile(stores);
      evseManager = new EvseManager({
        clock,
        logger,
        evses: hardware.evses,
        ...(hardware.mainMeter === undefined ? {} : { mainMeter: hardware.mainMeter }),
        ...(hardware.tokenReader === undefined ? {} : { tokenReader: hardware.tokenReader }),
        ...(settings.evseManager === undefined ? {} : { options: settings.evseManager }),
      });
      const reset = { isResetAllowed: (command: ResetCommand) => command.evseId === undefined, reset: (command: ResetCommand) => this.onReset(command) };
      chargePoint = new ChargePoint(
        { clock, logger, transport: this.deps.newTransport({ clock, logger }), stores, deviceModel },
        { chargingStation: settings.chargingStation, layout: settings.layout, ...(settings.tls === undefined ? {} : { tls: settings.tls }), ...settings.chargePoint },
        stationCallbacks(evseManager.callbacks, reset, this.deps.observer ?? {}, logger),
      );
      evseManager.attach(chargePoint);
      this.parts = { chargePoint, deviceModel, evseManager, stores };
      await hardware.start?.();
      chargePoint.start({ bootReason });
      await evseManager.start();
      this.setState('running');
      logger.info({ bootReason }, 'Station started');
    } catch (error) {
      this.parts = undefined;
      await evseManager?.stop().catch(() => undefined);
      await chargePoint?.stop().catch(() => undefined);
      await hardware.stop?.().catch(() => undefined);
      stores.close();
      this.setState('off');
      throw error;
    }
  }

  private async shutdown(): Promise<void> {
    const parts = this.parts;
    if (parts === undefined) return;
    this.setState('stopping');
    try {
      // The evse-manager first: energy stops and it unsubscribes before the ChargePoint goes away.
      await parts.evseManager.stop();
      await parts.chargePoint.stop();
      await this.deps.hardware.stop?.();
    } finally {
      this.parts = undefined;
      parts.stores.close();
      this.setState('off');
      this.logger.info({}, 'Station stopped');
    }
  }

  /** B11/B12: restart in-process with boot reason RemoteReset, once the ChargePoint's callback has returned. */
  private onReset(command: ResetCommand): void {
    this.logger.info({ type: command.type }, 'Reset: restarting the station');
    void Promise.resolve()
      .then(() => this.restart('RemoteReset'))
      .catch((error: unknown) => this.logger.error({ err: error }, 'Station did not come back after the reset'));
  }

  /** Slot 1 always holds the configured CSMS, so a changed --csms or config file takes effect at the next boot. */
  private installConfiguredProfile(stores: StationStores): void {
    const wanted = configuredNetworkProfile(this.deps.settings);
    const stored = stores.networkProfiles.loadAll().find((slot) => slot.configurationSlot === wanted.configurationSlot);
    if (stored !== undefined && JSON.stringify(stored.profile) === JSON.stringify(wanted.profile)) return;
    stores.networkProfiles.set(wanted);
    if (stored !== undefined) this.logger.info({ csmsUrl: wanted.profile.ocppCsmsUrl }, 'Network profile slot 1 set from the configuration');
  }
}
