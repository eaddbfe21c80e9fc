import type { NotifyCustomerInformationRequest } from '../../messages/index.js';
import type { AuthCacheEntry } from '../../ports/storage/auth-cache-store.port.js';

/** NotifyCustomerInformationRequest.data holds at most 512 characters (schema maxLength). */
export const CUSTOMER_DATA_CHUNK = 512;

/** What the authorization cache knows about the customer's idToken, as a readable line (N09). */
export function authCacheLine(entry: AuthCacheEntry): string {
  const { idToken, idTokenInfo } = entry;
  const expiry = idTokenInfo.cacheExpiryDateTime === undefined ? '' : `, expires ${idTokenInfo.cacheExpiryDateTime}`;
  return `Authorization cache: ${idToken.type} ${idToken.idToken} status ${idTokenInfo.status}${expiry}, stored ${entry.storedAt}, last used ${entry.lastUsedAt}, used ${entry.useCount} times`;
}

/**
 * N09/N10 NotifyCustomerInformation messages for one report: `data` cut into pieces of at most 512 characters (code
 * points, so no character is split), seqNo from 0, tbc on all but the last, one generatedAt; an empty report is one
 * message with empty data.
 */
export function customerInformationMessages(data: string, requestId: number, generatedAt: Date): NotifyCustomerInformationRequest[] {
  const characters = Array.from(data);
  const count = Math.max(1, Math.ceil(characters.length / CUSTOMER_DATA_CHUNK));
  const at = generatedAt.toISOString();
  return Array.from({ length: count }, (_unused, seqNo) => ({
    data: characters.slice(seqNo * CUSTOMER_DATA_CHUNK, (seqNo + 1) * CUSTOMER_DATA_CHUNK).join(''),
    tbc: seqNo < count - 1,
    seqNo,
    generatedAt: at,
    requestId,
  }));
}
