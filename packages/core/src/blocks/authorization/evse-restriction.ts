import type { AuthorizationResult } from './authorization-result.js';

/**
 * An Accepted idTokenInfo that lists evseIds is valid only on those EVSEs (IdTokenInfoType.evseId): for another EVSE the
 * result becomes NotAllowedTypeEVSE. The idTokenInfo as given (and cached) is not changed.
 */
export function restrictToEvse(result: AuthorizationResult, evseId: number | undefined): AuthorizationResult {
  const allowed = result.idTokenInfo.evseId;
  if (evseId === undefined || allowed === undefined || allowed.length === 0 || result.idTokenInfo.status !== 'Accepted' || allowed.includes(evseId)) return result;
  return { ...result, idTokenInfo: { ...result.idTokenInfo, status: 'NotAllowedTypeEVSE' } };
}
