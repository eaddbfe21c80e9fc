import { expect } from 'vitest';
import { DeviceModel, type ComponentDefinition, type ConfigValue, type StationLayout } from '../../device-model/index.js';
import { getValidator, type AuthorizeRequest, type AuthorizeResponse, type IdTokenInfoType, type IdTokenType } from '../../messages/index.js';
import type { AuthCacheStorePort } from '../../ports/storage/auth-cache-store.port.js';
import type { DeviceModelStorePort } from '../../ports/storage/device-model-store.port.js';
import { InMemoryAuthCacheStore, InMemoryDeviceModelStore } from '../../storage-memory/index.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { Authorizer, type AuthorizerDeps } from './authorizer.js';

/** Two EVSEs with one connector each (tests only). */
export const layout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
    { id: 2, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

/** An RFID card (C01). */
export function rfid(idToken: string): IdTokenType {
  return { idToken, type: 'ISO14443' };
}

/**
 * A CSMS answering AuthorizeRequests from a script (tests only): every request and scripted answer is checked against
 * the official schemas (a bad one fails the test), unscripted tokens are Invalid, and it can be made to fail.
 */
export class ScriptedCsms {
  readonly requests: AuthorizeRequest[] = [];
  private readonly answers = new Map<string, IdTokenInfoType>();
  private failure: Error | undefined;

  /** The idTokenInfo the CSMS gives for this idToken from now on. */
  answer(idToken: string, idTokenInfo: IdTokenInfoType): this {
    this.answers.set(idToken, idTokenInfo);
    return this;
  }

  /** Makes every later request fail (a timeout or CALLERROR), or answer again with undefined. */
  failWith(error: Error | undefined): void {
    this.failure = error;
  }

  /** The idTokens sent so far, in order. */
  sentIdTokens(): string[] {
    return this.requests.map((r) => r.idToken.idToken);
  }

  readonly send = (request: AuthorizeRequest): Promise<AuthorizeResponse> => {
    expect.soft(getValidator('Authorize', 'request')(request), 'AuthorizeRequest breaks the schema').toBeUndefined();
    this.requests.push(structuredClone(request));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const response: AuthorizeResponse = { idTokenInfo: structuredClone(this.answers.get(request.idToken.idToken) ?? { status: 'Invalid' }) };
    expect.soft(getValidator('Authorize', 'response')(response), 'scripted AuthorizeResponse breaks the schema').toBeUndefined();
    return Promise.resolve(response);
  };
}

/** Options of {@link makeAuthorizer}. */
export interface AuthorizerKitOptions {
  /** Device model values as 'Component.Variable' → text, e.g. { 'AuthCtrlr.LocalPreAuthorize': 'true' }. */
  values?: Readonly<Record<string, string>>;
  additions?: ComponentDefinition[];
  online?: boolean;
  cache?: AuthCacheStorePort;
  maxCacheEntries?: number;
  localList?: AuthorizerDeps['localList'];
}

function configValues(values: Readonly<Record<string, string>>): ConfigValue[] {
  return Object.entries(values).map(([address, value]) => {
    const [component = '', variable = ''] = address.split('.');
    return { component: { name: component }, variable: { name: variable }, value };
  });
}

/** An Authorizer on a real device model, an in-memory cache, a fake clock and a scripted CSMS (tests only). */
export function makeAuthorizer(options: AuthorizerKitOptions = {}) {
  const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const logger = new MemoryLogger();
  const cache = options.cache ?? new InMemoryAuthCacheStore();
  const deviceModelStore: DeviceModelStorePort = new InMemoryDeviceModelStore();
  const config = {
    layout,
    values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS1' }, ...configValues(options.values ?? {})],
    additions: options.additions ?? [],
  };
  const csms = new ScriptedCsms();
  const state = { online: options.online ?? true };
  const build = (deviceModel: DeviceModel): Authorizer =>
    new Authorizer({
      clock,
      logger,
      deviceModel,
      cache,
      sendAuthorize: csms.send,
      isOnline: () => state.online,
      ...(options.localList === undefined ? {} : { localList: options.localList }),
      ...(options.maxCacheEntries === undefined ? {} : { maxCacheEntries: options.maxCacheEntries }),
    });
  let deviceModel = DeviceModel.load({ store: deviceModelStore, logger, clock }, config);
  let authorizer = build(deviceModel);
  return {
    clock,
    logger,
    cache,
    csms,
    get deviceModel(): DeviceModel {
      return deviceModel;
    },
    get authorizer(): Authorizer {
      return authorizer;
    },
    /** Connects or disconnects the station. */
    setOnline(online: boolean): void {
      state.online = online;
    },
    /** Sets a variable as the CSMS would (SetVariables), failing the test when it is not Accepted. */
    set(address: string, value: string): void {
      const [component = '', variable = ''] = address.split('.');
      const [result] = deviceModel.setVariables([{ component: { name: component }, variable: { name: variable }, attributeValue: value }]);
      expect(result?.attributeStatus, `${address} = ${value}`).toBe('Accepted');
    },
    /** A reboot: the device model reloaded from its store and a new Authorizer over the same cache store (TC_C_32_CS). */
    restart(): Authorizer {
      deviceModel = DeviceModel.load({ store: deviceModelStore, logger, clock }, config);
      authorizer = build(deviceModel);
      return authorizer;
    },
  };
}

/** A cache already holding these entries, each stored and last used at `at` (the IdTokenCached memory state). */
export function cachedStore(entries: readonly { idToken: IdTokenType; idTokenInfo: IdTokenInfoType; at?: string; useCount?: number }[]): InMemoryAuthCacheStore {
  const store = new InMemoryAuthCacheStore();
  for (const e of entries) {
    const at = e.at ?? '2026-03-01T11:00:00.000Z';
    store.put({ idToken: e.idToken, idTokenInfo: e.idTokenInfo, storedAt: at, lastUsedAt: at, useCount: e.useCount ?? 1 });
  }
  return store;
}
