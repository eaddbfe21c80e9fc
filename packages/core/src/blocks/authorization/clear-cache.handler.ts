import type { ClearCacheResponse } from '../../messages/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import type { Authorizer } from './authorizer.js';

/** C11 ClearCache: clears the authorization cache; Rejected while AuthCacheCtrlr is disabled (C11.FR.04, TC_C_37/38_CS). */
export function clearCacheHandler(authorizer: Pick<Authorizer, 'clearCache'>): CallHandler<'ClearCache'> {
  return (): ClearCacheResponse => ({ status: authorizer.clearCache() });
}
