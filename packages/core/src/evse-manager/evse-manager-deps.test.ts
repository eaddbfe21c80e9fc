import { describe, expect, it } from 'vitest';
import type { ChargeControllerPort } from '../ports/charge-controller.port.js';
import { EvseManagerConfigError, validateEvseManagerDeps } from './evse-manager-deps.js';
import { FakeClock } from '../testing/fake-clock.js';
import { silentLogger } from '../logging/silent-logger.js';

const controller = {} as ChargeControllerPort;
const base = { clock: new FakeClock(), logger: silentLogger };

describe('validateEvseManagerDeps (a clear error for bad wiring)', () => {
  it('accepts a station of EVSEs 1..n', () => {
    expect(() => validateEvseManagerDeps({ ...base, evses: [{ evseId: 1, controller, maxCurrentA: 32 }, { evseId: 2, controller, maxCurrentA: 16 }] })).not.toThrow();
  });

  it('names every problem at once: duplicate or bad ids, bad currents, bad intervals', () => {
    const wrong = () =>
      validateEvseManagerDeps({
        ...base,
        evses: [
          { evseId: 1, controller, maxCurrentA: 32 },
          { evseId: 1, controller, maxCurrentA: 0 },
          { evseId: 0, connectorId: 0, controller, maxCurrentA: 16 },
        ],
        options: { meterIntervalS: 0 },
      });
    expect(wrong).toThrow(EvseManagerConfigError);
    expect(wrong).toThrow(/evseId 1 appears twice.*maxCurrentA must be > 0.*evseId 0 is not an integer >= 1.*connectorId 0.*meterIntervalS must be > 0/);
  });

  it('refuses a station without EVSEs', () => {
    expect(() => validateEvseManagerDeps({ ...base, evses: [] })).toThrow(/no EVSE given/);
  });
});
