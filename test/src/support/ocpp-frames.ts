import type { CsmsClient, StrictCsms } from './strict-csms.js';

/** A StatusNotificationRequest as the CSMS received it. */
export interface StatusNotificationPayload {
  timestamp: string;
  connectorStatus: string;
  evseId: number;
  connectorId: number;
}

/** The action of a CALL frame (`[2, id, action, payload]`), else undefined. */
export function callAction(frame: unknown): string | undefined {
  return Array.isArray(frame) && frame[0] === 2 && typeof frame[2] === 'string' ? frame[2] : undefined;
}

/** The actions of the CALLs stations sent to `csms`, in order, from ledger index `since` on. */
export function stationActions(csms: StrictCsms, since = 0): string[] {
  return csms.ledger
    .slice(since)
    .filter((e) => !e.outbound)
    .map((e) => callAction(e.frame))
    .filter((a): a is string => a !== undefined);
}

/** The payloads of the `action` CALLs stations sent to `csms`, in order, from ledger index `since` on. */
export function stationCalls<T = Record<string, unknown>>(csms: StrictCsms, action: string, since = 0): T[] {
  return csms.ledger
    .slice(since)
    .filter((e) => !e.outbound && callAction(e.frame) === action)
    .map((e) => (e.frame as unknown[])[3] as T);
}

/** The `status` of each `action` notification (FirmwareStatusNotification, LogStatusNotification) since `since`, as `status#requestId` (bare `status` without one). */
export function notificationStatuses(csms: StrictCsms, action: string, since = 0): string[] {
  return stationCalls<{ status: string; requestId?: number }>(csms, action, since).map((r) => (r.requestId === undefined ? r.status : `${r.status}#${r.requestId}`));
}

/** StatusNotifications since ledger index `since`, reduced to what the test cases compare. */
export function statusNotifications(csms: StrictCsms, since = 0): { evseId: number; connectorId: number; connectorStatus: string }[] {
  return stationCalls<StatusNotificationPayload>(csms, 'StatusNotification', since).map(({ evseId, connectorId, connectorStatus }) => ({ evseId, connectorId, connectorStatus }));
}

/** Same, sorted by EVSE and connector (the order between connectors is not prescribed). */
export function sortedStatusNotifications(csms: StrictCsms, since = 0): { evseId: number; connectorId: number; connectorStatus: string }[] {
  return statusNotifications(csms, since).sort((a, b) => a.evseId - b.evseId || a.connectorId - b.connectorId);
}

/**
 * Polls `condition` on every turn of the event loop (setImmediate, never a fixed sleep) until it holds; fails
 * with `what` when it still does not after `timeoutMs` (a bound for a broken station, not a wait).
 */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Waits until `csms` holds at least `count` `action` CALLs since `since` and returns them all. */
export async function waitForCalls<T = Record<string, unknown>>(csms: StrictCsms, action: string, count: number, since = 0, timeoutMs = 10_000): Promise<T[]> {
  await waitUntil(() => stationCalls(csms, action, since).length >= count, `${count} ${action} CALL(s) from the station`, timeoutMs);
  return stationCalls<T>(csms, action, since);
}

/** Waits for the next station connection to `csms` (one more client than now) and returns it. */
export async function waitForNewClient(csms: StrictCsms, before: number, timeoutMs = 10_000): Promise<CsmsClient> {
  await waitUntil(() => csms.clients.length > before, 'a station to connect', timeoutMs);
  return csms.clients[before]!;
}

/**
 * A barrier on the station's outgoing CALL queue: TriggerMessage(Heartbeat) and wait for the Heartbeat. The
 * station sends its CALLs one at a time in order, so every CALL it queued before the trigger is in the ledger
 * afterwards. Lets a test assert that something was NOT sent without sleeping.
 */
export async function flushStation(csms: StrictCsms, client: CsmsClient): Promise<void> {
  const before = stationCalls(csms, 'Heartbeat').length;
  const answer = (await client.call('TriggerMessage', { requestedMessage: 'Heartbeat' })) as { status: string };
  if (answer.status !== 'Accepted') throw new Error(`TriggerMessage(Heartbeat) answered ${answer.status}`);
  await waitForCalls(csms, 'Heartbeat', before + 1);
}

/** CSMS handlers that accept the station and answer every message the Core cases make it send. */
export function acceptingHandlers(overrides: Record<string, (params: unknown, client: CsmsClient) => unknown> = {}): Record<string, (params: unknown, client: CsmsClient) => unknown> {
  return {
    BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
    StatusNotification: () => ({}),
    SecurityEventNotification: () => ({}),
    Heartbeat: () => ({ currentTime: new Date().toISOString() }),
    NotifyReport: () => ({}),
    NotifyEvent: () => ({}),
    Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
    TransactionEvent: () => ({}),
    MeterValues: () => ({}),
    ...overrides,
  };
}
