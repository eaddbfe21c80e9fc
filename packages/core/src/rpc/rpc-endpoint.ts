import { ACTIONS, getValidator, type OcppAction, type RequestOf, type ResponseOf } from '../messages/index.js';
import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import { CallTimeoutError, InvalidResponseError, NotConnectedError, OutgoingPayloadError } from './call-errors.js';
import { parseFrame, serializeCall, serializeCallError, serializeCallResult, type ParsedFrame } from './frame.js';
import { redactFrameSecrets } from './frame-redaction.js';
import { CallErrorResponse, InternalError, RpcError } from './rpc-error.js';
import { rpcErrorForSchemaErrors } from './schema-error-mapping.js';

/** Whatever carries frames for the endpoint while a connection is open. */
export interface FrameSink {
  /** Sends one text frame; false when it could not be sent. */
  send(text: string): boolean;
}

/** Serves CALLs received from the CSMS; the Router is the usual implementation. */
export interface CallDispatcher {
  /** Resolves to the response payload; `afterReply` registers work to run once the CALLRESULT is sent. */
  handle(messageId: string, action: string, payload: unknown, afterReply: (task: () => void) => void): Promise<unknown>;
}

/** A frame that crossed the wire, for the OCPP message log. */
export interface FrameRecord {
  direction: 'in' | 'out';
  /** The frame's text, with the secrets a CSMS can send (passwords, URL credentials) masked (R9, redactFrameSecrets). */
  text: string;
}

/** A frame the endpoint refused, reported so the station can raise InvalidMessages (rate-limited by the caller). */
export interface BadFrameReport {
  code: string;
  description: string;
}

/** What the endpoint needs from the world. */
export interface RpcEndpointDeps {
  clock: ClockPort;
  logger: LoggerPort;
  dispatcher: CallDispatcher;
  /** Makes message ids: unique for this identity forever, at most 36 characters (Part 4 §4.1.4). */
  newMessageId?: () => string;
  /** Sees every frame in and out (message log), secrets masked. */
  onFrame?: (record: FrameRecord) => void;
  /** Told about every frame that was refused. */
  onBadFrame?: (report: BadFrameReport) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides MessageTimeout for this call, in milliseconds. */
  timeoutMs?: number;
}

interface QueuedCall {
  action: OcppAction;
  payload: unknown;
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface InFlightCall extends QueuedCall {
  messageId: string;
  timer: TimerHandle;
}

function randomMessageId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The OCPP-J endpoint of the station (Part 4 §4): one outgoing CALL in flight, the rest waiting in order; each
 * with MessageTimeout; every frame in and out checked; CALLs from the CSMS served even while our own CALL
 * is outstanding. It never throws on input: whatever the CSMS sends gets the CALLERROR Part 4 names, or is
 * logged and dropped when it is a CALLRESULT/CALLERROR nobody waits for.
 */
export class RpcEndpoint {
  private sink: FrameSink | undefined;
  /** Counts connections, so an answer is never written to a later connection than its CALL came in on. */
  private generation = 0;
  private inFlight: InFlightCall | undefined;
  private readonly waiting: QueuedCall[] = [];
  private readonly newMessageId: () => string;

  constructor(
    private readonly deps: RpcEndpointDeps,
    private messageTimeoutMs: number,
  ) {
    this.newMessageId = deps.newMessageId ?? randomMessageId;
  }

  /** OCPPCommCtrlr.MessageTimeout in milliseconds, for calls sent from now on. */
  setMessageTimeout(ms: number): void {
    this.messageTimeoutMs = ms;
  }

  /** Whether a connection is attached. */
  isConnected(): boolean {
    return this.sink !== undefined;
  }

  /** Number of our CALLs sent or waiting and not yet answered. */
  pendingCalls(): number {
    return this.waiting.length + (this.inFlight === undefined ? 0 : 1);
  }

  /** A connection opened: frames go out through `sink` from now on. */
  connected(sink: FrameSink): void {
    this.generation += 1;
    this.sink = sink;
    this.pump();
  }

  /** The connection closed: every call in flight or waiting fails with NotConnectedError. */
  disconnected(): void {
    this.generation += 1;
    this.sink = undefined;
    const failed = [...(this.inFlight === undefined ? [] : [this.inFlight]), ...this.waiting.splice(0)];
    if (this.inFlight !== undefined) this.inFlight.timer.cancel();
    this.inFlight = undefined;
    for (const call of failed) call.reject(new NotConnectedError(call.action));
  }

  /**
   * Sends a CALL and resolves to the CSMS's validated response. Rejects with OutgoingPayloadError (never sent),
   * CallErrorResponse, CallTimeoutError, NotConnectedError or InvalidResponseError.
   */
  call<A extends OcppAction>(action: A, payload: RequestOf<A>, options: CallOptions = {}): Promise<ResponseOf<A>> {
    if (ACTIONS[action].direction === 'CSMS->CS') {
      return Promise.reject(new OutgoingPayloadError(action, new InternalError(`${action} is sent by the CSMS, not the station`)));
    }
    const errors = getValidator(action, 'request')(payload);
    if (errors !== undefined) return Promise.reject(new OutgoingPayloadError(action, rpcErrorForSchemaErrors(errors)));
    if (this.sink === undefined) return Promise.reject(new NotConnectedError(action));
    return new Promise<ResponseOf<A>>((resolve, reject) => {
      this.waiting.push({
        action,
        payload,
        timeoutMs: options.timeoutMs ?? this.messageTimeoutMs,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Handles one inbound text frame. Never throws. */
  receive(text: string): void {
    this.deps.onFrame?.({ direction: 'in', text: redactFrameSecrets(text) });
    let frame: ParsedFrame;
    try {
      frame = parseFrame(text);
    } catch (error) {
      // parseFrame is total; this only guards against a bug turning into a crash.
      this.deps.logger.error({ err: error }, 'Frame parser failed');
      return;
    }
    switch (frame.kind) {
      case 'call':
        void this.serve(frame.messageId, frame.action, frame.payload);
        return;
      case 'result':
        this.settle(frame.messageId, (call) => this.acceptResult(call, frame.payload));
        return;
      case 'error':
        this.settle(frame.messageId, (call) => {
          call.reject(new CallErrorResponse(frame.errorCode, frame.errorDescription.slice(0, 255), frame.errorDetails));
        });
        return;
      case 'invalid':
        this.deps.logger.warn({ code: frame.error.code, messageId: frame.messageId }, `Bad frame: ${frame.error.message}`);
        this.deps.onBadFrame?.({ code: frame.error.code, description: frame.error.message });
        if (frame.reply) this.write(serializeCallError(frame.messageId, frame.error));
        return;
    }
  }

  private async serve(messageId: string, action: string, payload: unknown): Promise<void> {
    const generation = this.generation;
    const tasks: (() => void)[] = [];
    let reply: string;
    try {
      const response = await this.deps.dispatcher.handle(messageId, action, payload, (task) => tasks.push(task));
      reply = serializeCallResult(messageId, response);
    } catch (error) {
      const rpcError = error instanceof RpcError ? error : new InternalError(`Failed to process ${action.slice(0, 64)}`);
      if (!(error instanceof RpcError)) this.deps.logger.error({ action, messageId, err: error }, 'Dispatcher failed');
      if (rpcError.code !== 'NotImplemented' && rpcError.code !== 'SecurityError' && rpcError.code !== 'InternalError') {
        this.deps.onBadFrame?.({ code: rpcError.code, description: rpcError.message });
      }
      reply = serializeCallError(messageId, rpcError);
      tasks.length = 0;
    }
    // The answer belongs to the connection the CALL came in on; after a reconnect it is dropped.
    if (this.generation === generation) this.write(reply);
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        this.deps.logger.error({ action, messageId, err: error }, 'Post-reply task failed');
      }
    }
  }

  private settle(messageId: string, apply: (call: InFlightCall) => void): void {
    const call = this.inFlight;
    if (call === undefined || call.messageId !== messageId) {
      this.deps.logger.warn({ messageId }, 'Answer for a message id we are not waiting for; dropped');
      return;
    }
    call.timer.cancel();
    this.inFlight = undefined;
    apply(call);
    this.pump();
  }

  private acceptResult(call: InFlightCall, payload: unknown): void {
    const errors = getValidator(call.action, 'response')(payload);
    if (errors === undefined) {
      call.resolve(payload);
      return;
    }
    const violation = rpcErrorForSchemaErrors(errors);
    this.deps.logger.warn({ action: call.action, messageId: call.messageId, code: violation.code }, `Invalid response: ${violation.message}`);
    this.deps.onBadFrame?.({ code: violation.code, description: violation.message });
    call.reject(new InvalidResponseError(call.action, violation));
  }

  private pump(): void {
    if (this.inFlight !== undefined || this.sink === undefined) return;
    const next = this.waiting.shift();
    if (next === undefined) return;
    const messageId = this.newMessageId();
    const timer = this.deps.clock.setTimeout(() => this.timeOut(messageId), next.timeoutMs);
    this.inFlight = { ...next, messageId, timer };
    if (!this.write(serializeCall(messageId, next.action, next.payload))) {
      timer.cancel();
      this.inFlight = undefined;
      next.reject(new NotConnectedError(next.action));
      this.pump();
    }
  }

  private timeOut(messageId: string): void {
    const call = this.inFlight;
    if (call === undefined || call.messageId !== messageId) return;
    this.inFlight = undefined;
    this.deps.logger.warn({ action: call.action, messageId }, 'CALL timed out');
    call.reject(new CallTimeoutError(call.action, messageId));
    this.pump();
  }

  private write(text: string): boolean {
    const sink = this.sink;
    if (sink === undefined) return false;
    const sent = sink.send(text);
    // No redaction: the secret-carrying actions are CSMS->CS CALLs, which call() refuses to send.
    if (sent) this.deps.onFrame?.({ direction: 'out', text });
    return sent;
  }
}
