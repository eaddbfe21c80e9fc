import { describe, expect, it } from 'vitest';
import { FakeClock, type AuthorizeRequest, type IdTokenInfoType, type IdTokenType } from '@evstation/core';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest, type BootOptions } from '../support/station-per-test.js';
import { flushStation, stationCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block C authorization cache (C10-C12) cases of OCTT Part 6 (Core): storing, using, clearing the cache. Memory
 * state IdTokenCached is made the way a station gets it: by asking the CSMS once (every AuthorizeResponse is cached,
 * C10.FR.04). EVConnectedPreSession is the cable of EVSE 1 plugged in; tokens are presented at EVSE 1's reader.
 */
const localPreAuthorize = setting('AuthCtrlr', 'LocalPreAuthorize', 'true');

describe('Block C authorization cache against a strict CSMS (SQLite file)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    directory = new TokenDirectory();
    return { handlers: directory.handlers() };
  });

  async function boot(values: ConfigValue[] = [], options: Pick<BootOptions, 'clock'> = {}): Promise<RunningStation> {
    return (await env.boot({ values, ...options })).station;
  }

  /** Memory state IdTokenCached: the token asked about once, the CSMS answering `info`. */
  async function cached(running: RunningStation, idToken: IdTokenType, info: IdTokenInfoType): Promise<void> {
    directory.set(idToken, info);
    expect((await running.chargePoint.authorize(idToken)).idTokenInfo.status).toBe(info.status);
    await flushStation(env.csms, env.client);
  }

  /** Presents a token at EVSE 1 after the cable is in, and returns what went to the CSMS because of it. */
  async function presentAfterPlugIn(running: RunningStation, idToken: IdTokenType) {
    running.chargePoint.onSessionStarted(1, 1);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(idToken, { evseId: 1 });
    await flushStation(env.csms, env.client);
    return { presented, authorizes: stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since), events: transactionEvents(env.csms, since), since };
  }

  it('TC_C_08_CS Authorization through authorization cache - Accepted', async () => {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.valid, { status: 'Accepted' });
    const { presented, authorizes, events } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([]);
    expect(presented.outcome).toBe('started');
    expect(events).toEqual([expect.objectContaining({ eventType: 'Started', triggerReason: 'Authorized', idToken: tokens.valid })]);
    expect(env.csms.violations).toEqual([]);
  });

  /** C12.FR.05 / C10.FR.03: a cached token that is not Accepted is checked with the CSMS again; its answer decides. */
  async function postAuthorized(cachedStatus: IdTokenInfoType['status'], answer: IdTokenInfoType['status']) {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.invalid, { status: cachedStatus });
    directory.set(tokens.invalid, { status: answer });
    return presentAfterPlugIn(running, tokens.invalid);
  }

  it('TC_C_09_CS Authorization through authorization cache - Invalid & Not Accepted', async () => {
    const { presented, authorizes, events } = await postAuthorized('Invalid', 'Invalid');
    expect(authorizes).toEqual([{ idToken: tokens.invalid }]);
    expect(presented.outcome).toBe('ignored');
    expect(events).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_10_CS Authorization through authorization cache - Blocked', async () => {
    const { presented, authorizes, events } = await postAuthorized('Blocked', 'Blocked');
    expect(authorizes).toEqual([{ idToken: tokens.invalid }]);
    expect(presented.idTokenInfo.status).toBe('Blocked');
    expect(events).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_11_CS Authorization through authorization cache - Expired', async () => {
    const { presented, authorizes, events } = await postAuthorized('Expired', 'Expired');
    expect(authorizes).toEqual([{ idToken: tokens.invalid }]);
    expect(presented.idTokenInfo.status).toBe('Expired');
    expect(events).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_12_CS Authorization through authorization cache - Invalid & Accepted', async () => {
    const { presented, authorizes, events } = await postAuthorized('Invalid', 'Accepted');
    expect(authorizes).toEqual([{ idToken: tokens.invalid }]);
    expect(presented.outcome).toBe('started');
    expect(events).toEqual([expect.objectContaining({ eventType: 'Started', triggerReason: 'Authorized', idToken: tokens.invalid })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_13_CS Authorization through authorization cache - Accepted without cable', async () => {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.valid, { status: 'Accepted' });
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    expect(presented.outcome).toBe('authorized');
    running.chargePoint.onSessionStarted(1, 1);
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    expect(started).toMatchObject({ triggerReason: 'CablePluggedIn', idToken: tokens.valid, evse: { id: 1, connectorId: 1 } });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_57_CS Authorization through authorization cache - AuthCacheDisablePostAuthorize', async () => {
    const running = await boot([localPreAuthorize, setting('AuthCacheCtrlr', 'DisablePostAuthorize', 'true')]);
    await cached(running, tokens.invalid, { status: 'Invalid' });
    directory.set(tokens.invalid, { status: 'Accepted' });
    const { presented, authorizes, events } = await presentAfterPlugIn(running, tokens.invalid);
    expect(authorizes).toEqual([]);
    expect(presented).toMatchObject({ outcome: 'ignored', idTokenInfo: { status: 'Invalid' } });
    expect(events).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_32_CS Store Authorization Data in the Authorization Cache - Persistent over reboot', async () => {
    const first = await boot([localPreAuthorize]);
    await cached(first, tokens.valid, { status: 'Accepted' });
    await first.stop();
    // The CSMS would now refuse the token: only a cache that survived the reboot lets the start go on without asking.
    directory.set(tokens.valid, { status: 'Invalid' });
    const rebooted = await boot([localPreAuthorize]);
    const { presented, authorizes, events } = await presentAfterPlugIn(rebooted, tokens.valid);
    expect(authorizes).toEqual([]);
    expect(presented.outcome).toBe('started');
    expect(events[0]).toMatchObject({ eventType: 'Started', idToken: tokens.valid });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_33_CS Store Authorization Data in the Authorization Cache - Update on AuthorizeResponse', async () => {
    const running = await boot([localPreAuthorize]);
    const since = env.csms.ledger.length;
    await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid }]);
    await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    running.chargePoint.onSessionFinished(1, 1);
    await flushStation(env.csms, env.client);
    // The AuthorizeResponse was cached: the next session with the same token starts without asking.
    const again = env.csms.ledger.length;
    await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    expect(stationCalls(env.csms, 'Authorize', again)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_34_CS Store Authorization Data in the Authorization Cache - Update on TransactionEventResponse', async () => {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.valid, { status: 'Accepted' });
    directory.setForTransactions(tokens.valid, { status: 'Blocked' });
    const { presented, authorizes, since } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([]);
    expect(presented.outcome).toBe('started');
    // The TransactionEventResponse said Blocked: the transaction is deauthorized (E05) and the cache updated.
    await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended' && e.triggerReason === 'Deauthorized', since);
    await flushStation(env.csms, env.client);
    const again = env.csms.ledger.length;
    await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    await flushStation(env.csms, env.client);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', again)).toEqual([{ idToken: tokens.valid }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_36_CS Store Authorization Data in the Authorization Cache - AuthCtrlr.LocalPreAuthorize = false', async () => {
    const running = await boot();
    await cached(running, tokens.valid, { status: 'Accepted' });
    directory.set(tokens.valid, { status: 'Invalid' });
    const { presented, authorizes, events } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([{ idToken: tokens.valid }]);
    expect(presented.outcome).toBe('ignored');
    expect(events).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_46_CS Store Authorization Data in the Authorization Cache - AuthCacheLifeTime', async () => {
    const clock = new FakeClock(new Date());
    const lifeTimeS = 600;
    const running = await boot([localPreAuthorize, setting('AuthCacheCtrlr', 'LifeTime', String(lifeTimeS))], { clock });
    await cached(running, tokens.valid, { status: 'Accepted' });
    await cached(running, tokens.valid2, { status: 'Accepted' });
    await advanceQuietly(clock, running.frames, (lifeTimeS - 60) * 1000);
    // Used within its LifeTime: still cached (and its LifeTime starts again).
    const within = env.csms.ledger.length;
    await running.chargePoint.presentIdToken(tokens.valid2, { evseId: 2 });
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'Authorize', within)).toEqual([]);
    await advanceQuietly(clock, running.frames, 60 * 1000);
    const { authorizes, presented } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([{ idToken: tokens.valid }]);
    expect(presented.outcome).toBe('started');
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_37_CS Clear Authorization Data in Authorization Cache - Accepted', async () => {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.valid, { status: 'Accepted' });
    await expect(env.client.call('ClearCache', {})).resolves.toEqual({ status: 'Accepted' });
    const { authorizes } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([{ idToken: tokens.valid }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_38_CS Clear Authorization Data in Authorization Cache - Rejected', async () => {
    const running = await boot([localPreAuthorize]);
    await cached(running, tokens.valid, { status: 'Accepted' });
    const set = (await env.client.call('SetVariables', {
      setVariableData: [{ component: { name: 'AuthCacheCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    await expect(env.client.call('ClearCache', {})).resolves.toEqual({ status: 'Rejected' });
    // Nothing was cleared: once the cache is enabled again the token is still known.
    await env.client.call('SetVariables', { setVariableData: [{ component: { name: 'AuthCacheCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'true' }] });
    const { authorizes } = await presentAfterPlugIn(running, tokens.valid);
    expect(authorizes).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
