import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { Authorizer } from './authorizer.js';
import { clearCacheHandler } from './clear-cache.handler.js';

/** Functional block C Authorization: C11 ClearCache (Authorize itself is sent by the Authorizer; SendLocalList belongs to block D). */
export function authorizationBlock(deps: { authorizer: Pick<Authorizer, 'clearCache'> }): FunctionalBlock {
  return {
    name: 'authorization',
    handlers: {
      ClearCache: clearCacheHandler(deps.authorizer),
    },
  };
}
