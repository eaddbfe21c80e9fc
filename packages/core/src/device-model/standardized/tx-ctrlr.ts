import type { ComponentDefinition } from '../definitions.js';

/** The trigger points a station without bay sensor or signed meter supports (E01-E07); a station may widen it with an addition. */
const TX_POINTS = 'EVConnected,Authorized,PowerPathClosed,EnergyTransfer';

/** TxCtrlr: transaction start/stop behaviour (Part 2 Appendix 3, E01-E07; TC_B_53_CS). */
export const TxCtrlr = {
  component: { name: 'TxCtrlr' },
  variables: [
    {
      variable: { name: 'EVConnectionTimeOut' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '60' }],
      required: true,
      description: 'Time after authorization within which the EV must be connected (E03).',
    },
    {
      variable: { name: 'StopTxOnEVSideDisconnect' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      required: true,
      description: 'Stop the transaction when the cable is unplugged at the EV (E10).',
    },
    {
      variable: { name: 'StopTxOnInvalidId' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      required: true,
      description: 'Stop the transaction when the CSMS answers the idToken is invalid (E05).',
    },
    {
      variable: { name: 'TxStartPoint' },
      characteristics: { dataType: 'MemberList', valuesList: TX_POINTS },
      attributes: [{ mutability: 'ReadWrite', value: 'PowerPathClosed' }],
      required: true,
      description: 'Events that start a transaction (E01-E07).',
    },
    {
      variable: { name: 'TxStopPoint' },
      characteristics: { dataType: 'MemberList', valuesList: TX_POINTS },
      attributes: [{ mutability: 'ReadWrite', value: 'EVConnected,Authorized' }],
      required: true,
      description: 'Events that end a transaction (E06).',
    },
    {
      variable: { name: 'TxBeforeAcceptedEnabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Allow transactions while BootNotification is not yet Accepted.',
    },
  ],
} satisfies ComponentDefinition;
