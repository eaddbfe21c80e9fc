import Database from 'better-sqlite3';
import type { ChargePoint } from '@evstation/core';
import { LoopbackCsms } from './loopback-csms.js';
import { bootStation, tempDatabase } from './station-fixture.js';

/** Throughputs of one run, in events per second. */
export interface DurableQueueResult {
  events: number;
  /** Baseline: INSERT then DELETE of the same payload, each its own transaction, WAL + synchronous=FULL. */
  rawSqlitePerSecond: number;
  /** TransactionEvent Updated generated, persisted, sent, answered by the strict CSMS and deleted. */
  stackPerSecond: number;
}

const payload = JSON.stringify({
  eventType: 'Updated',
  timestamp: new Date().toISOString(),
  triggerReason: 'ChargingStateChanged',
  seqNo: 1,
  transactionInfo: { transactionId: '2d3f8f40-8c1c-4a0e-9f4e-0f7c5b0e1a11', chargingState: 'Charging' },
});

/** The raw SQLite cycle a durable queue cannot avoid: one durable insert and one durable delete per message. */
function rawSqliteRate(events: number): number {
  const db = tempDatabase();
  const sqlite = new Database(db.path);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE queue (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO queue (payload) VALUES (?)');
    const remove = sqlite.prepare('DELETE FROM queue WHERE id = ?');
    const start = performance.now();
    const ids: number[] = [];
    for (let i = 0; i < events; i += 1) ids.push(Number(insert.run(payload).lastInsertRowid));
    for (const id of ids) remove.run(id);
    return events / ((performance.now() - start) / 1000);
  } finally {
    sqlite.close();
    db.dispose();
  }
}

/**
 * Resolves once no transaction message is queued any more. Polled every 2 ms, not on every turn of the event loop: the
 * station runs in this process, and a tight poll of the queue's count would take its time (bench only, not a test).
 */
async function drained(chargePoint: ChargePoint): Promise<void> {
  while (chargePoint.transactionStatus().messagesInQueue) await new Promise<void>((resolve) => setTimeout(resolve, 2));
}

/** A booted station with a transaction running on EVSE 1 (plugged in and authorized). */
async function stationWithTransaction(csmsUrl: string, dbPath: string, identity: string) {
  const station = await bootStation(csmsUrl, dbPath, identity, 10_000, {
    options: { maxQueuedMessages: 50_000 },
    values: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: '1' }],
  });
  await station.settled();
  station.chargePoint.onSessionStarted(1, 1);
  await station.chargePoint.presentIdToken({ idToken: 'BENCH-TOKEN', type: 'ISO14443' }, { evseId: 1 });
  await drained(station.chargePoint);
  return station;
}

/** Queues `events` TransactionEvent(Updated, ChargingStateChanged) by toggling the EV between Charging and SuspendedEV. */
function generate(chargePoint: ChargePoint, events: number): void {
  for (let i = 0; i < events; i += 1) chargePoint.onChargingStateChanged(1, i % 2 === 0 ? 'Charging' : 'SuspendedEV');
}

/** Durable TransactionEvent throughput through the whole stack against the raw SQLite insert+delete cycle, same disk, same run. */
export async function durableQueueThroughput(events: number): Promise<DurableQueueResult> {
  const csms = await LoopbackCsms.start();
  const db = tempDatabase();
  try {
    const station = await stationWithTransaction(csms.url, db.path, 'BENCH-QUEUE-1');
    generate(station.chargePoint, 200);
    await drained(station.chargePoint);
    rawSqliteRate(200);
    const raw = rawSqliteRate(events);
    const start = performance.now();
    generate(station.chargePoint, events);
    await drained(station.chargePoint);
    const stack = events / ((performance.now() - start) / 1000);
    await station.stop();
    return { events, rawSqlitePerSecond: raw, stackPerSecond: stack };
  } finally {
    await csms.close();
    db.dispose();
  }
}

/** Milliseconds from the reconnect to an empty queue, for `events` TransactionEvents queued during an outage. */
export async function drainAfterReconnect(events: number): Promise<{ events: number; drainMs: number; perSecond: number }> {
  let csms = await LoopbackCsms.start();
  const port = csms.listeningPort;
  const db = tempDatabase();
  try {
    const station = await stationWithTransaction(csms.url, db.path, 'BENCH-DRAIN-1');
    await csms.close();
    while (station.chargePoint.isConnected) await new Promise<void>((resolve) => setImmediate(resolve));
    generate(station.chargePoint, events);
    csms = await LoopbackCsms.start(port);
    while (!station.chargePoint.isConnected) await new Promise<void>((resolve) => setTimeout(resolve, 1));
    const start = performance.now();
    await drained(station.chargePoint);
    const drainMs = performance.now() - start;
    await station.stop();
    return { events, drainMs, perSecond: events / (drainMs / 1000) };
  } finally {
    await csms.close();
    db.dispose();
  }
}
