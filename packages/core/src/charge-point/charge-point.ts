import {
  getValidator,
  type BootNotificationResponse,
  type BootReasonEnumType,
  type ChargingStateEnumType,
  type DataTransferRequest,
  type DataTransferResponse,
  type GetTransactionStatusResponse,
  type IdTokenInfoType,
  type IdTokenType,
  type MeterValueType,
  type GetVariableDataType,
  type GetVariableResultType,
  type OcppAction,
  type SetVariableDataType,
  type SetVariableResultType,
} from '../messages/index.js';
import type { SecurityEventType } from '../ports/security-event.js';
import type { VariableChange } from '../device-model/index.js';
import { loggingMiddleware, validationMiddleware } from '../rpc/middleware.js';
import { Router } from '../rpc/router.js';
import { RpcEndpoint } from '../rpc/rpc-endpoint.js';
import { MessageQueue } from '../rpc/message-queue.js';
import { Availability, type ConnectorRef } from '../blocks/availability/availability.js';
import { availabilityBlock } from '../blocks/availability/availability.block.js';
import { remoteControlBlock } from '../blocks/remote-control/remote-control.block.js';
import { InvalidMessagesReporter } from '../blocks/security/invalid-messages.js';
import { dataTransferRequest } from '../blocks/data-transfer/data-transfer-request.js';
import type { SecurityProfile } from '../ports/transport.port.js';
import { SecurityEvents } from '../blocks/security/security-events.js';
import type { AuthorizationResult, AuthorizeContext } from '../blocks/authorization/index.js';
import type { ActiveTransaction, AuthorizeOptions, AuthorizeOutcome } from '../blocks/transactions/index.js';
import { EventNotifier, lockFailureEvent, type StationEvent } from '../blocks/diagnostics/event-notifier.js';
import { ChargePointConfigError, validateCallbacks, type ChargePointCallbacks } from './callbacks.js';
import type { ChargePointDeps, ChargePointOptions } from './charge-point-options.js';
import { ChargingSessions, type PresentedIdTokenResult } from './charging-sessions.js';
import { ConnectionManager, type ConnectionTlsMaterial } from './connection-manager.js';
import { HeartbeatScheduler } from './heartbeat.js';
import { Registration, type RegistrationStatus } from './registration.js';
import { registrationGate } from './registration-gate.js';
import { registrationTriggers } from './registration-triggers.js';
import { registerNetworkPriorityRule } from './network-priority-rule.js';
import { Outbox } from './outbox.js';
import { registerPasswordRules } from './password-change.js';
import { provisioningWiring } from './provisioning-wiring.js';
import { ResetCoordinator } from './reset-coordinator.js';
import { sessionBlocks } from './session-blocks.js';
import { StationManagement } from './station-management.js';
import { StatusReporter } from './status-reporter.js';
import { timeSyncDecision } from './time-sync.js';

/** Which security event a boot reason raises at start-up (A04). */
function bootSecurityEvent(reason: BootReasonEnumType): SecurityEventType | undefined {
  if (reason === 'PowerUp' || reason === 'Unknown') return 'StartupOfTheDevice';
  if (reason === 'FirmwareUpdate') return undefined; // FirmwareUpdated is raised by the firmware block (L01)
  return 'ResetOrReboot';
}

/**
 * The integrator API (DESIGN §3.2): an OCPP 2.0.1 charging station. The station gives callbacks (library ->
 * station) and reports facts through the `on*` handlers (station -> library); the ChargePoint keeps the
 * registration, device model, availability and security state and talks to the CSMS.
 */
export class ChargePoint {
  private readonly endpoint: RpcEndpoint;
  private readonly registration: Registration;
  private readonly heartbeat: HeartbeatScheduler;
  private readonly queue: MessageQueue;
  private readonly security: SecurityEvents;
  private readonly availability: Availability;
  private readonly statusReporter: StatusReporter;
  private readonly connection: ConnectionManager;
  private readonly events: EventNotifier;
  private readonly sessions: ChargingSessions;
  private readonly management: StationManagement;
  private readonly outbox: Outbox;
  private readonly callbacks: ChargePointCallbacks;
  private readonly resets: ResetCoordinator;
  private readonly unsubscribe: () => void;
  private connected = false;
  private started = false;

  constructor(
    private readonly deps: ChargePointDeps,
    private readonly options: ChargePointOptions,
    callbacks: Partial<ChargePointCallbacks>,
  ) {
    validateCallbacks(callbacks);
    this.callbacks = callbacks;
    const bootCheck = getValidator('BootNotification', 'request')({ reason: 'PowerUp', chargingStation: options.chargingStation });
    if (bootCheck !== undefined) {
      throw new ChargePointConfigError(`chargingStation${bootCheck[0]?.instancePath ?? ''} ${bootCheck[0]?.message ?? 'is invalid'} (BootNotification schema)`);
    }
    const identity = deps.deviceModel.get('SecurityCtrlr', 'Identity');
    if (identity === undefined || identity === '') throw new ChargePointConfigError('SecurityCtrlr.Identity must be set: it is the station identity in the CSMS URL');
    const { clock, logger, deviceModel, stores } = deps;

    this.availability = new Availability({
      store: stores.availability,
      deviceModel,
      logger,
      layout: options.layout,
      events: {
        statusChanged: (connector, status) => this.statusReporter.statusChanged(connector, status),
        connectorOperativeChanged: (c, s) => this.callbacks.connectorEffectiveOperativeStatusChanged?.(c.evseId, c.connectorId, s),
        evseOperativeChanged: (evseId, s) => this.callbacks.evseEffectiveOperativeStatusChanged?.(evseId, s),
        stationOperativeChanged: (s) => this.callbacks.csEffectiveOperativeStatusChanged?.(s),
        allConnectorsUnavailable: () => this.callbacks.allConnectorsUnavailable?.(),
      },
      hasTransaction: (connector) => this.sessions.transactions.transactionOn(connector.evseId) !== undefined,
    });
    this.statusReporter = new StatusReporter({
      clock,
      logger,
      deviceModel,
      availability: this.availability,
      canSend: () => this.isAccepted(),
      send: (request) => this.outbox.call('StatusNotification', request),
    });
    this.registration = new Registration(
      {
        clock,
        logger,
        sendBootNotification: (request) => this.outbox.call('BootNotification', request),
        onResponse: (response, previous) => this.onBootResponse(response, previous),
        isConnected: () => this.connected,
      },
      options.chargingStation,
      'PowerUp',
    );
    this.heartbeat = new HeartbeatScheduler({ clock, logger, sendHeartbeat: () => this.sendHeartbeat() });
    this.queue = new MessageQueue({
      store: stores.messageQueue,
      clock,
      logger,
      // Queued messages bypass the drain gate in call(): they are the traffic that must go first.
      send: (action, payload) => this.endpoint.call(action as OcppAction, payload as never),
      isReady: () => this.isAccepted(),
      settings: () => ({
        transactionAttempts: deviceModel.get('OCPPCommCtrlr', 'MessageAttempts', { variableInstance: 'TransactionEvent' }) ?? 3,
        transactionAttemptIntervalS: deviceModel.get('OCPPCommCtrlr', 'MessageAttemptInterval', { variableInstance: 'TransactionEvent' }) ?? 60,
        retryIntervalS: deviceModel.get('OCPPCommCtrlr', 'MessageTimeout', { variableInstance: 'Default' }) ?? 30,
        maxQueuedMessages: options.maxQueuedMessages ?? 10_000,
      }),
      events: {
        overflow: (size) => this.security.raise('MemoryExhaustion', `Message queue holds ${size} messages`),
        answered: (message, response) => this.sessions.answered(message, response),
      },
    });
    this.outbox = new Outbox({
      clock,
      logger,
      deviceModel,
      queue: this.queue,
      endpoint: () => this.endpoint,
      registrationStatus: () => this.registration.status,
      isAccepted: () => this.isAccepted(),
    });
    this.sessions = new ChargingSessions({
      clock,
      logger,
      deviceModel,
      stores,
      layout: options.layout,
      queue: this.queue,
      availability: this.availability,
      isOnline: () => this.isAccepted(),
      sendAuthorize: (request) => this.outbox.call('Authorize', request),
      sendMeterValues: (request) => this.outbox.sendOrQueue('MeterValues', request),
      callbacks: () => this.callbacks,
      transactionEnded: (evseId) => this.onTransactionEnded(evseId),
      transactionStarted: () => this.management.transactionsChanged(),
      ...(deps.newTransactionId === undefined ? {} : { newTransactionId: deps.newTransactionId }),
      ...(options.maxAuthCacheEntries === undefined ? {} : { maxAuthCacheEntries: options.maxAuthCacheEntries }),
    });
    this.resets = new ResetCoordinator({
      clock,
      logger,
      deviceModel,
      queue: this.queue,
      transactions: this.sessions.transactions,
      reset: (request) => this.callbacks.reset(request),
    });
    const session = sessionBlocks({
      sessions: this.sessions,
      availability: this.availability,
      deviceModel,
      logger,
      layout: options.layout,
      isAccepted: () => this.registration.status === 'Accepted',
      sendMeterValues: (request) => this.outbox.sendOrQueue('MeterValues', request),
    });
    this.security = new SecurityEvents({
      clock,
      logger,
      securityLog: stores.securityLog,
      sink: { enqueueDurable: (action, payload) => this.queue.push('security', action, payload, clock.now()) },
      onRaised: (event) => this.callbacks.securityEvent?.(event),
    }, options.securityEvents);

    this.management = new StationManagement({
      clock,
      logger,
      deviceModel,
      stores,
      ...(deps.certificates === undefined ? {} : { certificates: deps.certificates }),
      ...(deps.fileTransfer === undefined ? {} : { fileTransfer: deps.fileTransfer }),
      ...(deps.firmwareVerifier === undefined ? {} : { firmwareVerifier: deps.firmwareVerifier }),
      callbacks: () => this.callbacks,
      call: (action, payload) => this.outbox.call(action, payload),
      raise: (type, techInfo) => this.security.raise(type, techInfo),
      serialNumber: () => options.chargingStation.serialNumber ?? identity,
      securityProfile: () => this.securityProfile(),
      canSend: () => this.isAccepted(),
      reconnect: () => void this.connection.reconnect(),
      hasActiveTransactions: () => this.sessions.transactions.hasActiveTransaction(),
      holdEvsesForFirmware: (hold) => this.availability.holdForFirmware(hold),
      ...(options.dataTransferVendors === undefined ? {} : { dataTransferVendors: options.dataTransferVendors }),
      ...(options.firmware === undefined ? {} : { firmwareOptions: options.firmware }),
    });
    const invalidMessages = new InvalidMessagesReporter({ clock, raise: (techInfo) => this.security.raise('InvalidMessages', techInfo) });
    this.events = new EventNotifier({ clock, logger, canSend: () => this.isAccepted(), send: (request) => this.outbox.call('NotifyEvent', request) });
    registerPasswordRules(deviceModel);
    registerNetworkPriorityRule(deviceModel, stores.networkProfiles);

    const router = new Router(
      [
        provisioningWiring({
          deviceModel,
          clock,
          logger,
          networkProfiles: stores.networkProfiles,
          layout: options.layout,
          ...(deps.certificates === undefined ? {} : { certificates: deps.certificates }),
          ...(options.tls === undefined ? {} : { tls: options.tls }),
          callbacks: this.callbacks,
          raise: (type, techInfo) => this.security.raise(type, techInfo),
          sendNotifyReport: (request) => this.outbox.call('NotifyReport', request, { duringPending: true }),
          hasActiveTransaction: (evseId) => this.sessions.transactions.hasActiveTransaction(evseId),
          resets: this.resets,
          reconnect: () => void this.connection.reconnect(),
        }),
        availabilityBlock({ availability: this.availability }),
        ...session.blocks,
        ...this.management.blocks,
        remoteControlBlock({
          ...session.remoteControl,
          triggers: {
            ...session.triggers,
            ...this.management.triggers,
            ...registrationTriggers({
              clock,
              logger,
              registration: this.registration,
              availability: this.availability,
              sendHeartbeat: () => this.sendHeartbeat(true),
              sendStatusNotification: (request) => this.outbox.call('StatusNotification', request, { duringPending: true }),
            }),
          },
        }),
      ],
      [loggingMiddleware(logger), registrationGate(() => this.registration.status), validationMiddleware(logger)],
    );
    this.endpoint = new RpcEndpoint(
      {
        clock,
        logger,
        dispatcher: router,
        ...(deps.newMessageId === undefined ? {} : { newMessageId: deps.newMessageId }),
        onFrame: (record) => this.callbacks.ocppMessages?.(record),
        onBadFrame: (report) => invalidMessages.refused(report),
      },
      (deviceModel.get('OCPPCommCtrlr', 'MessageTimeout', { variableInstance: 'Default' }) ?? 30) * 1000,
    );
    this.connection = new ConnectionManager({
      transport: deps.transport,
      endpoint: this.endpoint,
      deviceModel,
      profiles: stores.networkProfiles,
      logger,
      ...this.tlsMaterialSource(),
      events: {
        connected: (slot) => this.onConnected(slot),
        disconnected: () => this.onDisconnected(),
        securityEvent: (event) => this.security.raise(event.type, event.techInfo),
        tlsConnected: (usedFallback) => this.management.tlsConnected(usedFallback),
        securityProfileRaised: (profile, removed) =>
          this.security.raise('ReconfigurationOfSecurityParameters', `Security profile ${profile}; lower-profile slots removed: ${removed.join(',') || 'none'}`),
      },
    });
    this.unsubscribe = deviceModel.onVariableChanged((change) => this.onVariableChanged(change));
  }

  /** Where the station stands with the CSMS. */
  get registrationStatus(): RegistrationStatus {
    return this.registration.status;
  }

  /** Whether the websocket is open. */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Starts: publishes connector states, raises the boot security event, connects and boots (B01). */
  start(options: { bootReason?: BootReasonEnumType } = {}): void {
    if (this.started) throw new ChargePointConfigError('ChargePoint already started');
    this.started = true;
    // L01: after a firmware installation the reboot reason is FirmwareUpdate, whatever the station says.
    const reason = this.management.bootReason() ?? options.bootReason ?? 'PowerUp';
    this.registration.setReason(reason);
    if (this.deps.stores.networkProfiles.loadAll().length === 0) {
      for (const slot of this.options.defaultNetworkProfiles ?? []) this.deps.stores.networkProfiles.set(slot);
    }
    this.availability.publishAll();
    const event = bootSecurityEvent(reason);
    if (event !== undefined) this.security.raise(event, `Boot reason ${reason}`);
    this.sessions.start(this.options.resumeTransactionsOnBoot === undefined ? {} : { resume: this.options.resumeTransactionsOnBoot });
    this.management.start();
    this.connection.start();
  }

  /** Stops timers and closes the connection; stores stay open (the owner closes them). */
  async stop(): Promise<void> {
    this.heartbeat.stop();
    this.registration.stop();
    this.queue.stop();
    this.sessions.stop();
    this.management.stop();
    this.unsubscribe();
    await this.connection.stop();
    this.started = false;
  }

  /** A cable was plugged in on this connector (G01 Occupied; E02 EVConnected). */
  onSessionStarted(evseId: number, connectorId: number): void {
    this.availability.setFact({ evseId, connectorId }, 'occupied', true);
    this.sessions.plugged(evseId, connectorId);
  }

  /** The cable was unplugged; side 'ev' when the station knows it was pulled at the EV (E09/E10, tethered cables). */
  onSessionFinished(evseId: number, connectorId: number, side: 'ev' | 'station' = 'station'): void {
    this.availability.setFact({ evseId, connectorId }, 'occupied', false);
    this.sessions.unplugged(evseId, connectorId, side);
  }

  /** A token was presented locally (C01 RFID, C04 PIN, C02 NoAuthorization): authorized and applied to the EVSE given or chosen. */
  presentIdToken(idToken: IdTokenType, options: { evseId?: number } = {}): Promise<PresentedIdTokenResult> {
    return this.sessions.presentIdToken(idToken, options);
  }

  /** C01-C16: the authorization decision for a token (Authorize, cache, local list, offline rules) without applying it. */
  authorize(idToken: IdTokenType, context: AuthorizeContext = {}): Promise<AuthorizationResult> {
    return this.sessions.authorize(idToken, context);
  }

  /** Applies an authorization the station decided itself (libocpp on_authorized). */
  onAuthorized(evseId: number, idToken: IdTokenType, idTokenInfo: IdTokenInfoType, options: AuthorizeOptions = {}): AuthorizeOutcome {
    return this.sessions.applyAuthorization(evseId, idToken, idTokenInfo, options);
  }

  /** The EV's charging state changed (Charging, SuspendedEV, SuspendedEVSE, EVConnected, Idle; E01/E06 EnergyTransfer). */
  onChargingStateChanged(evseId: number, state: ChargingStateEnumType): void {
    this.sessions.chargingStateChanged(evseId, state);
  }

  /** The parking bay detector sees a vehicle or no longer does (TxStartPoint/TxStopPoint ParkingBayOccupancy). */
  onParkingBayOccupancy(evseId: number, occupied: boolean): void {
    this.sessions.parkingBay(evseId, occupied);
  }

  /** A meter reading of an EVSE (0 = the main meter), for J01/J02; signed values are passed through. */
  onMeterValue(evseId: number, meterValue: MeterValueType): void {
    this.sessions.meterValue(evseId, meterValue);
  }

  /** Whether an accepted token (local or remote start) authorizes the EVSE now. */
  isAuthorized(evseId: number): boolean {
    return this.sessions.transactions.isAuthorized(evseId);
  }

  /** The transactions running now. */
  activeTransactions(): ActiveTransaction[] {
    return this.sessions.transactions.activeTransactions();
  }

  /** E14: what GetTransactionStatus would answer. */
  transactionStatus(transactionId?: string): GetTransactionStatusResponse {
    return this.sessions.transactions.getTransactionStatus(transactionId === undefined ? {} : { transactionId });
  }

  /** The connector is faulted (G01: Faulted). */
  onFaulted(evseId: number, connectorId: number): void {
    this.availability.setFact({ evseId, connectorId }, 'faulted', true);
  }

  /** The fault is gone. */
  onFaultCleared(evseId: number, connectorId: number): void {
    this.availability.setFact({ evseId, connectorId }, 'faulted', false);
  }

  /** A reservation holds the connector (G01: Reserved). */
  onReserved(evseId: number, connectorId: number): void {
    this.availability.setFact({ evseId, connectorId }, 'reserved', true);
  }

  /** The reservation ended. */
  onReservationCleared(evseId: number, connectorId: number): void {
    this.availability.setFact({ evseId, connectorId }, 'reserved', false);
  }

  /** G05: the connector failed to lock; reported as NotifyEvent ConnectorPlugRetentionLock.Problem (charging must not start). */
  onLockFailure(evseId: number, connectorId: number, techInfo?: string): void {
    this.events.notify([lockFailureEvent(evseId, connectorId, this.deps.clock.now(), techInfo)]);
  }

  /** N07: events the station detected (hardware problems, its own monitors), sent as NotifyEvent; returns their eventIds. */
  onEvent(events: readonly StationEvent[]): number[] {
    return this.events.notify(events);
  }

  /** A security event the station detected (tamper, maintenance login...): logged, and sent when critical. */
  onSecurityEvent(type: SecurityEventType, techInfo?: string): void {
    this.security.raise(type, techInfo);
  }

  /** Reads variables as GetVariables would (the station's own access). */
  getVariables(data: readonly GetVariableDataType[]): GetVariableResultType[] {
    return this.deps.deviceModel.getVariables(data);
  }

  /** Sets variables with the station as source (B05 rules apply). */
  setVariables(data: readonly SetVariableDataType[]): SetVariableResultType[] {
    return this.deps.deviceModel.setVariables(data, 'station');
  }

  /** The current status of a connector. */
  connectorStatus(connector: ConnectorRef): ReturnType<Availability['status']> {
    return this.availability.status(connector);
  }

  /** The configuration slot of the current connection. */
  get activeNetworkProfile(): number | undefined {
    return this.connection.slot;
  }

  /** P02: a DataTransfer to the CSMS; undefined (logged) when it could not be delivered. */
  dataTransferRequest(request: DataTransferRequest): Promise<DataTransferResponse | undefined> {
    return dataTransferRequest({ sendDataTransfer: (r) => this.outbox.call('DataTransfer', r), logger: this.deps.logger }, request);
  }

  /** The security profile of the connection in use, else the configured one. */
  private securityProfile(): SecurityProfile {
    return this.connection.securityProfile ?? ((this.deps.deviceModel.get('SecurityCtrlr', 'SecurityProfile') ?? 0) as SecurityProfile);
  }

  /** TLS trust and the station certificate: from the certificate store when there is one, else the static options. */
  private tlsMaterialSource(): { tlsMaterial?: () => ConnectionTlsMaterial | undefined } {
    const { certificates } = this.deps;
    if (certificates !== undefined) return { tlsMaterial: () => certificates.tlsMaterial() };
    const { tls } = this.options;
    return tls === undefined ? {} : { tlsMaterial: () => tls };
  }

  /** A transaction ended: a Scheduled ChangeAvailability (G03.FR.04) and a Reset OnIdle (B12.FR.01) may take effect now. */
  private onTransactionEnded(evseId: number): void {
    for (const connector of this.availability.connectors().filter((c) => c.evseId === evseId)) this.availability.scopeBecameIdle(connector);
    this.resets.transactionEnded();
    this.management.transactionsChanged();
  }

  private isAccepted(): boolean {
    return this.connected && this.registration.status === 'Accepted';
  }

  private onConnected(slot: number): void {
    this.connected = true;
    this.callbacks.connectionStateChanged?.(true, slot);
    if (this.registration.status === 'Accepted') {
      this.statusReporter.cameBackOnline();
      this.queue.kick();
      this.management.registrationAccepted();
      this.heartbeat.start(this.deps.deviceModel.get('OCPPCommCtrlr', 'HeartbeatInterval') ?? 0);
    }
    this.registration.onConnected();
  }

  private onDisconnected(): void {
    if (!this.connected) return;
    this.connected = false;
    this.heartbeat.stop();
    this.registration.onDisconnected();
    this.statusReporter.wentOffline();
    this.callbacks.connectionStateChanged?.(false, this.connection.slot);
  }

  private onBootResponse(response: BootNotificationResponse, previous: RegistrationStatus): void {
    this.callbacks.bootNotification?.(response);
    this.syncTime(response.currentTime);
    if (response.status !== 'Accepted') return;
    if (response.interval > 0) this.setHeartbeatInterval(response.interval);
    this.heartbeat.start(this.deps.deviceModel.get('OCPPCommCtrlr', 'HeartbeatInterval') ?? 0);
    if (previous !== 'Accepted') this.statusReporter.reportAll();
    this.queue.kick();
    this.management.registrationAccepted();
  }

  private setHeartbeatInterval(intervalS: number): void {
    const component = { name: 'OCPPCommCtrlr' };
    const variable = { name: 'HeartbeatInterval' };
    if (this.deps.deviceModel.getRaw(component, variable) !== String(intervalS)) this.deps.deviceModel.setInternal(component, variable, String(intervalS));
  }

  private async sendHeartbeat(duringPending = false): Promise<void> {
    const response = await this.outbox.call('Heartbeat', {}, { duringPending });
    this.syncTime(response.currentTime);
  }

  private syncTime(currentTime: string): void {
    const decision = timeSyncDecision(this.deps, currentTime);
    if (!decision.apply) return;
    if (decision.reportable) this.security.raise('SettingSystemTime', `Clock set to ${decision.time.toISOString()}`);
    this.callbacks.timeSync?.(decision.time);
    this.sessions.clockChanged();
  }

  private onVariableChanged(change: VariableChange): void {
    const { component, variable } = change;
    if (component.name === 'OCPPCommCtrlr' && variable.name === 'HeartbeatInterval' && this.isAccepted()) {
      this.heartbeat.start(Number(change.newValue));
    }
    if (component.name === 'OCPPCommCtrlr' && variable.name === 'MessageTimeout') this.endpoint.setMessageTimeout(Number(change.newValue) * 1000);
    if (change.source === 'csms') this.callbacks.variableChanged?.(change);
  }
}
