import { afterEach, describe, expect, it } from 'vitest';
import { StrictCsms } from '../support/strict-csms.js';
import { startStation, tempDatabase } from '../support/station-harness.js';

describe('Restart on the same SQLite file keeps what the CSMS set (B05, G03, B09)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('variables, availability and network profiles survive a stop and a restart', async () => {
    const csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
        StatusNotification: () => ({}),
        SecurityEventNotification: () => ({}),
      },
    });
    cleanups.push(() => csms.close());
    const db = tempDatabase();
    cleanups.push(() => db.dispose());

    const first = startStation({ csmsUrl: csms.url, dbPath: db.path });
    const client = await csms.nextClient(true);
    await csms.waitForFrame((f) => Array.isArray(f) && f[2] === 'StatusNotification');
    await client.call('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '777' }] });
    await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2 } });
    await client.call('SetNetworkProfile', {
      configurationSlot: 2,
      connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'ws://127.0.0.1:9/backup', messageTimeout: 20, securityProfile: 0, ocppInterface: 'Wired0' },
    });
    await first.stop();

    const second = startStation({ csmsUrl: csms.url, dbPath: db.path, start: false });
    cleanups.push(() => second.stop());
    expect(second.deviceModel.get('OCPPCommCtrlr', 'OfflineThreshold')).toBe(777);
    expect(second.chargePoint.connectorStatus({ evseId: 2, connectorId: 1 })).toBe('Unavailable');
    expect(second.stores.networkProfiles.loadAll().map((s) => s.configurationSlot)).toEqual([1, 2]);
  });
});
