import type { StatusNotificationRequest, StatusNotificationResponse } from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { Availability, ConnectorRef } from '../blocks/availability/availability.js';
import type { TriggerTable } from '../blocks/remote-control/trigger-message.handler.js';
import type { Registration } from './registration.js';

/** What the BootNotification, Heartbeat and StatusNotification triggers read and where they send. */
export interface RegistrationTriggerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  registration: Pick<Registration, 'status' | 'trigger'>;
  availability: Pick<Availability, 'exists' | 'status' | 'markReported'>;
  /** A Heartbeat, allowed while Pending (its answer syncs the clock). */
  sendHeartbeat: () => Promise<void>;
  /** A StatusNotification, allowed while Pending. */
  sendStatusNotification: (request: StatusNotificationRequest) => Promise<StatusNotificationResponse>;
}

/**
 * F06: TriggerMessage BootNotification (TC_F_26: Rejected once Accepted), Heartbeat (TC_F_20) and StatusNotification for
 * one connector (TC_F_23/24; Rejected for a connector the station does not have); a delivered status counts as reported.
 */
export function registrationTriggers(deps: RegistrationTriggerDeps): TriggerTable {
  const { registration, availability } = deps;
  const sendStatus = (connector: ConnectorRef): void => {
    const status = availability.status(connector);
    deps
      .sendStatusNotification({ timestamp: deps.clock.now().toISOString(), connectorStatus: status, ...connector })
      .then(() => availability.markReported(connector, status))
      .catch((error: unknown) => deps.logger.info({ err: error }, 'Triggered StatusNotification not delivered'));
  };
  return {
    BootNotification: () => (registration.status === 'Accepted' ? { status: 'Rejected' } : { status: 'Accepted', send: () => registration.trigger('Triggered') }),
    Heartbeat: () => ({ status: 'Accepted', send: () => void deps.sendHeartbeat().catch(() => undefined) }),
    StatusNotification: (request) => {
      const connector = { evseId: request.evse?.id ?? 0, connectorId: request.evse?.connectorId ?? 0 };
      if (!availability.exists(connector)) return { status: 'Rejected' };
      return { status: 'Accepted', send: () => sendStatus(connector) };
    },
  };
}
