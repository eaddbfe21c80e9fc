import type { SchemaError } from '../messages/validators.js';
import {
  FormatViolationError,
  OccurrenceConstraintViolationError,
  PropertyConstraintViolationError,
  TypeConstraintViolationError,
  type RpcError,
} from './rpc-error.js';

/**
 * Which OCPP-J error code a schema violation is (Part 4 §4.2.3):
 * a wrong data type is TypeConstraintViolation; a missing field or wrong number of items is
 * OccurrenceConstraintViolation; an invalid value (length, range, enum, pattern, format) is
 * PropertyConstraintViolation; a field that is not in the PDU, or a payload that is not an object at all,
 * is FormatViolation.
 */
const CODE_BY_KEYWORD: Readonly<Record<string, (description: string, details: Record<string, unknown>) => RpcError>> = {
  type: (d, x) => new TypeConstraintViolationError(d, x),
  required: (d, x) => new OccurrenceConstraintViolationError(d, x),
  minItems: (d, x) => new OccurrenceConstraintViolationError(d, x),
  maxItems: (d, x) => new OccurrenceConstraintViolationError(d, x),
  minProperties: (d, x) => new OccurrenceConstraintViolationError(d, x),
  maxProperties: (d, x) => new OccurrenceConstraintViolationError(d, x),
  maxLength: (d, x) => new PropertyConstraintViolationError(d, x),
  minLength: (d, x) => new PropertyConstraintViolationError(d, x),
  maximum: (d, x) => new PropertyConstraintViolationError(d, x),
  minimum: (d, x) => new PropertyConstraintViolationError(d, x),
  exclusiveMaximum: (d, x) => new PropertyConstraintViolationError(d, x),
  exclusiveMinimum: (d, x) => new PropertyConstraintViolationError(d, x),
  multipleOf: (d, x) => new PropertyConstraintViolationError(d, x),
  enum: (d, x) => new PropertyConstraintViolationError(d, x),
  const: (d, x) => new PropertyConstraintViolationError(d, x),
  pattern: (d, x) => new PropertyConstraintViolationError(d, x),
  format: (d, x) => new PropertyConstraintViolationError(d, x),
  additionalProperties: (d, x) => new FormatViolationError(d, x),
};

/** Turns the first schema violation of a payload into the CALLERROR the spec names for it. */
export function rpcErrorForSchemaErrors(errors: readonly SchemaError[]): RpcError {
  const first = errors[0];
  if (first === undefined) return new FormatViolationError('Payload does not match the schema');
  const path = first.instancePath === '' ? 'payload' : first.instancePath;
  const extra = first.keyword === 'additionalProperties' ? ` (${String(first.params['additionalProperty']).slice(0, 64)})` : '';
  const description = `${path} ${first.message}${extra}`;
  const details = { keyword: first.keyword, instancePath: first.instancePath.slice(0, 200) };
  const make = CODE_BY_KEYWORD[first.keyword];
  return make === undefined ? new FormatViolationError(description, details) : make(description, details);
}
