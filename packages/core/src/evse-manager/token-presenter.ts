import type { LoggerPort } from '../ports/logger.port.js';
import type { PresentedToken } from '../ports/token-reader.port.js';
import type { EvseManagerChargePoint } from './charge-point-surface.js';

/**
 * C01/C04: hands a token from a reader to the ChargePoint (for the reader's EVSE, or the station's choice) and logs
 * what it did; a rejected promise is logged, never left unhandled. The token value itself is not logged.
 */
export async function presentToken(chargePoint: EvseManagerChargePoint, logger: LoggerPort, token: PresentedToken, evseId?: number): Promise<void> {
  try {
    const result = await chargePoint.presentIdToken({ idToken: token.idToken, type: token.type }, evseId === undefined ? {} : { evseId });
    logger.info({ evseId: result.evseId ?? evseId, tokenType: token.type, status: result.idTokenInfo.status, outcome: result.outcome }, 'Token presented');
  } catch (error) {
    logger.error({ evseId, tokenType: token.type, err: error }, 'Presenting a token failed');
  }
}
