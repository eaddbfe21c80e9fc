/** Why a CSMS->CS call produced no response. */
export interface CallFailure {
  /**
   * The OCPP-J error code of the station's CALLERROR (e.g. `NotImplemented`), or of the schema violation in its
   * CALLRESULT (e.g. `FormatViolation`); `Timeout` when it did not answer in time; `Disconnected` when it went away.
   */
  readonly code: string;
  readonly description: string;
  readonly details: unknown;
}

/** The result of sending one CSMS->CS CALL to a station (HTTP `POST /api/stations/:id/call/:action`). */
export type CallOutcome =
  /** The station answered with a schema-valid CALLRESULT. */
  | { readonly kind: 'response'; readonly response: unknown }
  /** The station answered with a CALLERROR or a bad CALLRESULT, did not answer in time, or disconnected. */
  | { readonly kind: 'failed'; readonly error: CallFailure }
  /** Nothing was sent: strict mode refused a request payload that breaks the official schema. */
  | { readonly kind: 'refused'; readonly reason: string; readonly schemaErrors: unknown }
  /** Nothing was sent: no station with that identity is connected. */
  | { readonly kind: 'notConnected' }
  /** Nothing was sent: the action is no OCPP 2.0.1 action the CSMS may initiate. */
  | { readonly kind: 'notCsmsAction'; readonly reason: string };
