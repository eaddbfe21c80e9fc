import type { IdTokenType, MeterValueType, ReasonEnumType, TriggerReasonEnumType } from '../../messages/index.js';
import type { TimerHandle } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import { importRegisterWh } from './energy-register.js';
import { afterTransaction, idleSession, toRecord, type EvseSession, type SessionWithTransaction } from './evse-session.js';
import { planTransactionEvent, type EventSpec } from './transaction-event-builder.js';
import type { TransactionManagerDeps } from './transaction-manager-deps.js';
import { randomTransactionId } from './transaction-id.js';
import { startPointReached, stopPointReached, stopsWhenAuthorizationEnds } from './tx-points.js';
import { readTxSettings, type TxSettings } from './tx-settings.js';

/** Why the facts of an EVSE changed, and what that change means for its transaction. */
export interface Cause {
  at: Date;
  triggerReason: TriggerReasonEnumType;
  /** stoppedReason when this change ends the transaction and no earlier stop cause is pending. */
  stopReason: ReasonEnumType;
  /** The authorization was ended on purpose (token, RequestStopTransaction, Deauthorized, timeout). */
  authorizationEnded?: boolean;
  /** Send TransactionEvent(Updated) when the transaction goes on. */
  report: boolean;
  meterValue?: readonly MeterValueType[];
  stopIdToken?: IdTokenType;
}

/** What a change did to the EVSE's transaction. */
export type ChangeOutcome = 'started' | 'updated' | 'ended' | 'none';

/** How a transaction ends: when, why, and the meter values (default: the metering block's Ended values). */
export interface EndSpec {
  at: Date;
  triggerReason: TriggerReasonEnumType;
  stoppedReason: ReasonEnumType;
  meterValue?: readonly MeterValueType[];
  stopIdToken?: IdTokenType;
}

/** The session with its authorization (token, pending ids) forgotten. */
export function withoutAuthorization(session: EvseSession): EvseSession {
  const { idToken: _token, groupIdToken: _group, pendingRemoteStartId: _remote, pendingReservationId: _reservation, ...rest } = session;
  return { ...rest, facts: { ...session.facts, authorized: false } };
}

/**
 * The per-EVSE transaction state machine behind TransactionManager (E01-E12): applies TxStartPoint/TxStopPoint to each
 * change of facts, writes the state to the store in the same store transaction as its TransactionEvent (DESIGN rule 6),
 * and keeps the EVConnectionTimeOut timers (E03).
 */
export class TransactionEngine {
  private readonly sessions = new Map<number, EvseSession>();
  private readonly timers = new Map<number, TimerHandle>();
  private readonly newTransactionId: () => string;

  constructor(
    private readonly deps: TransactionManagerDeps,
    private readonly logger: LoggerPort,
    private readonly onConnectionTimeout: (evseId: number) => void,
  ) {
    this.newTransactionId = deps.newTransactionId ?? randomTransactionId;
  }

  /** The settings as they are now. */
  settings(): TxSettings {
    return readTxSettings(this.deps.deviceModel);
  }

  /** The session of a known EVSE, undefined (logged) for an EVSE the layout does not have. */
  session(evseId: number): EvseSession | undefined {
    const known = this.sessions.get(evseId);
    if (known !== undefined) return known;
    if (!this.deps.layout.evses.some((evse) => evse.id === evseId)) {
      this.logger.warn({ evseId }, 'Transaction fact for an EVSE the station layout does not have; ignored');
      return undefined;
    }
    return idleSession(evseId);
  }

  /** Every session with a transaction, by EVSE id. */
  withTransactions(): SessionWithTransaction[] {
    return [...this.sessions.values()].filter((s): s is SessionWithTransaction => s.transaction !== undefined).sort((a, b) => a.evseId - b.evseId);
  }

  /** Applies one change of facts: E01 start points when idle, E06 stop points while a transaction runs. */
  apply(before: EvseSession, next: EvseSession, cause: Cause): ChangeOutcome {
    const settings = this.settings();
    const tx = next.transaction;
    if (before.transaction === undefined || tx === undefined) {
      if (startPointReached(settings.startPoints, before.facts, next.facts) === undefined) {
        this.commit(next);
        return 'none';
      }
      this.start(next, cause);
      return 'started';
    }
    const session: SessionWithTransaction = { ...next, transaction: tx };
    const stops = stopPointReached(settings.stopPoints, before.facts, next.facts) !== undefined || (cause.authorizationEnded === true && stopsWhenAuthorizationEnds(settings.stopPoints));
    if (stops) {
      this.end(session, {
        at: cause.at,
        triggerReason: cause.triggerReason,
        stoppedReason: tx.stopCause?.reason ?? cause.stopReason,
        ...(cause.stopIdToken === undefined ? {} : { stopIdToken: cause.stopIdToken }),
      });
      return 'ended';
    }
    const going: SessionWithTransaction =
      cause.authorizationEnded === true && tx.stopCause === undefined
        ? { ...session, transaction: { ...tx, stopCause: { reason: cause.stopReason, triggerReason: cause.triggerReason } } }
        : session;
    if (!cause.report) {
      this.persist(going);
      return 'none';
    }
    this.emit(going, {
      eventType: 'Updated',
      triggerReason: cause.triggerReason,
      timestamp: cause.at,
      ...(cause.meterValue === undefined ? {} : { meterValue: cause.meterValue }),
      ...(cause.stopIdToken === undefined ? {} : { stopIdToken: cause.stopIdToken }),
    });
    return 'updated';
  }

  /** Ends the transaction now: TransactionEvent(Ended), the record removed in the same store transaction (E06). */
  end(session: SessionWithTransaction, spec: EndSpec): void {
    const { evseId } = session;
    const { transactionId } = session.transaction;
    const meterValue = spec.meterValue ?? this.deps.metering?.stopTransaction(evseId) ?? [];
    this.emit(
      session,
      {
        eventType: 'Ended',
        triggerReason: spec.triggerReason,
        timestamp: spec.at,
        stoppedReason: spec.stoppedReason,
        meterValue,
        ...(spec.stopIdToken === undefined ? {} : { stopIdToken: spec.stopIdToken }),
      },
      true,
    );
    this.logger.info({ evseId, transactionId, stoppedReason: spec.stoppedReason, triggerReason: spec.triggerReason }, 'Transaction ended');
    this.deps.events?.transactionEnded?.(evseId, transactionId, spec.stoppedReason);
  }

  /** Sends TransactionEvent(Updated) for a running transaction (meter values, energy limit). */
  update(session: SessionWithTransaction, spec: Omit<EventSpec, 'eventType' | 'offline'>): void {
    this.emit(session, { ...spec, eventType: 'Updated' });
  }

  /** Stores a running transaction's state without an event. */
  persist(session: SessionWithTransaction): void {
    this.deps.store.save(toRecord(session));
    this.commit(session);
  }

  /** Keeps a state in memory (no transaction, or already stored) and starts or cancels its EVConnectionTimeOut. */
  commit(session: EvseSession): void {
    this.sessions.set(session.evseId, session);
    this.syncTimer(session);
  }

  /** Stops every timer (station shutdown). */
  dispose(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private start(next: EvseSession, cause: Cause): void {
    const { evseId } = next;
    const transactionId = this.newTransactionId();
    const meterValue = this.deps.metering?.startedValues(evseId) ?? [];
    const startEnergyWh = importRegisterWh(meterValue);
    const lastMeterValue = meterValue.at(-1);
    const session: SessionWithTransaction = {
      ...next,
      transaction: {
        transactionId,
        startedAt: cause.at.toISOString(),
        reported: { evse: 'none', idToken: false, chargingState: 'Idle' },
        ...(startEnergyWh === undefined ? {} : { startEnergyWh }),
        ...(lastMeterValue === undefined ? {} : { lastMeterValue }),
      },
    };
    this.emit(session, { eventType: 'Started', triggerReason: cause.triggerReason, timestamp: cause.at, meterValue });
    this.deps.metering?.startTransaction(evseId, transactionId);
    this.logger.info({ evseId, transactionId, triggerReason: cause.triggerReason }, 'Transaction started');
    this.deps.events?.transactionStarted?.(evseId, transactionId);
  }

  /**
   * Queues one TransactionEvent; inside the queue store's transaction (so atomically when both stores share one
   * database) the EVSE's record is saved, or removed when the event is Ended. Memory follows once it is queued.
   */
  private emit(session: SessionWithTransaction, spec: Omit<EventSpec, 'offline'>, ended = false): void {
    const plan = planTransactionEvent(session, { ...spec, offline: !this.deps.isOnline() });
    const { evseId } = session;
    this.deps.queue.pushTransactionEvent(session.transaction.transactionId, spec.timestamp, (seqNo) => {
      const payload = plan.payload(seqNo);
      if (ended) this.deps.store.remove(evseId);
      else this.deps.store.save(toRecord(plan.session));
      return payload;
    });
    this.commit(ended ? afterTransaction(plan.session) : plan.session);
  }

  /** E03/E10: EVConnectionTimeOut runs while the EVSE is authorized without an EV connected. */
  private syncTimer(session: EvseSession): void {
    const { evseId, facts } = session;
    const running = this.timers.get(evseId);
    const timeoutS = facts.authorized && !facts.evConnected ? this.settings().evConnectionTimeOutS : undefined;
    if (timeoutS === undefined) {
      running?.cancel();
      this.timers.delete(evseId);
      return;
    }
    if (running !== undefined) return;
    this.timers.set(
      evseId,
      this.deps.clock.setTimeout(() => {
        this.timers.delete(evseId);
        this.onConnectionTimeout(evseId);
      }, timeoutS * 1000),
    );
  }
}
