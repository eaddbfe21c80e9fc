import type { DeviceModel } from '../device-model/index.js';
import type { OcppAction, RequestOf, ResponseOf } from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { MessageQueue } from '../rpc/message-queue.js';
import type { RpcEndpoint } from '../rpc/rpc-endpoint.js';
import type { RegistrationStatus } from './registration.js';

/** Raised when a message may not be sent in the current registration state (B02/B03: nothing before Accepted). */
export class NotAcceptedError extends Error {
  override readonly name = 'NotAcceptedError';
}

/** Messages that need no answer and may be queued while offline (QueueAllMessages). */
export type FireAndForgetAction = 'MeterValues';

/** What the outbox needs. */
export interface OutboxDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  queue: MessageQueue;
  endpoint: () => RpcEndpoint;
  registrationStatus: () => RegistrationStatus;
  /** Connected and Accepted. */
  isAccepted: () => boolean;
}

/**
 * The way out for every CALL the station makes (B02/B03, E04): the registration gate (before Accepted only
 * BootNotification, and answers to CSMS requests while Pending), and queued messages first after a reconnect.
 */
export class Outbox {
  constructor(private readonly deps: OutboxDeps) {}

  /** Sends a CALL through the gate; rejects with NotAcceptedError when the registration does not allow it. */
  call<A extends OcppAction>(action: A, payload: RequestOf<A>, options: { duringPending?: boolean } = {}): Promise<ResponseOf<A>> {
    const status = this.deps.registrationStatus();
    const allowed = action === 'BootNotification' || status === 'Accepted' || (status === 'Pending' && options.duringPending === true);
    if (!allowed) return Promise.reject(new NotAcceptedError(`${action} not sent: registration is ${status}`));
    const { queue } = this.deps;
    // E04: after a reconnect the queued messages go out first, in order, before any new traffic.
    if (action !== 'BootNotification' && queue.size() > 0 && this.deps.isAccepted()) {
      return queue.whenDrained().then(() => this.deps.endpoint().call(action, payload));
    }
    return this.deps.endpoint().call(action, payload);
  }

  /**
   * Sends a message that needs no answer. With QueueAllMessages true (and the type not in MessageTypesDiscardForQueueing)
   * it goes through the durable queue, so it survives an outage; otherwise it is sent when Accepted, else dropped.
   */
  sendOrQueue<A extends FireAndForgetAction>(action: A, payload: RequestOf<A>): void {
    const { deviceModel, clock, logger } = this.deps;
    const discarded = deviceModel.get('OCPPCommCtrlr', 'MessageTypesDiscardForQueueing') ?? [];
    if (deviceModel.get('OCPPCommCtrlr', 'QueueAllMessages') === true && !discarded.includes(action)) {
      this.deps.queue.push('other', action, payload, clock.now());
      return;
    }
    if (!this.deps.isAccepted()) {
      logger.debug({ action }, 'Offline: message dropped (QueueAllMessages is false)');
      return;
    }
    this.call(action, payload).catch((error: unknown) => logger.info({ err: error, action }, 'Message not delivered'));
  }
}
