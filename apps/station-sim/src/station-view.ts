import type { SimulatedEvseSnapshot } from '@evstation/adapters-hw';
import type { ChargingStateEnumType, ConnectorStatusEnumType, IdTokenType, RegistrationStatus } from '@evstation/core';
import type { StationHostState } from '@evstation/wiring';
import type { MessageLogEntry } from './message-log.js';
import type { StationMonitor } from './station-monitor.js';

/** A transaction as the control API shows it. */
export interface TransactionView {
  transactionId: string;
  evseId: number;
  connectorId: number | null;
  startedAt: string;
  chargingState: ChargingStateEnumType;
  authorized: boolean;
  idToken: IdTokenType | null;
  /** Energy delivered so far, Wh (null when the station restarted during it). */
  energyWh: number | null;
  /** Power flowing now, W. */
  powerW: number;
}

/** One EVSE: its connectors' OCPP status, the simulated hardware, and its transaction. */
export interface EvseView {
  evseId: number;
  /** null while the station is off or booting. */
  connectors: { connectorId: number; status: ConnectorStatusEnumType | null }[];
  authorized: boolean;
  hardware: SimulatedEvseSnapshot;
  transaction: TransactionView | null;
}

/** One station (GET /api/stations/:id). */
export interface StationView {
  id: string;
  /** The simulated power state: off, booting, running, stopping. */
  state: StationHostState;
  csmsUrl: string;
  /** BootNotification outcome (B01-B03); null while off. */
  registration: RegistrationStatus | null;
  connected: boolean;
  evses: EvseView[];
  transactions: TransactionView[];
  /** The last few OCPP frames (the whole log: GET .../messages). */
  lastMessages: MessageLogEntry[];
}

const LAST_MESSAGES = 6;

/** The station's state now, for the control API and the dashboard. */
export function stationView(monitor: StationMonitor): StationView {
  const { host, evses } = monitor.target;
  const chargePoint = host.running?.chargePoint;
  const transactions: TransactionView[] = (chargePoint?.activeTransactions() ?? []).map((tx) => ({
    transactionId: tx.transactionId,
    evseId: tx.evseId,
    connectorId: tx.connectorId ?? null,
    startedAt: tx.startedAt.toISOString(),
    chargingState: tx.chargingState,
    authorized: tx.authorized,
    idToken: tx.idToken ?? null,
    energyWh: monitor.transactionEnergyWh(tx.transactionId, tx.evseId) ?? null,
    powerW: evses[tx.evseId - 1]?.snapshot().powerW ?? 0,
  }));
  return {
    id: host.identity,
    state: host.state,
    csmsUrl: monitor.csmsUrl,
    registration: chargePoint?.registrationStatus ?? null,
    connected: chargePoint?.isConnected ?? false,
    evses: evses.map((evse, i) => {
      const evseId = i + 1;
      return {
        evseId,
        connectors: [{ connectorId: 1, status: chargePoint?.connectorStatus({ evseId, connectorId: 1 }) ?? null }],
        authorized: chargePoint?.isAuthorized(evseId) ?? false,
        hardware: evse.snapshot(),
        transaction: transactions.find((tx) => tx.evseId === evseId) ?? null,
      };
    }),
    transactions,
    lastMessages: monitor.log.last(LAST_MESSAGES),
  };
}
