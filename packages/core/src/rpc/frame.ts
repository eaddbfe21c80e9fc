import { MessageTypeNotSupportedError, RpcFrameworkError, type RpcError } from './rpc-error.js';

/** OCPP-J message type ids (Part 4 §4.1.3). */
export const MessageTypeId = { CALL: 2, CALLRESULT: 3, CALLERROR: 4 } as const;

/** Longest message id allowed (Part 4 §4.1.4). */
export const MAX_MESSAGE_ID_LENGTH = 36;

/** The id used in a CALLERROR when the offending message's id could not be read (Part 4 §4.2.3). */
export const UNREADABLE_MESSAGE_ID = '-1';

/** A CALL: a request from either side. */
export interface CallFrame {
  kind: 'call';
  messageId: string;
  action: string;
  payload: unknown;
}

/** A CALLRESULT: the answer to a CALL. */
export interface CallResultFrame {
  kind: 'result';
  messageId: string;
  payload: unknown;
}

/** A CALLERROR: the error answer to a CALL. */
export interface CallErrorFrame {
  kind: 'error';
  messageId: string;
  errorCode: string;
  errorDescription: string;
  errorDetails: Record<string, unknown>;
}

/**
 * A frame that is not a valid RPC message. `reply` is the CALLERROR to answer with, or undefined when the
 * message looked like a CALLRESULT/CALLERROR (which are never answered).
 */
export interface InvalidFrame {
  kind: 'invalid';
  messageId: string;
  error: RpcError;
  reply: boolean;
}

/** Any parsed inbound frame. */
export type ParsedFrame = CallFrame | CallResultFrame | CallErrorFrame | InvalidFrame;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(messageId: string, error: RpcError, reply = true): InvalidFrame {
  return { kind: 'invalid', messageId, error, reply };
}

/** Whether a message id is one we may use or echo: a non-empty string of at most 36 characters. */
export function isValidMessageId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_MESSAGE_ID_LENGTH;
}

/**
 * Parses one websocket text frame into an RPC frame (Part 4 §4). It never throws: anything malformed becomes
 * an `InvalidFrame` that says which CALLERROR to answer with (id "-1" when the id cannot be read).
 */
export function parseFrame(text: string): ParsedFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return invalid(UNREADABLE_MESSAGE_ID, new RpcFrameworkError('Message is not valid JSON'));
  }
  if (!Array.isArray(message)) return invalid(UNREADABLE_MESSAGE_ID, new RpcFrameworkError('Message must be a JSON array'));
  const [typeId, id] = message as unknown[];
  const readableId = isValidMessageId(id) ? id : UNREADABLE_MESSAGE_ID;
  if (typeof typeId !== 'number') return invalid(readableId, new RpcFrameworkError('MessageTypeId must be a number'));

  switch (typeId) {
    case MessageTypeId.CALL:
      return parseCall(message, readableId);
    case MessageTypeId.CALLRESULT:
      if (readableId === UNREADABLE_MESSAGE_ID || message.length !== 3 || !isPlainObject(message[2])) {
        return invalid(readableId, new RpcFrameworkError('Malformed CALLRESULT'), false);
      }
      return { kind: 'result', messageId: readableId, payload: message[2] };
    case MessageTypeId.CALLERROR:
      return parseCallError(message, readableId);
    default:
      return invalid(readableId, new MessageTypeNotSupportedError(`Unknown MessageTypeId ${String(typeId).slice(0, 20)}`));
  }
}

function parseCall(message: unknown[], messageId: string): ParsedFrame {
  if (messageId === UNREADABLE_MESSAGE_ID) return invalid(messageId, new RpcFrameworkError('MessageId must be a string of 1-36 characters'));
  const action = message[2];
  if (typeof action !== 'string' || action.length === 0) return invalid(messageId, new RpcFrameworkError('Action must be a non-empty string'));
  if (message.length !== 4) return invalid(messageId, new RpcFrameworkError('A CALL has exactly 4 elements'));
  return { kind: 'call', messageId, action, payload: message[3] };
}

function parseCallError(message: unknown[], messageId: string): ParsedFrame {
  const [, , errorCode, errorDescription, errorDetails] = message;
  if (
    messageId === UNREADABLE_MESSAGE_ID ||
    message.length !== 5 ||
    typeof errorCode !== 'string' ||
    typeof errorDescription !== 'string' ||
    !isPlainObject(errorDetails)
  ) {
    return invalid(messageId, new RpcFrameworkError('Malformed CALLERROR'), false);
  }
  return { kind: 'error', messageId, errorCode, errorDescription, errorDetails };
}

/** Serializes a CALL frame. */
export function serializeCall(messageId: string, action: string, payload: unknown): string {
  return JSON.stringify([MessageTypeId.CALL, messageId, action, payload]);
}

/** Serializes a CALLRESULT frame. */
export function serializeCallResult(messageId: string, payload: unknown): string {
  return JSON.stringify([MessageTypeId.CALLRESULT, messageId, payload]);
}

/** Serializes a CALLERROR frame from an RpcError; the description is already bounded to 255 characters. */
export function serializeCallError(messageId: string, error: RpcError): string {
  return JSON.stringify([MessageTypeId.CALLERROR, messageId, error.code, error.message, error.details]);
}
