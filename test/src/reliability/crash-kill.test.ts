import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '@evstation/adapters-storage';
import { acceptingHandlers, waitUntil } from '../support/ocpp-frames.js';
import { tempDatabase } from '../support/station-harness.js';
import { StrictCsms } from '../support/strict-csms.js';
import { compileChildScript, forkChild } from './child-station.js';
import { auditTransactionLedger } from './crash-ledger.js';

/** R2: 200 kills in CI; CRASH_KILLS=10000 for the long tier, CRASH_SEED to replay a run. */
const kills = Number(process.env['CRASH_KILLS'] ?? 200);
const seed = Number(process.env['CRASH_SEED'] ?? 20261205);

describe('R2 kill -9 during transactions (reliability.md §4.2, DESIGN rule 6)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let child: { path: string; dispose: () => Promise<void> };

  beforeAll(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    child = await compileChildScript('crash-station-child');
  });

  afterAll(async () => {
    await csms.close();
    db.dispose();
    await child.dispose();
  });

  it(`loses no TransactionEvent across ${kills} SIGKILLs at random moments (seed ${seed}): one Started, one Ended, gap-free seqNo per transaction`, async () => {
    // A kill lands after a random number of frames from the CSMS's view plus a random number of event-loop turns,
    // so it hits the station anywhere between receiving, persisting and sending (no timed sleeps).
    const moments = fc.sample(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 200 })), { seed, numRuns: kills });
    for (const [round, [frames, turns]] of moments.entries()) {
      const station = forkChild(child.path, [csms.url, db.path], { CRASH_ENERGY_WH: String(round * 100_000) });
      const ledgerAtStart = csms.ledger.length;
      await Promise.race([station.running, station.exited]);
      await waitUntil(() => csms.ledger.length - ledgerAtStart >= frames || station.process.exitCode !== null, `${frames} frames from round ${round}`, 30_000);
      for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
      station.process.kill('SIGKILL');
      const { signal } = await station.exited;
      expect(signal, `round ${round}: ${station.stderr()}`).toBe('SIGKILL');
      expect(checkIntegrity(db.path), `round ${round}`).toBe('ok');
    }

    const last = forkChild(child.path, [csms.url, db.path], { CRASH_FINAL: '1', CRASH_ENERGY_WH: String(kills * 100_000) });
    const { code } = await last.exited;
    expect(code, last.stderr()).toBe(0);
    expect(checkIntegrity(db.path)).toBe('ok');

    const audit = auditTransactionLedger(csms.ledger);
    console.info(`R2: ${kills} kills, ${audit.transactions} transactions, ${audit.events} TransactionEvents received, ${audit.duplicates} identical resends`);
    expect(audit.problems).toEqual([]);
    expect(csms.violations).toEqual([]);
    // Most rounds get far enough to start a transaction; the last one always completes one.
    expect(audit.transactions).toBeGreaterThan(kills / 4);
  }, 1_800_000);
});
