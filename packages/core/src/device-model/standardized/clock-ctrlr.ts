import type { ComponentDefinition } from '../definitions.js';

/** ClockCtrlr: station time (Part 2 Appendix 3, B01 time sync; TC_B_53_CS). */
export const ClockCtrlr = {
  component: { name: 'ClockCtrlr' },
  variables: [
    {
      variable: { name: 'DateTime' },
      characteristics: { dataType: 'dateTime' },
      attributes: [{ mutability: 'ReadOnly', persistent: false }],
      required: true,
      dynamic: true,
      description: 'Current date and time, read from the clock port.',
    },
    {
      variable: { name: 'TimeSource' },
      characteristics: { dataType: 'SequenceList', valuesList: 'Heartbeat,NTP,GPS,RealTimeClock,MobileNetwork,RadioTimeTransmitter' },
      attributes: [{ mutability: 'ReadWrite', value: 'Heartbeat' }],
      required: true,
      description: 'Time sources in order of preference.',
    },
  ],
} satisfies ComponentDefinition;
