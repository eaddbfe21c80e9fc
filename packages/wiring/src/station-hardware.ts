import type { EvseHardware, PowerMeterPort, TokenReaderPort } from '@evstation/core';

/**
 * The hardware of one station as the evse-manager needs it (DESIGN 3.3), bound by a hardware module (simulated or a
 * real board). The evse-manager starts and stops the controllers, locks and readers itself; `start`/`stop` are for
 * what it does not own (a Modbus bus shared by the meters).
 */
export interface StationHardware {
  evses: readonly EvseHardware[];
  /** The station's main meter, reported as evseId 0. */
  mainMeter?: PowerMeterPort;
  /** A station-wide reader (its tokens go to the EVSE the ChargePoint picks). */
  tokenReader?: TokenReaderPort;
  /** Opens shared links before the evse-manager starts; a rejection stops the boot. */
  start?(): Promise<void>;
  /** Closes them after the evse-manager stopped. */
  stop?(): Promise<void>;
}
