export { fakeTransportModule } from './fake-transport.module.js';
export { FakeCsmsPeer, type SeenCall } from './fake-csms-peer.js';
export { testApp, testStationSettings, type TestApp } from './sim-station-fixture.js';
