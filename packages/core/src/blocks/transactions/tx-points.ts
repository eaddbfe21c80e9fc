import type { ChargingStateEnumType } from '../../messages/index.js';
import type { EvseFacts } from '../../ports/storage/transaction-store.port.js';

/** The TxStartPoint / TxStopPoint values (TxCtrlr, Part 2 Appendix: TxStartStopPoint). */
export const TX_POINTS = ['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'DataSigned', 'PowerPathClosed', 'EnergyTransfer'] as const;

/** One TxStartPoint / TxStopPoint value. */
export type TxPoint = (typeof TX_POINTS)[number];

/** The facts a start or stop point reads. */
export type PointFacts = Pick<EvseFacts, 'parkingBayOccupied' | 'evConnected' | 'authorized' | 'dataSigned' | 'chargingState'>;

function isTxPoint(value: string): value is TxPoint {
  return (TX_POINTS as readonly string[]).includes(value);
}

/** The known points of a TxStartPoint / TxStopPoint member list, in configured order; unknown values are dropped. */
export function txPointsOf(list: readonly string[] | undefined): TxPoint[] {
  return (list ?? []).filter(isTxPoint);
}

/** Charging, or paused by the EV or the EVSE: the power path is closed, so ending the authorization must open it (E06.FR.03/06). */
export function inEnergyTransfer(state: ChargingStateEnumType): boolean {
  return state === 'Charging' || state === 'SuspendedEV' || state === 'SuspendedEVSE';
}

/** Whether a start point holds (E01.FR.01-06); PowerPathClosed is authorized AND connected to the EV (E01.FR.05). */
export function startPointHolds(point: TxPoint, facts: PointFacts): boolean {
  switch (point) {
    case 'ParkingBayOccupancy':
      return facts.parkingBayOccupied;
    case 'EVConnected':
      return facts.evConnected;
    case 'Authorized':
      return facts.authorized;
    case 'DataSigned':
      return facts.dataSigned;
    case 'PowerPathClosed':
      return facts.authorized && facts.evConnected;
    case 'EnergyTransfer':
      return facts.chargingState === 'Charging';
  }
}

/**
 * E01.FR.01-06: the first configured start point that began to hold with this change. A point that already held
 * starts nothing, so a transaction that just ended is not restarted by a cable still plugged in.
 */
export function startPointReached(points: readonly TxPoint[], before: PointFacts, after: PointFacts): TxPoint | undefined {
  return points.find((point) => !startPointHolds(point, before) && startPointHolds(point, after));
}

/** Whether a stop point's condition ended with this change (E06.FR.01-07); DataSigned is no stop point (E06.FR.05, Ed3 errata). */
function stopPointFired(point: TxPoint, before: PointFacts, after: PointFacts): boolean {
  const evLost = before.evConnected && !after.evConnected;
  const authorizationEnded = before.authorized && !after.authorized;
  switch (point) {
    case 'ParkingBayOccupancy':
      return before.parkingBayOccupied && !after.parkingBayOccupied;
    case 'EVConnected':
      return evLost;
    case 'Authorized':
      return authorizationEnded;
    case 'DataSigned':
      return false;
    case 'PowerPathClosed':
      // E06.FR.06: the connection with the EV is lost OR the authorization ended.
      return evLost || authorizationEnded;
    case 'EnergyTransfer':
      // E06.FR.07: energy transfer stopped, by the EV suspending too (TC_E_22_CS: SuspendedEV ends it with StoppedByEV).
      return before.chargingState === 'Charging' && after.chargingState !== 'Charging';
  }
}

/** E06.FR.01-07: the first configured stop point whose condition ended with this change. */
export function stopPointReached(points: readonly TxPoint[], before: PointFacts, after: PointFacts): TxPoint | undefined {
  return points.find((point) => stopPointFired(point, before, after));
}

/**
 * E06.FR.03/04/06/07 (reusable states StopAuthorized and Deauthorized, 2025-04 errata): when the authorization of a
 * transaction ends (token, RequestStopTransaction, Deauthorized, timeout), stop points Authorized, PowerPathClosed and
 * EnergyTransfer end the transaction; otherwise it goes on without energy until another stop point.
 */
export function stopsWhenAuthorizationEnds(points: readonly TxPoint[]): boolean {
  return points.some((point) => point === 'Authorized' || point === 'PowerPathClosed' || point === 'EnergyTransfer');
}
