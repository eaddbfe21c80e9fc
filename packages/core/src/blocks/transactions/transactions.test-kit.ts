import { expect } from 'vitest';
import { DeviceModel, type ComponentDefinition, type StationLayout } from '../../device-model/index.js';
import { getValidator, type IdTokenInfoType, type IdTokenType, type ReasonEnumType, type TransactionEventRequest } from '../../messages/index.js';
import type { TransactionStorePort } from '../../ports/storage/transaction-store.port.js';
import { MessageQueue } from '../../rpc/message-queue.js';
import { InMemoryDeviceModelStore, InMemoryMessageQueueStore, InMemoryTransactionStore } from '../../storage-memory/index.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { TransactionManager } from './transaction-manager.js';
import type { TransactionEventQueue, TransactionMetering } from './transaction-manager-deps.js';

/** Two EVSEs with one connector each. */
export const txLayout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
    { id: 2, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

const ALL_POINTS = 'ParkingBayOccupancy,EVConnected,Authorized,DataSigned,PowerPathClosed,EnergyTransfer';

/** A station with a bay sensor and a signed meter widens the points; MaxEnergyOnInvalidId is an optional variable (C15). */
function txCtrlrAdditions(withMaxEnergy: boolean): ComponentDefinition {
  return {
    component: { name: 'TxCtrlr' },
    variables: [
      { variable: { name: 'TxStartPoint' }, characteristics: { dataType: 'MemberList', valuesList: ALL_POINTS }, attributes: [{ mutability: 'ReadWrite', value: 'PowerPathClosed' }], required: true },
      { variable: { name: 'TxStopPoint' }, characteristics: { dataType: 'MemberList', valuesList: ALL_POINTS }, attributes: [{ mutability: 'ReadWrite', value: 'EVConnected,Authorized' }], required: true },
      ...(withMaxEnergy ? [{ variable: { name: 'MaxEnergyOnInvalidId' }, characteristics: { dataType: 'integer' as const, unit: 'Wh', minLimit: 0 }, attributes: [{ mutability: 'ReadWrite' as const }] }] : []),
    ],
  };
}

/** The token every test starts with, and a few others. */
export const TOKEN: IdTokenType = { idToken: 'OCTT-TOKEN-001', type: 'ISO14443' };
export const OTHER: IdTokenType = { idToken: 'OTHER-002', type: 'ISO14443' };
export const GROUP: IdTokenType = { idToken: 'GROUP-1', type: 'Central' };
export const ACCEPTED: IdTokenInfoType = { status: 'Accepted' };

/** What the manager told the station, in order. */
export type Happening =
  | { started: number; transactionId: string }
  | { ended: number; transactionId: string; reason: ReasonEnumType }
  | { stopCharging: number; reason: ReasonEnumType }
  | { pauseCharging: number }
  | { unlock: number; connectorId: number }
  | { authorizationExpired: number };

/** Options of {@link makeTransactions}: shared stores make a restart; values set TxCtrlr and friends. */
export interface TransactionsKitOptions {
  clock?: FakeClock;
  deviceModelStore?: InMemoryDeviceModelStore;
  queueStore?: InMemoryMessageQueueStore;
  txStore?: TransactionStorePort;
  values?: Record<string, string>;
  newTransactionId?: () => string;
  metering?: TransactionMetering;
}

const validate = getValidator('TransactionEvent', 'request');

/** Fails the test when a payload breaks the official TransactionEventRequest schema (DESIGN rule 7). */
export function expectValid(payload: unknown): void {
  expect(validate(payload), JSON.stringify(payload)).toBeUndefined();
}

/**
 * A TransactionManager over a real DeviceModel, the real MessageQueue on an InMemoryMessageQueueStore that is never ready
 * (events accumulate in order) and an InMemoryTransactionStore; every payload is schema-checked as it is built.
 */
export function makeTransactions(options: TransactionsKitOptions = {}) {
  const clock = options.clock ?? new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const logger = new MemoryLogger();
  const values = Object.entries({ 'TxCtrlr.EVConnectionTimeOut': '60', ...options.values }).map(([key, value]) => {
    const [component = '', variable = ''] = key.split('.');
    return { component: { name: component }, variable: { name: variable }, value };
  });
  const deviceModel = DeviceModel.load(
    { store: options.deviceModelStore ?? new InMemoryDeviceModelStore(), logger, clock },
    { layout: txLayout, values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS1' }, ...values], additions: [txCtrlrAdditions(options.values?.['TxCtrlr.MaxEnergyOnInvalidId'] !== undefined)] },
  );
  const queueStore = options.queueStore ?? new InMemoryMessageQueueStore();
  const txStore = options.txStore ?? new InMemoryTransactionStore();
  const messageQueue = new MessageQueue({
    store: queueStore,
    clock,
    logger,
    send: () => Promise.reject(new Error('the test queue never sends')),
    isReady: () => false,
    settings: () => ({ transactionAttempts: 3, transactionAttemptIntervalS: 10, retryIntervalS: 30, maxQueuedMessages: 10_000 }),
  });
  // The real MessageQueue fits the manager's queue port as it is; the kit only adds the schema check.
  const _fits: TransactionEventQueue = messageQueue;
  const queue: TransactionEventQueue = {
    pushTransactionEvent: (transactionId, createdAt, build) =>
      messageQueue.pushTransactionEvent(transactionId, createdAt, (seqNo) => {
        const payload = build(seqNo);
        const errors = validate(payload);
        if (errors !== undefined) throw new Error(`Invalid TransactionEventRequest ${JSON.stringify(payload)}: ${JSON.stringify(errors)}`);
        return payload;
      }),
    hasMessagesFor: (transactionId) => messageQueue.hasMessagesFor(transactionId),
    size: (kind) => messageQueue.size(kind),
  };
  let online = true;
  let counter = 0;
  const happened: Happening[] = [];
  const manager = new TransactionManager({
    clock,
    logger,
    deviceModel,
    store: txStore,
    queue,
    isOnline: () => online,
    newTransactionId: options.newTransactionId ?? (() => `tx-${++counter}`),
    layout: txLayout,
    ...(options.metering === undefined ? {} : { metering: options.metering }),
    events: {
      transactionStarted: (evseId, transactionId) => happened.push({ started: evseId, transactionId }),
      transactionEnded: (evseId, transactionId, reason) => happened.push({ ended: evseId, transactionId, reason }),
      stopCharging: (evseId, reason) => happened.push({ stopCharging: evseId, reason }),
      pauseCharging: (evseId) => happened.push({ pauseCharging: evseId }),
      unlockConnector: (evseId, connectorId) => happened.push({ unlock: evseId, connectorId }),
      authorizationExpired: (evseId) => happened.push({ authorizationExpired: evseId }),
    },
  });
  /** Every queued TransactionEvent payload, oldest first, each checked against the schema again. */
  const queued = (): TransactionEventRequest[] => {
    const payloads = queueStore
      .peek(queueStore.count())
      .filter((m) => m.action === 'TransactionEvent')
      .map((m) => m.payload as TransactionEventRequest);
    payloads.forEach(expectValid);
    return payloads;
  };
  /** The payloads queued since `from` (a previous length of `queued()`). */
  const since = (from: number): TransactionEventRequest[] => queued().slice(from);
  /** Sets variables as the CSMS would; each must be Accepted. */
  const set = (settings: Record<string, string>): void => {
    for (const [key, value] of Object.entries(settings)) {
      const [component = '', variable = ''] = key.split('.');
      const [result] = deviceModel.setVariables([{ component: { name: component }, variable: { name: variable }, attributeValue: value }]);
      expect(result?.attributeStatus, key).toBe('Accepted');
    }
  };
  return {
    clock,
    logger,
    deviceModel,
    queueStore,
    txStore,
    messageQueue,
    manager,
    happened,
    queued,
    since,
    set,
    setOnline: (value: boolean) => {
      online = value;
    },
  };
}
