import type { IdTokenType } from '../../messages/index.js';

/** Same idToken: the type and the case-insensitive value agree (IdTokenType: "IdToken is case insensitive"). */
export function sameIdToken(a: IdTokenType | undefined, b: IdTokenType | undefined): boolean {
  return a !== undefined && b !== undefined && a.type === b.type && a.idToken.toLowerCase() === b.idToken.toLowerCase();
}

/**
 * E07.FR.02, C09 (TC_C_39, TC_C_42): a presented token may stop a transaction when it is the token that started it,
 * or when both belong to the same group (groupIdToken).
 */
export function mayStopWith(
  started: { idToken?: IdTokenType; groupIdToken?: IdTokenType },
  presented: { idToken: IdTokenType; groupIdToken?: IdTokenType | undefined },
): boolean {
  return sameIdToken(started.idToken, presented.idToken) || sameIdToken(started.groupIdToken, presented.groupIdToken);
}
