import type {
  BootNotificationRequest,
  ChargingStateEnumType,
  ConnectorStatusEnumType,
  IdTokenType,
  RegistrationStatusEnumType,
  StatusNotificationRequest,
  TransactionEventEnumType,
  TransactionEventRequest,
  TriggerReasonEnumType,
} from '@evstation/core';

/** The last StatusNotification (G01) of one connector. */
export interface ConnectorState {
  readonly evseId: number;
  readonly connectorId: number;
  readonly connectorStatus: ConnectorStatusEnumType;
  /** The station's timestamp of the status. */
  readonly timestamp: string;
}

/** A transaction the station reported as started or updated and not yet ended (E01-E07). */
export interface OpenTransaction {
  readonly transactionId: string;
  readonly evseId: number | null;
  readonly connectorId: number | null;
  /** The last idToken the station reported for it. */
  readonly idToken: IdTokenType | null;
  /** Station timestamp of the first event csms-dev saw for it. */
  readonly startedAt: string;
  readonly lastEventType: TransactionEventEnumType;
  readonly lastTriggerReason: TriggerReasonEnumType;
  readonly seqNo: number;
  readonly chargingState: ChargingStateEnumType | null;
}

/** A station frame that broke the official schemas (ocpp-rpc strict mode refused it). */
export interface SchemaViolation {
  readonly time: string;
  readonly action: string;
  readonly direction: 'CS->CSMS' | 'CSMS->CS';
  readonly messageId: string;
  readonly message: string;
}

/** Everything csms-dev knows about one station, as JSON. */
export interface StationState {
  readonly identity: string;
  readonly connected: boolean;
  /** When the current connection opened; null while disconnected. */
  readonly connectedSince: string | null;
  readonly remoteAddress: string | null;
  /** The request of the last BootNotification. */
  readonly bootNotification: BootNotificationRequest | null;
  /** The status csms-dev gave that BootNotification. */
  readonly registrationStatus: RegistrationStatusEnumType | null;
  readonly lastBootAt: string | null;
  readonly lastHeartbeatAt: string | null;
  readonly connectors: readonly ConnectorState[];
  readonly transactions: readonly OpenTransaction[];
  /** The most recent schema violations (up to 20). */
  readonly schemaViolations: readonly SchemaViolation[];
}

interface MutableStation {
  identity: string;
  connectedSince: string | null;
  remoteAddress: string | null;
  bootNotification: BootNotificationRequest | null;
  registrationStatus: RegistrationStatusEnumType | null;
  lastBootAt: string | null;
  lastHeartbeatAt: string | null;
  connectors: Map<string, ConnectorState>;
  transactions: Map<string, OpenTransaction>;
  schemaViolations: SchemaViolation[];
}

const MAX_VIOLATIONS = 20;

/** The stations that have connected since start, with what they reported (kept across reconnects). */
export class StationRegistry {
  private readonly stations = new Map<string, MutableStation>();

  constructor(private readonly now: () => Date) {}

  /** A station's websocket opened. */
  connected(identity: string, remoteAddress: string | undefined): void {
    const station = this.entry(identity);
    station.connectedSince = this.now().toISOString();
    station.remoteAddress = remoteAddress ?? null;
  }

  /** A station's websocket closed. */
  disconnected(identity: string): void {
    const station = this.stations.get(identity);
    if (station !== undefined) station.connectedSince = null;
  }

  /** B01-B03: a BootNotification and the status it was given. */
  booted(identity: string, request: BootNotificationRequest, status: RegistrationStatusEnumType): void {
    const station = this.entry(identity);
    station.bootNotification = request;
    station.registrationStatus = status;
    station.lastBootAt = this.now().toISOString();
  }

  /** G02: a Heartbeat. */
  heartbeat(identity: string): void {
    this.entry(identity).lastHeartbeatAt = this.now().toISOString();
  }

  /** G01: a connector status. */
  statusNotification(identity: string, request: StatusNotificationRequest): void {
    const { evseId, connectorId, connectorStatus, timestamp } = request;
    this.entry(identity).connectors.set(`${evseId}/${connectorId}`, { evseId, connectorId, connectorStatus, timestamp });
  }

  /** E01-E07: a TransactionEvent opens, updates or closes a transaction. */
  transactionEvent(identity: string, request: TransactionEventRequest): void {
    const transactions = this.entry(identity).transactions;
    const { transactionId } = request.transactionInfo;
    if (request.eventType === 'Ended') {
      transactions.delete(transactionId);
      return;
    }
    const previous = transactions.get(transactionId);
    transactions.set(transactionId, {
      transactionId,
      evseId: request.evse?.id ?? previous?.evseId ?? null,
      connectorId: request.evse?.connectorId ?? previous?.connectorId ?? null,
      idToken: request.idToken ?? previous?.idToken ?? null,
      startedAt: previous?.startedAt ?? request.timestamp,
      lastEventType: request.eventType,
      lastTriggerReason: request.triggerReason,
      seqNo: request.seqNo,
      chargingState: request.transactionInfo.chargingState ?? previous?.chargingState ?? null,
    });
  }

  /** A frame of this station broke the schemas. */
  schemaViolation(identity: string, violation: SchemaViolation): void {
    const violations = this.entry(identity).schemaViolations;
    violations.push(violation);
    if (violations.length > MAX_VIOLATIONS) violations.shift();
  }

  /** One station's state, or undefined if it never connected. */
  get(identity: string): StationState | undefined {
    const station = this.stations.get(identity);
    return station === undefined ? undefined : snapshot(station);
  }

  /** Every station that connected since start, in order of first connection. */
  list(): StationState[] {
    return [...this.stations.values()].map(snapshot);
  }

  private entry(identity: string): MutableStation {
    let station = this.stations.get(identity);
    if (station === undefined) {
      station = {
        identity,
        connectedSince: null,
        remoteAddress: null,
        bootNotification: null,
        registrationStatus: null,
        lastBootAt: null,
        lastHeartbeatAt: null,
        connectors: new Map(),
        transactions: new Map(),
        schemaViolations: [],
      };
      this.stations.set(identity, station);
    }
    return station;
  }
}

function snapshot(station: MutableStation): StationState {
  return {
    identity: station.identity,
    connected: station.connectedSince !== null,
    connectedSince: station.connectedSince,
    remoteAddress: station.remoteAddress,
    bootNotification: station.bootNotification,
    registrationStatus: station.registrationStatus,
    lastBootAt: station.lastBootAt,
    lastHeartbeatAt: station.lastHeartbeatAt,
    connectors: [...station.connectors.values()].sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId),
    transactions: [...station.transactions.values()],
    schemaViolations: [...station.schemaViolations],
  };
}
