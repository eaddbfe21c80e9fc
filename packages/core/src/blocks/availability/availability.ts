import type {
  ChangeAvailabilityRequest,
  ChangeAvailabilityStatusEnumType,
  ConnectorStatusEnumType,
  OperationalStatusEnumType,
} from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { AvailabilityScope, AvailabilityStorePort } from '../../ports/storage/availability-store.port.js';
import type { DeviceModel, StationLayout } from '../../device-model/index.js';
import { connectorStatus, type ConnectorFacts } from './connector-status.js';

/** A connector's identity on the station. */
export interface ConnectorRef {
  evseId: number;
  connectorId: number;
}

/** What availability tells the rest of the station. */
export interface AvailabilityEvents {
  /** A connector's status changed (G01); the ChargePoint sends StatusNotification. */
  statusChanged(connector: ConnectorRef, status: ConnectorStatusEnumType): void;
  connectorOperativeChanged?(connector: ConnectorRef, status: OperationalStatusEnumType): void;
  evseOperativeChanged?(evseId: number, status: OperationalStatusEnumType): void;
  stationOperativeChanged?(status: OperationalStatusEnumType): void;
  allConnectorsUnavailable?(): void;
}

type Flags = Omit<ConnectorFacts, 'operative'>;

const key = (c: ConnectorRef): string => `${c.evseId}/${c.connectorId}`;

/**
 * G01-G05: the connector state model and ChangeAvailability at station, EVSE and connector level. The
 * requested operational status is persisted at once (it survives restarts); while a transaction runs on the
 * scope the answer is Scheduled and the change takes effect when `scopeBecameIdle` is called.
 */
export class Availability {
  private readonly flags = new Map<string, Flags>();
  /** The status last delivered to the CSMS per connector (B04). */
  private readonly lastStatus = new Map<string, ConnectorStatusEnumType>();
  /** The status last announced through `statusChanged` per connector. */
  private readonly lastPublished = new Map<string, ConnectorStatusEnumType>();
  private readonly deferred = new Set<string>();
  /** L01: a firmware installation waits or runs; connectors without a transaction are held Unavailable (never persisted). */
  private heldForFirmware = false;
  private lastOperative = new Map<string, OperationalStatusEnumType>();

  constructor(
    private readonly deps: {
      store: AvailabilityStorePort;
      deviceModel: DeviceModel;
      logger: LoggerPort;
      layout: StationLayout;
      events: AvailabilityEvents;
      /** Whether a transaction runs on this connector (transactions block); false until it exists. */
      hasTransaction?: (connector: ConnectorRef) => boolean;
    },
  ) {
    for (const connector of this.connectors()) this.flags.set(key(connector), { occupied: false, reserved: false, faulted: false });
  }

  /** Every connector of the layout. */
  connectors(): ConnectorRef[] {
    return this.deps.layout.evses.flatMap((evse) => evse.connectors.map((c) => ({ evseId: evse.id, connectorId: c.id })));
  }

  /** Whether the connector exists. */
  exists(connector: ConnectorRef): boolean {
    return this.flags.has(key(connector));
  }

  /** The current status of a connector. */
  status(connector: ConnectorRef): ConnectorStatusEnumType {
    return connectorStatus({ ...this.flagsOf(connector), operative: this.isOperative(connector) });
  }

  /** The status last reported for a connector, if any (B04: what changed while offline). */
  lastReported(connector: ConnectorRef): ConnectorStatusEnumType | undefined {
    return this.lastStatus.get(key(connector));
  }

  /** Records that a StatusNotification with this status was delivered. */
  markReported(connector: ConnectorRef, status: ConnectorStatusEnumType): void {
    this.lastStatus.set(key(connector), status);
  }

  /** Publishes the initial statuses and operative states (start-up). */
  publishAll(): void {
    this.lastOperative = new Map();
    this.refresh(true);
  }

  /** Sets one fact of one connector (plug in/out, fault, reservation) and publishes what changed. */
  setFact(connector: ConnectorRef, fact: keyof Flags, value: boolean): void {
    const flags = this.flagsOf(connector);
    if (flags[fact] === value) return;
    flags[fact] = value;
    this.refresh(false);
  }

  /** G03/G04: ChangeAvailability. */
  change(request: ChangeAvailabilityRequest): ChangeAvailabilityStatusEnumType {
    const evseId = request.evse?.id ?? 0;
    const connectorId = request.evse?.connectorId;
    // EVSE 0 (or no EVSE) is the whole station; a connector of "EVSE 0" does not exist.
    if (evseId === 0 && connectorId !== undefined) return 'Rejected';
    const scope: AvailabilityScope = evseId === 0 ? {} : connectorId === undefined ? { evseId } : { evseId, connectorId };
    const affected = this.connectors().filter((c) => (evseId === 0 || c.evseId === evseId) && (connectorId === undefined || c.connectorId === connectorId));
    if (affected.length === 0) return 'Rejected';
    this.deps.store.set(scope, request.operationalStatus);
    const busy = affected.filter((c) => this.deps.hasTransaction?.(c) === true);
    if (request.operationalStatus === 'Inoperative') for (const c of busy) this.deferred.add(key(c));
    this.refresh(false);
    return request.operationalStatus === 'Inoperative' && busy.length > 0 ? 'Scheduled' : 'Accepted';
  }

  /** The transaction on this connector ended: a Scheduled Inoperative (G03.FR.04) or a firmware hold takes effect now. */
  scopeBecameIdle(connector: ConnectorRef): void {
    if (this.deferred.delete(key(connector)) || this.heldForFirmware) this.refresh(false);
  }

  /** L01 (TC_L_12-16): holds every connector without a transaction Unavailable, or releases them; not persisted. */
  holdForFirmware(hold: boolean): void {
    if (this.heldForFirmware === hold) return;
    this.heldForFirmware = hold;
    this.refresh(false);
  }

  /** The effective operational status of the station, an EVSE or a connector. */
  operative(scope: AvailabilityScope): OperationalStatusEnumType {
    const station = this.deps.store.get({}) ?? 'Operative';
    if (scope.evseId === undefined || station === 'Inoperative') return station;
    const evse = this.deps.store.get({ evseId: scope.evseId }) ?? 'Operative';
    if (scope.connectorId === undefined || evse === 'Inoperative') return evse;
    return this.deps.store.get({ evseId: scope.evseId, connectorId: scope.connectorId }) ?? 'Operative';
  }

  private isOperative(connector: ConnectorRef): boolean {
    if (this.deferred.has(key(connector))) return true;
    if (this.heldForFirmware && this.deps.hasTransaction?.(connector) !== true) return false;
    return this.operative(connector) === 'Operative';
  }

  private flagsOf(connector: ConnectorRef): Flags {
    const flags = this.flags.get(key(connector));
    if (flags === undefined) throw new Error(`Unknown connector ${key(connector)}`);
    return flags;
  }

  private refresh(initial: boolean): void {
    const { events } = this.deps;
    const stationStatus = this.operative({});
    this.emitOperative('station', stationStatus, () => events.stationOperativeChanged?.(stationStatus));
    for (const evse of this.deps.layout.evses) {
      const evseStatus = this.operative({ evseId: evse.id });
      this.emitOperative(`evse ${evse.id}`, evseStatus, () => events.evseOperativeChanged?.(evse.id, evseStatus));
    }
    let anyOperative = false;
    for (const connector of this.connectors()) {
      const operative: OperationalStatusEnumType = this.isOperative(connector) ? 'Operative' : 'Inoperative';
      anyOperative ||= operative === 'Operative';
      this.emitOperative(key(connector), operative, () => events.connectorOperativeChanged?.(connector, operative));
      const status = this.status(connector);
      this.updateDeviceModel(connector, status, operative);
      if (initial || status !== this.lastPublished.get(key(connector))) {
        this.lastPublished.set(key(connector), status);
        events.statusChanged(connector, status);
      }
    }
    if (!anyOperative && this.lastOperative.get('all') !== 'Inoperative') events.allConnectorsUnavailable?.();
    this.lastOperative.set('all', anyOperative ? 'Operative' : 'Inoperative');
    this.updateStationVariables(stationStatus);
  }

  private emitOperative(id: string, status: OperationalStatusEnumType, emit: () => void): void {
    if (this.lastOperative.get(id) === status) return;
    this.lastOperative.set(id, status);
    emit();
  }

  private updateDeviceModel(connector: ConnectorRef, status: ConnectorStatusEnumType, operative: OperationalStatusEnumType): void {
    const component = { name: 'Connector', evseId: connector.evseId, connectorId: connector.connectorId };
    this.setIfPresent(component, 'AvailabilityState', status);
    this.setIfPresent(component, 'Available', String(operative === 'Operative'));
  }

  private updateStationVariables(stationStatus: OperationalStatusEnumType): void {
    for (const evse of this.deps.layout.evses) {
      const statuses = evse.connectors.map((c) => this.status({ evseId: evse.id, connectorId: c.id }));
      const evseOperative = this.operative({ evseId: evse.id }) === 'Operative';
      this.setIfPresent({ name: 'EVSE', evseId: evse.id }, 'AvailabilityState', summarize(statuses, evseOperative));
      this.setIfPresent({ name: 'EVSE', evseId: evse.id }, 'Available', String(evseOperative));
    }
    const all = this.connectors().map((c) => this.status(c));
    this.setIfPresent({ name: 'ChargingStation' }, 'AvailabilityState', summarize(all, stationStatus === 'Operative'));
    this.setIfPresent({ name: 'ChargingStation' }, 'Available', String(stationStatus === 'Operative'));
  }

  private setIfPresent(component: { name: string; evseId?: number; connectorId?: number }, variable: string, value: string): void {
    if (!this.deps.deviceModel.has(component, { name: variable })) return;
    if (this.deps.deviceModel.getRaw(component, { name: variable }) === value) return;
    this.deps.deviceModel.setInternal(component, { name: variable }, value);
  }
}

/** The status of a group of connectors (EVSE or station): Unavailable when Inoperative, else the most significant. */
function summarize(statuses: readonly ConnectorStatusEnumType[], operative: boolean): ConnectorStatusEnumType {
  if (!operative) return 'Unavailable';
  if (statuses.length > 0 && statuses.every((s) => s === 'Faulted')) return 'Faulted';
  for (const s of ['Occupied', 'Reserved', 'Available', 'Unavailable'] as const) if (statuses.includes(s)) return s;
  return 'Faulted';
}
