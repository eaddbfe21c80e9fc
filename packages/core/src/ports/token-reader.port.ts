/** Token types a local reader can produce (the OCPP 2.0.1 IdTokenEnumType values). */
export type PresentedTokenType =
  | 'Central'
  | 'eMAID'
  | 'ISO14443'
  | 'ISO15693'
  | 'KeyCode'
  | 'Local'
  | 'MacAddress'
  | 'NoAuthorization';

/** A token presented at the station: an RFID card UID (uppercase hex) or a PIN typed on a keypad (KeyCode). */
export interface PresentedToken {
  idToken: string;
  type: PresentedTokenType;
  /** Which reader saw it, where a station has several (e.g. one per EVSE). */
  readerId?: string;
  /** When it was presented (ClockPort wall time). */
  at: Date;
}

/** An RFID reader or PIN pad (C01 authorization starts here). */
export interface TokenReaderPort {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Subscribes to presented tokens; returns the unsubscribe function. */
  onToken(listener: (token: PresentedToken) => void): () => void;
}
