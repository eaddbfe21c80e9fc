/** OCPP 2.0.1 payload types, one per definition and message of the official OCA schemas (DESIGN 3.1). */
export type * from './generated/types.js';
/** The action union, request/response maps and their lookups. */
export type { ActionDirection, OcppAction, OcppRequestMap, OcppResponseMap, RequestOf, ResponseOf } from './generated/actions.js';
/** The direction table of the 64 actions and the action-name guard. */
export { ACTIONS, isOcppAction } from './generated/actions.js';
/** The schema-error shape and the validator signature. */
export type { PayloadValidator, SchemaError } from './validators.js';
/** Ahead-of-time compiled schema validators, one per action and direction. */
export { getValidator } from './validators.js';
