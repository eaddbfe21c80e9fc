import type { DeviceModel } from '../../device-model/index.js';
import type { AuthCacheEvictionPolicy } from '../../ports/storage/auth-cache-store.port.js';

/** The AuthCtrlr and AuthCacheCtrlr values one authorization decision uses, read once per decision (C01-C16). */
export interface AuthSettings {
  /** AuthCtrlr.Enabled; false: every token is accepted without authorization. */
  authEnabled: boolean;
  authorizeRemoteStart: boolean;
  localPreAuthorize: boolean;
  localAuthorizeOffline: boolean;
  disableRemoteAuthorization: boolean;
  offlineTxForUnknownIdEnabled: boolean;
  /** AuthCacheCtrlr.Available and Enabled (C10, C11.FR.04). */
  cacheEnabled: boolean;
  /** AuthCacheCtrlr.LifeTime in seconds since last use; undefined: entries never age out. */
  cacheLifeTimeS: number | undefined;
  cachePolicy: AuthCacheEvictionPolicy;
  /** AuthCacheCtrlr.Storage maxLimit: the cache's capacity in bytes; undefined: unbounded. */
  cacheMaxBytes: number | undefined;
  disablePostAuthorize: boolean;
}

/** AuthCacheCtrlr.Policy as an eviction order; CUSTOM (or anything unknown) falls back to LRU, the spec's default. */
export function evictionPolicyOf(policy: string | undefined): AuthCacheEvictionPolicy {
  return policy === 'LFU' || policy === 'FIFO' ? policy : 'LRU';
}

/** Reads the authorization settings; absent optional variables take the safe side (authorize, no local shortcuts, no cache). */
export function readAuthSettings(deviceModel: DeviceModel): AuthSettings {
  const lifeTime = deviceModel.get('AuthCacheCtrlr', 'LifeTime');
  const maxBytes = deviceModel.describe({ name: 'AuthCacheCtrlr' }, { name: 'Storage' })?.maxLimit;
  return {
    authEnabled: deviceModel.get('AuthCtrlr', 'Enabled') !== false,
    authorizeRemoteStart: deviceModel.get('AuthCtrlr', 'AuthorizeRemoteStart') !== false,
    localPreAuthorize: deviceModel.get('AuthCtrlr', 'LocalPreAuthorize') === true,
    localAuthorizeOffline: deviceModel.get('AuthCtrlr', 'LocalAuthorizeOffline') === true,
    disableRemoteAuthorization: deviceModel.get('AuthCtrlr', 'DisableRemoteAuthorization') === true,
    offlineTxForUnknownIdEnabled: deviceModel.get('AuthCtrlr', 'OfflineTxForUnknownIdEnabled') === true,
    cacheEnabled: deviceModel.get('AuthCacheCtrlr', 'Available') !== false && deviceModel.get('AuthCacheCtrlr', 'Enabled') === true,
    cacheLifeTimeS: lifeTime !== undefined && Number.isFinite(lifeTime) ? lifeTime : undefined,
    cachePolicy: evictionPolicyOf(deviceModel.get('AuthCacheCtrlr', 'Policy')),
    cacheMaxBytes: maxBytes !== undefined && Number.isFinite(maxBytes) ? maxBytes : undefined,
    disablePostAuthorize: deviceModel.get('AuthCacheCtrlr', 'DisablePostAuthorize') === true,
  };
}
