import type { CallOutcome } from './call-outcome.js';
import type { FrameQuery } from './frame-ledger.js';
import type { FrameRecord } from './frame-record.js';
import type { CsmsPolicy, PolicyPatch } from './policy.js';
import type { StationState } from './station-registry.js';

/** Options of one CSMS->CS call. */
export interface CallOptions {
  /** How long to wait for the station's answer; the server's call timeout when absent. */
  timeoutMs?: number;
}

/** A station connected or went away. */
export interface StationConnectionEvent {
  readonly type: 'connected' | 'disconnected';
  readonly identity: string;
}

/** What the HTTP API and library callers can do with a running csms-dev. */
export interface CsmsControl {
  /** The policy in force. */
  readonly policy: CsmsPolicy;
  /** Changes the policy at run time (the next BootNotification / Authorize sees it); throws PolicyError on a bad value. */
  setPolicy(patch: PolicyPatch): CsmsPolicy;
  /** Every station that connected since start. */
  stations(): StationState[];
  /** One station, or undefined if it never connected. */
  station(identity: string): StationState | undefined;
  /** Frames from the ledger, oldest first. */
  frames(query?: FrameQuery): FrameRecord[];
  /** How many frames the ledger keeps. */
  readonly ledgerCapacity: number;
  /** Calls `listener` with every new frame; returns the unsubscribe function. */
  onFrame(listener: (frame: FrameRecord) => void): () => void;
  /** Sends a CSMS->CS CALL to a connected station (strict mode checks the payload first). */
  call(identity: string, action: string, payload: unknown, options?: CallOptions): Promise<CallOutcome>;
}

/** A running development CSMS. */
export interface CsmsDev extends CsmsControl {
  /** Base URL for stations, e.g. `ws://127.0.0.1:9000` (a station appends `/<identity>`; any path prefix works). */
  readonly ocppUrl: string;
  /** Base URL of the HTTP JSON API, e.g. `http://127.0.0.1:9001`. */
  readonly httpUrl: string;
  /** Calls `listener` when a station connects or disconnects; returns the unsubscribe function. */
  onStationConnection(listener: (event: StationConnectionEvent) => void): () => void;
  /** Closes every station connection, the HTTP API and the websocket server. */
  close(): Promise<void>;
}
