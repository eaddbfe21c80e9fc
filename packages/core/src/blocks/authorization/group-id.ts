import type { IdTokenInfoType, IdTokenType } from '../../messages/index.js';
import { sameIdToken } from './same-id-token.js';

/** How a transaction was authorized at its start, as the transactions block keeps it (C09). */
export interface TransactionStartAuthorization {
  idToken: IdTokenType;
  /** The groupIdToken of the idTokenInfo the transaction started with. */
  groupIdToken?: IdTokenType;
}

/** A token presented to stop a transaction, with the idTokenInfo its authorization gave. */
export interface PresentedAuthorization {
  idToken: IdTokenType;
  idTokenInfo: IdTokenInfoType;
}

/**
 * Whether a presented token may stop a transaction (C09, TC_C_39_CS / TC_C_42_CS): the token that started it always
 * may; another token only when its authorization is Accepted and it has the transaction's groupIdToken.
 * A master pass (C16) is checked apart, with isMasterPass.
 */
export function mayStopTransaction(startInfo: TransactionStartAuthorization, presented: PresentedAuthorization): boolean {
  if (sameIdToken(startInfo.idToken, presented.idToken)) return true;
  const group = startInfo.groupIdToken;
  const presentedGroup = presented.idTokenInfo.groupIdToken;
  return presented.idTokenInfo.status === 'Accepted' && group !== undefined && presentedGroup !== undefined && sameIdToken(group, presentedGroup);
}
