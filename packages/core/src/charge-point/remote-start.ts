import type { RequestStartTransactionRequest } from '../messages/index.js';
import type { RemoteStartDecision } from '../blocks/remote-control/request-start-transaction.handler.js';
import { freeEvse, type EvseCandidate } from './evse-choice.js';

/**
 * F01/F02 (TC_F_01-04): where a RequestStartTransaction goes and whether it is Accepted: an unknown EVSE, an EVSE that
 * is not usable (Inoperative, Faulted) or one that is already authorized is Rejected; a transaction that already runs
 * there (cable plugged in first with TxStartPoint EVConnected) is named in the answer. `proceed` is added by the caller.
 */
export function remoteStartTarget(
  request: RequestStartTransactionRequest,
  candidates: readonly EvseCandidate[],
): { evseId: number; decision: RemoteStartDecision } | { decision: RemoteStartDecision } {
  const evseId = request.evseId ?? freeEvse(candidates);
  if (evseId === undefined) return { decision: { response: { status: 'Rejected', statusInfo: { reasonCode: 'NoFreeEvse' } } } };
  const candidate = candidates.find((c) => c.evseId === evseId);
  if (candidate === undefined) return { decision: { response: { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } } } };
  if (!candidate.usable) return { decision: { response: { status: 'Rejected', statusInfo: { reasonCode: 'Unavailable' } } } };
  if (candidate.state.authorized) return { decision: { response: { status: 'Rejected', statusInfo: { reasonCode: 'TxInProgress' } } } };
  const { transactionId } = candidate.state;
  return { evseId, decision: { response: { status: 'Accepted', ...(transactionId === undefined ? {} : { transactionId }) } } };
}

/**
 * F01.FR.12 (TC_K_38_CS): a station without Smart Charging ignores the chargingProfile of a RequestStartTransaction,
 * so the request the station is told about carries none (it must not apply a limit the CSMS thinks is not in force).
 */
export function withoutUnsupportedProfile(request: RequestStartTransactionRequest, smartChargingAvailable: boolean): RequestStartTransactionRequest {
  if (smartChargingAvailable || request.chargingProfile === undefined) return request;
  const { chargingProfile: _ignored, ...rest } = request;
  return rest;
}
