import { describe, expect, it } from 'vitest';
import { decodeRapiState, parseAtNotification, parseGsReply, RAPI_EVSE_STATE, RAPI_VFLAG } from './rapi-state.js';

describe('decodeRapiState (hardware.md 5.2)', () => {
  it('maps EVSE states A-D to pilot states and the CHARGING_ON flag to a closed relay', () => {
    expect(decodeRapiState({ evseState: 3, pilotState: 3, vflags: RAPI_VFLAG.CHARGING_ON | RAPI_VFLAG.EV_CONNECTED })).toMatchObject({
      cp: 'C',
      relayClosed: true,
      enabled: true,
      faults: [],
    });
    expect(decodeRapiState({ evseState: 1, pilotState: 1, vflags: 0 })).toMatchObject({ cp: 'A', relayClosed: false });
  });

  it('reports the pilot as F when disabled, and the EV state while sleeping', () => {
    expect(decodeRapiState({ evseState: RAPI_EVSE_STATE.DISABLED, pilotState: 2, vflags: 0 })).toMatchObject({ cp: 'F', enabled: false });
    expect(decodeRapiState({ evseState: RAPI_EVSE_STATE.SLEEPING, pilotState: 2, vflags: 0 })).toMatchObject({ cp: 'B', sleeping: true });
  });

  it('maps the fault states to the port faults (RCD, diode, welded relay, over-temperature)', () => {
    const fault = (evseState: number): unknown => decodeRapiState({ evseState, pilotState: 0, vflags: RAPI_VFLAG.HARD_FAULT }).faults;
    expect(fault(RAPI_EVSE_STATE.GFCI_FAULT)).toEqual(['RcdTripped']);
    expect(fault(RAPI_EVSE_STATE.STUCK_RELAY)).toEqual(['RelayWelded']);
    expect(fault(RAPI_EVSE_STATE.OVER_TEMPERATURE)).toEqual(['OverTemperature']);
    expect(fault(RAPI_EVSE_STATE.NO_GROUND)).toEqual(['GroundFault']);
    expect(fault(0x0c)).toEqual(['Vendor']);
    expect(decodeRapiState({ evseState: RAPI_EVSE_STATE.DIODE_CHECK_FAILED, pilotState: 5, vflags: 0 })).toMatchObject({
      cp: 'E',
      faults: ['DiodeFault'],
    });
  });

  it('parses GS replies and AT notifications, refusing malformed ones', () => {
    expect(parseGsReply(['03', '1234', '03', '0140'])).toEqual({ evseState: 3, pilotState: 3, vflags: 0x140 });
    expect(parseAtNotification(['02', '02', '32', '0100'])).toEqual({ evseState: 2, pilotState: 2, vflags: 0x100, currentCapacityA: 32 });
    expect(parseGsReply(['03'])).toBeUndefined();
    expect(parseAtNotification(['zz', '02', '32', '0100'])).toBeUndefined();
  });
});
