import type { OcppAction } from './generated/actions.js';
import * as compiled from './generated/validators.js';

/** One violation of an official OCPP 2.0.1 schema, in JSON Schema terms (no ajv types leak out). */
export interface SchemaError {
  /** The failing JSON Schema keyword: `required`, `type`, `maxLength`, `enum`, `additionalProperties`, `format`, ... */
  keyword: string;
  /** JSON Pointer to the offending value inside the payload (empty for the payload itself). */
  instancePath: string;
  /** Human-readable explanation, e.g. `must have required property 'reason'`. */
  message: string;
  /** Keyword details, e.g. `{ missingProperty: 'reason' }` or `{ limit: 20 }`. */
  params: Record<string, unknown>;
}

/** Checks one payload against one official schema: undefined when valid, else the first errors (DESIGN rule 7). */
export type PayloadValidator = (payload: unknown) => SchemaError[] | undefined;

/** The error shape ajv standalone code reports. */
interface CompiledError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** An ajv standalone validate function: returns validity and leaves the errors on itself. */
interface CompiledValidate {
  (data: unknown): boolean;
  errors?: readonly CompiledError[] | null;
}

/** ajv stops at the first error (allErrors off); a few are kept in case a keyword reports several. */
const MAX_ERRORS = 3;

/** The generated module is the lookup table: one export per schema, named `${action}Request` / `${action}Response`. */
const table = compiled as unknown as Readonly<Record<string, CompiledValidate | undefined>>;
const wrapped = new Map<string, PayloadValidator>();

/** Returns the cached validator of an action's request or response schema (DESIGN rule 7: every frame is checked). */
export function getValidator(action: OcppAction, kind: 'request' | 'response'): PayloadValidator {
  const name = `${action}${kind === 'request' ? 'Request' : 'Response'}`;
  let validator = wrapped.get(name);
  if (validator === undefined) {
    const validate = Object.hasOwn(table, name) ? table[name] : undefined;
    // Unreachable for a real OcppAction: the generator emits both schemas of every action.
    if (typeof validate !== 'function') throw new Error(`No compiled validator for ${name}; run npm run generate`);
    validator = wrap(validate);
    wrapped.set(name, validator);
  }
  return validator;
}

function wrap(validate: CompiledValidate): PayloadValidator {
  return (payload) => {
    if (validate(payload)) return undefined;
    const errors = (validate.errors ?? []).slice(0, MAX_ERRORS).map(toSchemaError);
    // An invalid payload must never look valid, even if ajv left no error behind.
    return errors.length > 0 ? errors : [{ keyword: 'unknown', instancePath: '', message: 'is invalid', params: {} }];
  };
}

function toSchemaError(error: CompiledError): SchemaError {
  // Copies params: ajv's `allowedValues` is the compiled schema's own enum array.
  const params = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, Array.isArray(v) ? [...(v as unknown[])] : v]));
  return { keyword: error.keyword, instancePath: error.instancePath, message: error.message ?? error.keyword, params };
}
