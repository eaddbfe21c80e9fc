import { describe, expect, it } from 'vitest';
import { startPointReached, stopPointReached, stopsWhenAuthorizationEnds, txPointsOf, type PointFacts, type TxPoint } from './tx-points.js';

const idle: PointFacts = { parkingBayOccupied: false, evConnected: false, authorized: false, dataSigned: false, chargingState: 'Idle' };
const facts = (change: Partial<PointFacts>): PointFacts => ({ ...idle, ...change });

describe('txPointsOf', () => {
  it('keeps the known points in configured order and drops anything else', () => {
    expect(txPointsOf(['Authorized', 'Nonsense', 'EVConnected'])).toEqual(['Authorized', 'EVConnected']);
    expect(txPointsOf(undefined)).toEqual([]);
  });
});

describe('start points (E01.FR.01-06)', () => {
  const cases: [string, TxPoint, PointFacts, PointFacts][] = [
    ['E01.FR.01 ParkingBayOccupancy: the bay detector sees the EV', 'ParkingBayOccupancy', idle, facts({ parkingBayOccupied: true })],
    ['E01.FR.02 EVConnected: the cable connects EV and EVSE', 'EVConnected', idle, facts({ evConnected: true, chargingState: 'EVConnected' })],
    ['E01.FR.03 Authorized: the driver is authorized', 'Authorized', idle, facts({ authorized: true })],
    ['E01.FR.06 DataSigned: signed meter data arrived', 'DataSigned', idle, facts({ dataSigned: true })],
    ['E01.FR.05 PowerPathClosed: authorized, then the cable', 'PowerPathClosed', facts({ authorized: true }), facts({ authorized: true, evConnected: true })],
    ['E01.FR.05 PowerPathClosed: the cable, then authorized', 'PowerPathClosed', facts({ evConnected: true }), facts({ authorized: true, evConnected: true })],
    ['E01.FR.04 EnergyTransfer: energy starts to flow', 'EnergyTransfer', facts({ evConnected: true, authorized: true, chargingState: 'EVConnected' }), facts({ evConnected: true, authorized: true, chargingState: 'Charging' })],
  ];
  it.each(cases)('%s', (_name, point, before, after) => {
    expect(startPointReached([point], before, after)).toBe(point);
  });

  it('E01.FR.05 PowerPathClosed does not start on the cable alone or on authorization alone', () => {
    expect(startPointReached(['PowerPathClosed'], idle, facts({ evConnected: true }))).toBeUndefined();
    expect(startPointReached(['PowerPathClosed'], idle, facts({ authorized: true }))).toBeUndefined();
  });

  it('a point that already held starts nothing (no new transaction from a cable left plugged in)', () => {
    const plugged = facts({ evConnected: true, chargingState: 'EVConnected' });
    expect(startPointReached(['EVConnected'], plugged, { ...plugged, authorized: true })).toBeUndefined();
  });

  it('a suspended state is no EnergyTransfer start', () => {
    expect(startPointReached(['EnergyTransfer'], facts({ evConnected: true }), facts({ evConnected: true, chargingState: 'SuspendedEV' }))).toBeUndefined();
  });

  it('the first configured point that began to hold wins', () => {
    expect(startPointReached(['EVConnected', 'Authorized'], idle, facts({ authorized: true }))).toBe('Authorized');
  });
});

describe('stop points (E06.FR.01-07)', () => {
  const charging = facts({ parkingBayOccupied: true, evConnected: true, authorized: true, chargingState: 'Charging' });
  const cases: [string, TxPoint, PointFacts][] = [
    ['E06.FR.01 ParkingBayOccupancy: the EV left the bay', 'ParkingBayOccupancy', { ...charging, parkingBayOccupied: false }],
    ['E06.FR.02 EVConnected: the connection with the EV is lost', 'EVConnected', { ...charging, evConnected: false, chargingState: 'Idle' }],
    ['E06.FR.03/04 Authorized: the authorization ended', 'Authorized', { ...charging, authorized: false, chargingState: 'EVConnected' }],
    ['E06.FR.06 PowerPathClosed: the EV is gone', 'PowerPathClosed', { ...charging, evConnected: false, chargingState: 'Idle' }],
    ['E06.FR.06 PowerPathClosed: the authorization ended', 'PowerPathClosed', { ...charging, authorized: false }],
    ['E06.FR.07 EnergyTransfer: energy transfer stopped', 'EnergyTransfer', { ...charging, chargingState: 'EVConnected' }],
  ];
  it.each(cases)('%s', (_name, point, after) => {
    expect(stopPointReached([point], charging, after)).toBe(point);
  });

  it('TC_E_22_CS E06.FR.07: energy transfer stops when the EV (or the EVSE) suspends it', () => {
    expect(stopPointReached(['EnergyTransfer'], charging, { ...charging, chargingState: 'SuspendedEV' })).toBe('EnergyTransfer');
    expect(stopPointReached(['EnergyTransfer'], charging, { ...charging, chargingState: 'SuspendedEVSE' })).toBe('EnergyTransfer');
  });

  it('E06.FR.07: energy that never flowed cannot stop (an EV suspended from the start)', () => {
    const suspended = { ...charging, chargingState: 'SuspendedEV' } as const;
    expect(stopPointReached(['EnergyTransfer'], suspended, { ...suspended, chargingState: 'EVConnected' })).toBeUndefined();
  });

  it('E06.FR.05 (Ed3 errata): DataSigned is no stop point', () => {
    expect(stopPointReached(['DataSigned'], { ...charging, dataSigned: true }, { ...charging, dataSigned: false })).toBeUndefined();
  });

  it('a condition that never held cannot end (bay never occupied, EV never connected)', () => {
    const authorizedOnly = facts({ authorized: true });
    expect(stopPointReached(['ParkingBayOccupancy', 'EVConnected'], authorizedOnly, { ...authorizedOnly, chargingState: 'Idle' })).toBeUndefined();
  });

  it('stop points Authorized, PowerPathClosed and EnergyTransfer end a transaction whose authorization ends', () => {
    expect(stopsWhenAuthorizationEnds(['Authorized'])).toBe(true);
    expect(stopsWhenAuthorizationEnds(['PowerPathClosed'])).toBe(true);
    expect(stopsWhenAuthorizationEnds(['EnergyTransfer'])).toBe(true);
    expect(stopsWhenAuthorizationEnds(['EVConnected', 'ParkingBayOccupancy'])).toBe(false);
  });
});
