import type { DeviceModel } from '../../device-model/index.js';
import type { AuthorizeRequest, AuthorizeResponse, ClearCacheStatusEnumType, IdTokenInfoType, IdTokenType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { AuthCacheStorePort } from '../../ports/storage/auth-cache-store.port.js';
import { AuthCache } from './auth-cache.js';
import { readAuthSettings, type AuthSettings } from './auth-settings.js';
import type { AuthorizationResult, AuthorizationSource, AuthorizeContext } from './authorization-result.js';
import { restrictToEvse } from './evse-restriction.js';

/** What the Authorizer needs from the station. */
export interface AuthorizerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  cache: AuthCacheStorePort;
  /** Sends an AuthorizeRequest and resolves with the CSMS's answer; rejects on timeout, CALLERROR or lost connection. */
  sendAuthorize: (request: AuthorizeRequest) => Promise<AuthorizeResponse>;
  /** Whether the station is connected to the CSMS now. */
  isOnline: () => boolean;
  /** The Local Authorization List's idTokenInfo for a token (C13/C14; the local-auth-list block); absent or undefined: not listed. */
  localList?: (idToken: IdTokenType) => IdTokenInfoType | undefined;
  /** Most entries the cache keeps, on top of AuthCacheCtrlr.Storage's byte capacity. */
  maxCacheEntries?: number;
}

const ACCEPTED: IdTokenInfoType = { status: 'Accepted' };
const UNKNOWN: IdTokenInfoType = { status: 'Unknown' };

/**
 * The station's authorization decision (C01-C06, C10-C12, C15), in the spirit of libocpp's validate_token: no
 * authorization for NoAuthorization tokens and trusted remote starts, the Local Authorization List and the cache where
 * LocalPreAuthorize / LocalAuthorizeOffline allow, else AuthorizeRequest (its answer cached), else the offline rules.
 */
export class Authorizer {
  private readonly logger: LoggerPort;
  private readonly cache: AuthCache;

  constructor(private readonly deps: AuthorizerDeps) {
    this.logger = deps.logger.child({ component: 'Authorizer' });
    this.cache = new AuthCache({
      store: deps.cache,
      clock: deps.clock,
      logger: this.logger,
      deviceModel: deps.deviceModel,
      ...(deps.maxCacheEntries === undefined ? {} : { maxEntries: deps.maxCacheEntries }),
    });
    // The cache found at boot: drop what expired while the station was off, fit the limits, publish Storage.
    this.cache.maintain(readAuthSettings(deps.deviceModel));
  }

  /** Decides whether a presented (or remotely given) token may charge (C01 RFID, C04 KeyCode, C06 Local, C02, C05, C10-C12, C15). */
  async authorize(idToken: IdTokenType, context: AuthorizeContext = {}): Promise<AuthorizationResult> {
    const result = await this.decide(idToken, context);
    this.logger.debug({ idTokenType: idToken.type, source: result.source, status: result.idTokenInfo.status, evseId: context.evseId }, 'authorization decided');
    return result;
  }

  /** C10.FR.05: a TransactionEventResponse's idTokenInfo updates the cache (TC_C_34_CS), unless the cache is disabled or the token is on the local list. */
  updateFromTransactionResponse(idToken: IdTokenType, idTokenInfo: IdTokenInfoType): void {
    const settings = readAuthSettings(this.deps.deviceModel);
    if (this.mayCache(idToken, settings)) this.cache.store(idToken, idTokenInfo, settings);
  }

  /** C11 ClearCache: Rejected when the cache is disabled (C11.FR.04, TC_C_38_CS) or cannot be cleared; else Accepted (TC_C_37_CS). */
  clearCache(): ClearCacheStatusEnumType {
    if (!readAuthSettings(this.deps.deviceModel).cacheEnabled) return 'Rejected';
    try {
      this.cache.clear();
      return 'Accepted';
    } catch (error) {
      this.logger.error({ err: error }, 'authorization cache: ClearCache failed');
      return 'Rejected';
    }
  }

  /** Drops expired entries and fits the cache to its limits now (also done at construction and after each store). */
  maintainCache(): void {
    this.cache.maintain(readAuthSettings(this.deps.deviceModel));
  }

  private async decide(idToken: IdTokenType, context: AuthorizeContext): Promise<AuthorizationResult> {
    const settings = readAuthSettings(this.deps.deviceModel);
    // C02: a start button's NoAuthorization token is never sent to the CSMS; AuthCtrlr.Enabled false authorizes nothing.
    if (idToken.type === 'NoAuthorization' || !settings.authEnabled) return { idTokenInfo: { ...ACCEPTED }, source: 'no-authorization' };
    // C05: with AuthorizeRemoteStart false the CSMS's RequestStartTransaction is its own authorization.
    if (context.remoteStart === true && !settings.authorizeRemoteStart) return { idTokenInfo: { ...ACCEPTED }, source: 'remote-start-trusted' };

    const online = this.deps.isOnline();
    const mayAskCsms = online && !settings.disableRemoteAuthorization;
    // Online the cache and list are only used with LocalPreAuthorize (C10.FR.11, TC_C_36_CS); offline with LocalAuthorizeOffline.
    const mayDecideLocally = settings.disableRemoteAuthorization || (online ? settings.localPreAuthorize : settings.localAuthorizeOffline);
    if (mayDecideLocally) {
      const local = this.decideLocally(idToken, settings, mayAskCsms);
      if (local !== undefined) return restrictToEvse(local, context.evseId);
    }
    if (mayAskCsms) return this.askCsms(idToken, settings, context);
    return this.withoutCsms(settings, online);
  }

  /**
   * The Local Authorization List first (it takes precedence over the cache, TC_C_25_CS), then the cache. Accepted entries
   * decide at once (C12.FR.03, TC_C_08_CS; C14.FR.02); others are re-checked with the CSMS when it can be asked
   * (C12.FR.05, C10.FR.03, TC_C_09-12_CS), unless AuthCacheCtrlr.DisablePostAuthorize (TC_C_57_CS).
   * Undefined: ask the CSMS, or apply the unknown-id rules.
   */
  private decideLocally(idToken: IdTokenType, settings: AuthSettings, mayAskCsms: boolean): AuthorizationResult | undefined {
    const listed = this.deps.localList?.(idToken);
    if (listed !== undefined) return listed.status === 'Accepted' || !mayAskCsms ? { idTokenInfo: listed, source: 'local' } : undefined;
    if (!settings.cacheEnabled) return undefined;
    const entry = this.cache.lookup(idToken, settings);
    if (entry === undefined) return undefined;
    if (entry.idTokenInfo.status !== 'Accepted' && mayAskCsms && !settings.disablePostAuthorize) return undefined;
    this.cache.touch(idToken);
    return { idTokenInfo: entry.idTokenInfo, source: 'cache' };
  }

  /** C01: AuthorizeRequest; every answer is cached (C10.FR.04, TC_C_33_CS). No answer: the offline rules apply. */
  private async askCsms(idToken: IdTokenType, settings: AuthSettings, context: AuthorizeContext): Promise<AuthorizationResult> {
    let response: AuthorizeResponse;
    try {
      response = await this.deps.sendAuthorize({ idToken });
    } catch (error) {
      this.logger.warn({ err: error, idTokenType: idToken.type }, 'AuthorizeRequest got no answer: deciding as offline');
      const local = settings.localAuthorizeOffline ? this.decideLocally(idToken, settings, false) : undefined;
      return local === undefined ? this.withoutCsms(settings, false) : restrictToEvse(local, context.evseId);
    }
    if (this.mayCache(idToken, settings)) this.cache.store(idToken, response.idTokenInfo, settings);
    return restrictToEvse({ idTokenInfo: response.idTokenInfo, source: 'csms' }, context.evseId);
  }

  /** C15: offline, an unknown token is Accepted when OfflineTxForUnknownIdEnabled (TC_C_26_CS); otherwise, or online without remote authorization, Unknown. */
  private withoutCsms(settings: AuthSettings, online: boolean): AuthorizationResult {
    const source: AuthorizationSource = 'offline-unknown';
    if (!online && settings.offlineTxForUnknownIdEnabled) return { idTokenInfo: { ...ACCEPTED }, source };
    return { idTokenInfo: { ...UNKNOWN }, source };
  }

  /** Cached: answers for real tokens while the cache is enabled (C10), but not tokens the local list holds. */
  private mayCache(idToken: IdTokenType, settings: AuthSettings): boolean {
    return settings.cacheEnabled && idToken.type !== 'NoAuthorization' && this.deps.localList?.(idToken) === undefined;
  }
}
