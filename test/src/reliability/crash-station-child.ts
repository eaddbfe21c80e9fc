// R2 crash child (reliability.md §4.2): runs one real station (ChargePoint + WsTransport + SQLite on argv[3]) against
// the CSMS at argv[2] and charges in a loop on a hand-driven clock: plug in, token, charge with a meter value every
// 100 ms, stop with the same token, unplug. The parent kills it with SIGKILL at random moments. With CRASH_FINAL=1 it
// runs one more session, waits until every queued message was answered, and exits 0.
import { ChargePoint, DeviceModel, FakeClock, silentLogger, type MeterValueType, type StationLayout } from '@evstation/core';
import { openSqliteStationStores } from '@evstation/adapters-storage';
import { WsTransport } from '@evstation/adapters-transport';

const [csmsUrl, dbPath, identity = 'CS-CRASH-1'] = process.argv.slice(2);
if (csmsUrl === undefined || dbPath === undefined) throw new Error('usage: crash-station-child <csms url> <db path> [identity]');
const final = process.env['CRASH_FINAL'] === '1';
const token = { idToken: 'CRASH-TOKEN-1', type: 'ISO14443' as const };
const layout: StationLayout = { supplyPhases: 3, evses: [{ id: 1, powerW: 11_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] }] };

const clock = new FakeClock(new Date());
const stores = openSqliteStationStores(dbPath);
const value = (component: string, variable: string, v: string, instance?: string) => ({
  component: { name: component },
  variable: instance === undefined ? { name: variable } : { name: variable, instance },
  value: v,
});
const deviceModel = DeviceModel.load(
  { store: stores.deviceModel, logger: silentLogger, clock },
  {
    layout,
    values: [
      value('SecurityCtrlr', 'Identity', identity),
      value('SecurityCtrlr', 'SecurityProfile', '0'),
      value('OCPPCommCtrlr', 'WebSocketPingInterval', '0'),
      value('SampledDataCtrlr', 'TxUpdatedInterval', '1'),
      value('SampledDataCtrlr', 'TxUpdatedMeasurands', 'Energy.Active.Import.Register'),
    ],
  },
);
const chargePoint = new ChargePoint(
  { clock, logger: silentLogger, transport: new WsTransport({ clock, logger: silentLogger }), stores, deviceModel },
  {
    chargingStation: { model: 'CrashSim', vendorName: 'evstation', serialNumber: 'SN-CRASH-1', firmwareVersion: '0.1.0' },
    layout,
    defaultNetworkProfiles: [
      { configurationSlot: 1, profile: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: csmsUrl, messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' } },
    ],
  },
  { isResetAllowed: () => false, reset: () => undefined },
);

/** Lets socket and database callbacks run between two steps of the hand-driven clock. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Moves the clock in 100 ms steps, letting I/O run after each. */
async function pass(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    await clock.advance(100);
    await yieldToIo();
  }
}

/** Waits (moving the clock so reconnects and retries happen) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await pass(100);
}

let energyWh = Number(process.env['CRASH_ENERGY_WH'] ?? 0);
function meterValue(): MeterValueType {
  return { timestamp: clock.now().toISOString(), sampledValue: [{ value: energyWh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }] };
}

async function session(): Promise<void> {
  chargePoint.onSessionStarted(1, 1);
  const started = await chargePoint.presentIdToken(token, { evseId: 1 });
  if (started.outcome !== 'started') throw new Error(`token did not start a transaction: ${started.outcome}`);
  chargePoint.onChargingStateChanged(1, 'Charging');
  for (let i = 0; i < 20; i += 1) {
    energyWh += 50;
    chargePoint.onMeterValue(1, meterValue());
    await pass(100);
  }
  await chargePoint.presentIdToken(token, { evseId: 1 });
  chargePoint.onSessionFinished(1, 1);
  await pass(100);
}

chargePoint.start();
await until(() => chargePoint.registrationStatus === 'Accepted');
process.send?.('running');
if (final) {
  await session();
  await until(() => !chargePoint.transactionStatus().messagesInQueue);
  await chargePoint.stop();
  stores.close();
  process.exit(0);
}
for (;;) await session();
