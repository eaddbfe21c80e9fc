import type { IdTokenType } from '../../messages/index.js';

/** Whether two tokens are the same: same type, and the same idToken compared case-insensitively (IdTokenType.idToken is case-insensitive). */
export function sameIdToken(a: Pick<IdTokenType, 'idToken' | 'type'>, b: Pick<IdTokenType, 'idToken' | 'type'>): boolean {
  return a.type === b.type && a.idToken.toLowerCase() === b.idToken.toLowerCase();
}
