import { startCsmsDev, type CsmsDevOptions } from '../csms-dev.js';
import type { CsmsDev, StationConnectionEvent } from '../csms-dev-api.js';
import { TestStation, type TestStationOptions } from './test-station.js';

/** A csms-dev on free loopback ports plus the test stations connected to it, closed together. */
export class CsmsFixture {
  private readonly stations: TestStation[] = [];

  private constructor(readonly csms: CsmsDev) {}

  /** Starts csms-dev on 127.0.0.1 with free ports. */
  static async start(options: CsmsDevOptions = {}): Promise<CsmsFixture> {
    return new CsmsFixture(await startCsmsDev({ port: 0, httpPort: 0, ...options }));
  }

  /** Connects a strict ocpp-rpc station to `ocppUrl + path + /identity`. */
  async station(identity: string, options: TestStationOptions & { path?: string } = {}): Promise<TestStation> {
    const station = await TestStation.connect(this.csms.ocppUrl + (options.path ?? ''), identity, options);
    this.stations.push(station);
    return station;
  }

  /** Resolves with the next connection event of that type for that identity. */
  nextConnectionEvent(type: StationConnectionEvent['type'], identity: string): Promise<StationConnectionEvent> {
    return new Promise((resolve) => {
      const stop = this.csms.onStationConnection((event) => {
        if (event.type === type && event.identity === identity) {
          stop();
          resolve(event);
        }
      });
    });
  }

  /** Sends a request to the HTTP API. */
  http(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(this.csms.httpUrl + path, init);
  }

  /** Closes the stations, then csms-dev. */
  async close(): Promise<void> {
    await Promise.all(this.stations.splice(0).map((station) => station.close()));
    await this.csms.close();
  }
}
