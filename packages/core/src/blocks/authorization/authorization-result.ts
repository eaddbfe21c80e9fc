import type { IdTokenInfoType } from '../../messages/index.js';

/**
 * Who decided an authorization (C01-C16): the CSMS (Authorize), the authorization cache (C10/C12), the Local
 * Authorization List (C13/C14), the unknown-id rule without a CSMS answer (offline C15, or remote authorization
 * disabled), no authorization at all (C02 NoAuthorization token, AuthCtrlr.Enabled false), or a trusted remote start
 * (C05, AuthorizeRemoteStart false).
 */
export type AuthorizationSource = 'csms' | 'cache' | 'local' | 'offline-unknown' | 'no-authorization' | 'remote-start-trusted';

/** The outcome of one authorization: the idTokenInfo to act on (start only when Accepted) and who decided it. */
export interface AuthorizationResult {
  idTokenInfo: IdTokenInfoType;
  source: AuthorizationSource;
}

/** Where and why a token is authorized: the EVSE it is for (IdTokenInfo.evseId), and whether it came with RequestStartTransaction (C05). */
export interface AuthorizeContext {
  evseId?: number;
  remoteStart?: boolean;
}
