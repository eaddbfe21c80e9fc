import { DeviceModel, type DeviceModelDeps, type StationLayout } from '../device-model/index.js';
import type { StationStores } from '../ports/storage/station-stores.js';
import { createInMemoryStationStores } from '../storage-memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { flushMicrotasks } from '../testing/clock-driver.js';
import { FakeTransport } from '../testing/fake-transport.js';
import { MemoryLogger } from '../testing/memory-logger.js';
import type { ChargePointCallbacks, ResetCommand } from './callbacks.js';
import { ChargePoint } from './charge-point.js';
import type { ChargePointOptions } from './charge-point-options.js';

/** Two EVSEs with one connector each. */
export const twoEvseLayout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
    { id: 2, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

/** The test station's device model: {@link twoEvseLayout}, identity CS-TEST-1 and the given SecurityCtrlr.SecurityProfile. */
export function testStationModel(deps: DeviceModelDeps, securityProfile = 0): DeviceModel {
  return DeviceModel.load(deps, {
    layout: twoEvseLayout,
    values: [
      { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS-TEST-1' },
      { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: String(securityProfile) },
    ],
  });
}

/** A ChargePoint on fakes (transport, clock) and in-memory stores, with sequential message ids m1, m2... */
export function makeStation(options: { stores?: StationStores; clock?: FakeClock; callbacks?: Partial<ChargePointCallbacks>; options?: Partial<ChargePointOptions> } = {}) {
  const clock = options.clock ?? new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const logger = new MemoryLogger();
  const transport = new FakeTransport();
  const stores = options.stores ?? createInMemoryStationStores();
  const resets: ResetCommand[] = [];
  const deviceModel = testStationModel({ store: stores.deviceModel, logger, clock });
  let counter = 0;
  const chargePoint = new ChargePoint(
    { clock, logger, transport, stores, deviceModel, newMessageId: () => `m${++counter}` },
    {
      chargingStation: { model: 'SimModel', vendorName: 'evstation', serialNumber: 'SN-0001', firmwareVersion: '0.1.0' },
      layout: twoEvseLayout,
      defaultNetworkProfiles: [
        {
          configurationSlot: 1,
          profile: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'ws://csms.test/ocpp', messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' },
        },
      ],
      ...options.options,
    },
    { isResetAllowed: () => true, reset: (r) => void resets.push(r), ...options.callbacks },
  );
  /** Lets promise chains settle. */
  const settle = (): Promise<void> => flushMicrotasks(50);
  /** Frames sent since `from`, decoded. */
  const framesFrom = (from: number): unknown[][] => transport.sentFrames().slice(from) as unknown[][];
  /** Answers the CALL with id `id` with `payload`. */
  const answer = async (id: string, payload: unknown): Promise<void> => {
    transport.deliver([3, id, payload]);
    await settle();
  };
  /** Connects and answers the BootNotification with `status`. */
  const boot = async (status: 'Accepted' | 'Pending' | 'Rejected' = 'Accepted', interval = 300): Promise<void> => {
    transport.acceptConnection();
    await settle();
    const bootFrame = transport.sentFrames().find((f) => (f as unknown[])[2] === 'BootNotification') as unknown[];
    await answer(bootFrame[1] as string, { currentTime: clock.now().toISOString(), interval, status });
  };
  const answered = new Set<string>();
  /** Answers every outstanding station CALL (one at a time, as they come) until the station is quiet. */
  const drain = async (): Promise<void> => {
    for (;;) {
      const open = (transport.sentFrames() as unknown[][]).find((f) => f[0] === 2 && !answered.has(f[1] as string));
      if (open === undefined) return;
      answered.add(open[1] as string);
      const payload = open[2] === 'Heartbeat' ? { currentTime: clock.now().toISOString() } : {};
      await answer(open[1] as string, payload);
    }
  };
  const originalBoot = boot;
  const bootAndMark = async (status: 'Accepted' | 'Pending' | 'Rejected' = 'Accepted', interval = 300): Promise<void> => {
    await originalBoot(status, interval);
    for (const f of transport.sentFrames() as unknown[][]) if (f[2] === 'BootNotification') answered.add(f[1] as string);
  };
  return { clock, logger, transport, stores, deviceModel, chargePoint, resets, settle, framesFrom, answer, boot: bootAndMark, drain };
}
