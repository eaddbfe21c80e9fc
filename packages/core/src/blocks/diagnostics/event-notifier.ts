import type { EventDataType, NotifyEventRequest } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';

/** An event as the station reports it; eventId is assigned here. */
export type StationEvent = Omit<EventDataType, 'eventId'>;

/** Most events per NotifyEvent; longer lists are split with seqNo/tbc (N07). */
const EVENTS_PER_MESSAGE = 50;

/**
 * N07/G05: sends station events as NotifyEvent, each with an eventId unique for this run and split into
 * messages with seqNo 0.. and tbc. Events raised while the station cannot send are logged and dropped
 * (NotifyEvent is not a transaction message; QueueAllMessages arrives with the message queue).
 */
export class EventNotifier {
  private nextEventId = 1;

  constructor(
    private readonly deps: {
      clock: ClockPort;
      logger: LoggerPort;
      canSend: () => boolean;
      send: (request: NotifyEventRequest) => Promise<unknown>;
    },
  ) {}

  /** Reports events; returns the eventIds given to them. */
  notify(events: readonly StationEvent[]): number[] {
    const data: EventDataType[] = events.map((e) => ({ ...e, eventId: this.nextEventId++ }));
    if (!this.deps.canSend()) {
      this.deps.logger.warn({ events: data.length }, 'NotifyEvent not sent: offline or not Accepted');
      return data.map((d) => d.eventId);
    }
    void this.sendAll(data);
    return data.map((d) => d.eventId);
  }

  private async sendAll(data: EventDataType[]): Promise<void> {
    const generatedAt = this.deps.clock.now().toISOString();
    const parts = Math.ceil(data.length / EVENTS_PER_MESSAGE);
    for (let seqNo = 0; seqNo < parts; seqNo += 1) {
      const eventData = data.slice(seqNo * EVENTS_PER_MESSAGE, (seqNo + 1) * EVENTS_PER_MESSAGE);
      const tbc = seqNo < parts - 1;
      try {
        await this.deps.send({ generatedAt, seqNo, eventData, ...(tbc ? { tbc } : {}) });
      } catch (error) {
        this.deps.logger.warn({ err: error, seqNo }, 'NotifyEvent not delivered');
        return;
      }
    }
  }
}

/** G05.FR.02: the event that reports a connector lock failure (ConnectorPlugRetentionLock.Problem = true). */
export function lockFailureEvent(evseId: number, connectorId: number, at: Date, techInfo?: string): StationEvent {
  return {
    timestamp: at.toISOString(),
    trigger: 'Delta',
    actualValue: 'true',
    eventNotificationType: 'HardWiredNotification',
    component: { name: 'ConnectorPlugRetentionLock', evse: { id: evseId, connectorId } },
    variable: { name: 'Problem' },
    ...(techInfo === undefined ? {} : { techInfo: techInfo.slice(0, 500) }),
  };
}
