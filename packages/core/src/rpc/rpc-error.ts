/** The CALLERROR error codes of OCPP-J 2.0.1 (Part 4 §4.2.3). */
export type RpcErrorCode =
  | 'FormatViolation'
  | 'GenericError'
  | 'InternalError'
  | 'MessageTypeNotSupported'
  | 'NotImplemented'
  | 'NotSupported'
  | 'OccurrenceConstraintViolation'
  | 'PropertyConstraintViolation'
  | 'ProtocolError'
  | 'RpcFrameworkError'
  | 'SecurityError'
  | 'TypeConstraintViolation';

/** Every code of Part 4 §4.2.3, for checks on input. */
export const RPC_ERROR_CODES: readonly RpcErrorCode[] = [
  'FormatViolation',
  'GenericError',
  'InternalError',
  'MessageTypeNotSupported',
  'NotImplemented',
  'NotSupported',
  'OccurrenceConstraintViolation',
  'PropertyConstraintViolation',
  'ProtocolError',
  'RpcFrameworkError',
  'SecurityError',
  'TypeConstraintViolation',
];

/** Longest errorDescription we put on the wire (Part 4 §4.2.3). */
export const MAX_ERROR_DESCRIPTION_LENGTH = 255;

/** Shortens a description to what the wire allows, without splitting a surrogate pair. */
export function truncateDescription(description: string): string {
  if (description.length <= MAX_ERROR_DESCRIPTION_LENGTH) return description;
  let cut = description.slice(0, MAX_ERROR_DESCRIPTION_LENGTH);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * An OCPP-J error: thrown by handlers to answer with CALLERROR, and raised to callers when the CSMS answers one.
 * `code` is a plain string on errors received from the CSMS, which may use codes outside the spec.
 */
export class RpcError extends Error {
  override readonly name: string = 'RpcError';

  constructor(
    readonly code: RpcErrorCode,
    description: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(truncateDescription(description));
  }
}

/** Payload for Action is syntactically incorrect. */
export class FormatViolationError extends RpcError {
  constructor(description = 'Payload is syntactically incorrect', details?: Record<string, unknown>) {
    super('FormatViolation', description, details);
  }
}
/** Any other error not covered by the more specific codes. */
export class GenericError extends RpcError {
  constructor(description = 'Generic error', details?: Record<string, unknown>) {
    super('GenericError', description, details);
  }
}
/** An internal error occurred and the receiver was not able to process the Action. */
export class InternalError extends RpcError {
  constructor(description = 'Internal error', details?: Record<string, unknown>) {
    super('InternalError', description, details);
  }
}
/** A message with a MessageTypeId unknown to the receiver (Part 4 §4.4). */
export class MessageTypeNotSupportedError extends RpcError {
  constructor(description = 'Message type not supported', details?: Record<string, unknown>) {
    super('MessageTypeNotSupported', description, details);
  }
}
/** Requested Action is not known, or no installed functional block handles it. */
export class NotImplementedError extends RpcError {
  constructor(description = 'Action not implemented', details?: Record<string, unknown>) {
    super('NotImplemented', description, details);
  }
}
/** Requested Action is recognized but not supported by the receiver. */
export class NotSupportedError extends RpcError {
  constructor(description = 'Action not supported', details?: Record<string, unknown>) {
    super('NotSupported', description, details);
  }
}
/** Payload is syntactically correct but a field violates occurrence constraints. */
export class OccurrenceConstraintViolationError extends RpcError {
  constructor(description = 'Occurrence constraint violated', details?: Record<string, unknown>) {
    super('OccurrenceConstraintViolation', description, details);
  }
}
/** Payload is syntactically correct but a field contains an invalid value. */
export class PropertyConstraintViolationError extends RpcError {
  constructor(description = 'Property constraint violated', details?: Record<string, unknown>) {
    super('PropertyConstraintViolation', description, details);
  }
}
/** Payload for Action is not conform the PDU structure. */
export class ProtocolError extends RpcError {
  constructor(description = 'Protocol error', details?: Record<string, unknown>) {
    super('ProtocolError', description, details);
  }
}
/** Content of the message is not a valid RPC request, e.g. the message id could not be read. */
export class RpcFrameworkError extends RpcError {
  constructor(description = 'Not a valid RPC message', details?: Record<string, unknown>) {
    super('RpcFrameworkError', description, details);
  }
}
/** A request refused for security reasons, e.g. before the station is Accepted (B02/B03). */
export class SecurityError extends RpcError {
  constructor(description = 'Not allowed in the current state', details?: Record<string, unknown>) {
    super('SecurityError', description, details);
  }
}
/** Payload is syntactically correct but a field violates data type constraints. */
export class TypeConstraintViolationError extends RpcError {
  constructor(description = 'Type constraint violated', details?: Record<string, unknown>) {
    super('TypeConstraintViolation', description, details);
  }
}

/** The error a caller gets when the CSMS answered its CALL with CALLERROR. */
export class CallErrorResponse extends Error {
  override readonly name = 'CallErrorResponse';

  constructor(
    /** The code exactly as the CSMS sent it (may be outside the spec, e.g. "FormationViolation"). */
    readonly code: string,
    readonly description: string,
    readonly details: Record<string, unknown>,
  ) {
    super(`CSMS answered ${code}: ${description}`.slice(0, 400));
  }
}
