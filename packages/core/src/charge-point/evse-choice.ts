import type { IdTokenInfoType, IdTokenType } from '../messages/index.js';
import type { EvseState } from '../blocks/transactions/index.js';
import { mayStopWith, sameIdToken } from '../blocks/transactions/id-token-match.js';

/** One EVSE as the choice sees it: its session and whether it may serve a new session now. */
export interface EvseCandidate {
  evseId: number;
  state: EvseState;
  /** Operative and not faulted (G01/G03). */
  usable: boolean;
}

/** The EVSE whose authorization this very token gave (E07: it stops there without asking the CSMS). */
export function evseAuthorizedBy(candidates: readonly EvseCandidate[], idToken: IdTokenType): number | undefined {
  return candidates.find((c) => c.state.authorized && sameIdToken(c.state.idToken, idToken))?.evseId;
}

/**
 * Where a token presented at a station-wide reader applies (C01, E02, E03, E07, C09): first an EVSE it may stop
 * (same token or same group), then a plugged-in EVSE waiting for authorization (cable first), then a free EVSE
 * (token first). Undefined when none fits.
 */
export function evseForPresentedToken(candidates: readonly EvseCandidate[], idToken: IdTokenType, info: IdTokenInfoType): number | undefined {
  const stoppable = candidates.find((c) => c.state.authorized && mayStopWith(c.state, { idToken, groupIdToken: info.groupIdToken }));
  if (stoppable !== undefined) return stoppable.evseId;
  return freeEvse(candidates);
}

/** F01/F02 without evseId: a plugged-in EVSE waiting for authorization first, then a free one. */
export function freeEvse(candidates: readonly EvseCandidate[]): number | undefined {
  const waiting = candidates.find((c) => c.usable && c.state.evConnected && !c.state.authorized);
  if (waiting !== undefined) return waiting.evseId;
  return candidates.find((c) => c.usable && !c.state.evConnected && !c.state.authorized && c.state.transactionId === undefined)?.evseId;
}
