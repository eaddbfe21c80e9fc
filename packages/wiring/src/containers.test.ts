import { Container, type ServiceIdentifier } from 'inversify';
import { describe, expect, it } from 'vitest';
import { createStationContainer } from './containers.js';
import { testApp, testStationSettings } from './testing/sim-station-fixture.js';
import { TOKENS } from './tokens.js';

describe('station containers (issue 6 §1)', () => {
  it.each([
    ['storage', 'StationStoresFactory'],
    ['transport', 'TransportFactory'],
    ['hardware', 'StationHardware'],
  ] as const)('resolving a station without its %s module fails naming the missing binding (%s)', (module, token) => {
    const test = testApp();
    const container = test.stationContainer(test.simulatedStationModules(testStationSettings(), { [module]: null }));
    expect(() => container.get(TOKENS.SimulatedStation)).toThrow(`No bindings found for service: "Symbol(${token})"`);
  });

  it('resolving a station container without the system module fails naming ClockPort or LoggerPort', () => {
    const test = testApp();
    const orphan = createStationContainer(new Container(), test.simulatedStationModules(testStationSettings()));
    expect(() => orphan.get(TOKENS.SimulatedStation)).toThrow(/No bindings found for service: "Symbol\((ClockPort|LoggerPort)\)"/);
  });

  it('every binding of a complete station container is a singleton of that container', () => {
    const test = testApp();
    const container = test.stationContainer(test.simulatedStationModules(testStationSettings()));
    const tokens: ServiceIdentifier<unknown>[] = [TOKENS.StationHost, TOKENS.SimulatedEvses, TOKENS.StationHardware, TOKENS.StoresFactory, TOKENS.SimulatedStation];
    for (const token of tokens) {
      expect(container.get(token)).toBe(container.get(token));
    }
    expect(container.get(TOKENS.SimulatedStation).host).toBe(container.get(TOKENS.StationHost));
  });
});
