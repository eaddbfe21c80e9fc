import type { GpioLevel, LockTiming, ModbusLinkConfig } from '@evstation/adapters-hw';
import type { ConfigValue } from '@evstation/core';

/** station-pi's JSON config (issue 6 §4): the station, the CSMS, storage, and each piece of the board's hardware. */
export interface PiConfig {
  station: { identity: string; model: string; vendorName: string; serialNumber?: string; firmwareVersion?: string };
  csms: {
    url: string;
    securityProfile: 0 | 1 | 2 | 3;
    /** Profiles 1 and 2; also from EVSTATION_PASSWORD (keeps it out of the file). Never logged. */
    password?: string;
    /** PEM files: the CSMS root (profiles 2, 3), the station certificate chain and key (profile 3). */
    ca?: string;
    cert?: string;
    key?: string;
  };
  storage: { path: string };
  evse: { id: number; maxCurrentA: number; phases: 1 | 3; connectorType: string; tethered: boolean };
  meter: { model: string; unitId: number; link: ModbusLinkConfig; requestTimeoutMs?: number; intervalS?: number };
  /** null for a tethered cable (no lock). */
  lock: { pins: { lock: number; unlock: number; feedback: number }; lockedLevel?: GpioLevel; timing?: Partial<LockTiming> } | null;
  controller: { port: string; baudRate: number };
  /** null when the board has no reader (`"tokenReader": "none"`). */
  tokenReader: { port: string; baudRate: number } | null;
  /** Device model values for the station (e.g. TxCtrlr.TxStartPoint), source 'config'. */
  deviceModel: ConfigValue[];
  logLevel: string;
}
