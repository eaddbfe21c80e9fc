import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestSim, waitUntil, type TestSim } from './testing/sim-test-fixture.js';

/** Debian's chromium (`.ci/run` installs it); the test fails with this message when it is missing, never skips. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_REQUIRED = `the dashboard test needs Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`;

let sim: TestSim | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;

afterEach(async () => {
  await context?.close();
  await sim?.stop();
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  context = undefined;
  sim = undefined;
  profile = undefined;
});

async function openDashboard(url: string): Promise<Page> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_REQUIRED);
  profile = mkdtempSync(join(tmpdir(), 'station-sim-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/`);
  return page;
}

describe('station-sim dashboard in a real headless browser (issue 6 §2)', () => {
  it('loads, shows the booted station, and runs a session: plug in, present a token, see the transaction start', async () => {
    sim = await startTestSim();
    const test = sim;
    await waitUntil(() => (test.csms.station('evstation-sim')?.connectors.length ?? 0) === 2, 'the station to report both connectors');
    const page = await openDashboard(test.url);
    const card = page.getByTestId('station-evstation-sim');
    await card.getByTestId('registration').filter({ hasText: 'Accepted' }).waitFor();
    const evse = card.getByTestId('evse-1');
    await evse.getByTestId('connector-status').filter({ hasText: 'Available' }).waitFor();

    await evse.getByTestId('plug').click();
    await evse.getByTestId('connector-status').filter({ hasText: 'Occupied' }).waitFor();
    await evse.getByTestId('token-input').fill('CAFE0001');
    await evse.getByTestId('present-token').click();
    await evse.getByTestId('transaction').filter({ hasText: 'Charging' }).waitFor();

    expect(await evse.getByTestId('transaction').textContent()).toMatch(/^Transaction \w+: Charging, [\d.]+ kWh, 11\.04 kW, CAFE0001$/);
    const started = test.csms.frames({ identity: 'evstation-sim' }).find((f) => f.action === 'TransactionEvent' && (f.payload as { eventType?: string }).eventType === 'Started');
    expect(started?.payload).toMatchObject({ evse: { id: 1 } });
    await card.getByTestId('messages').filter({ hasText: 'TransactionEvent' }).waitFor();
    expect(test.csms.station('evstation-sim')?.schemaViolations).toEqual([]);
  });

  it('shows the control API\'s error when an action is refused (a token with no idToken), and the station is unchanged', async () => {
    sim = await startTestSim();
    const page = await openDashboard(sim.url);
    const evse = page.getByTestId('station-evstation-sim').getByTestId('evse-2');
    await evse.getByTestId('token-input').fill('');
    await evse.getByTestId('present-token').click();
    await page.locator('#notice').filter({ hasText: 'idToken must be a string of 1 to 36 printable ASCII characters' }).waitFor();
    expect(sim.csms.frames({ identity: 'evstation-sim' }).some((f) => f.action === 'Authorize')).toBe(false);
  });
});
