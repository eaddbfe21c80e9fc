/** Which way a frame went: from the station to csms-dev, or from csms-dev to the station. */
export type FrameDirection = 'CS->CSMS' | 'CSMS->CS';

/** The OCPP-J message type of a frame (MessageTypeId 2, 3, 4), or `Unparseable` for text that is no OCPP-J frame. */
export type FrameMessageType = 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'Unparseable';

/** One frame in the ledger. */
export interface FrameRecord {
  /** Position in the ledger since start; increases by one per frame, so a reader can tell what it missed. */
  readonly seq: number;
  /** When csms-dev saw the frame (ISO 8601). */
  readonly time: string;
  /** The station's identity (last segment of its connection URL). */
  readonly identity: string;
  readonly direction: FrameDirection;
  readonly messageType: FrameMessageType;
  /** The OCPP-J message id; null for an unparseable frame. */
  readonly messageId: string | null;
  /** The action of the CALL, also on its CALLRESULT / CALLERROR; null when unknown. */
  readonly action: string | null;
  /**
   * CALL: the request; CALLRESULT: the response; CALLERROR: `{ errorCode, errorDescription, errorDetails }`;
   * Unparseable: the raw text.
   */
  readonly payload: unknown;
}

/** A frame decoded from its text, before the ledger gives it a seq, a time and (for results) the CALL's action. */
export interface DecodedFrame {
  messageType: FrameMessageType;
  messageId: string | null;
  action: string | null;
  payload: unknown;
}

/** Decodes the text of an OCPP-J frame (OCPP-J 4.1) without judging its payload: the ledger records what was sent. */
export function decodeFrame(text: string): DecodedFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return unparseable(text);
  }
  if (!Array.isArray(parsed) || typeof parsed[1] !== 'string') return unparseable(text);
  const frame = parsed as unknown[];
  const messageId = frame[1] as string;
  switch (frame[0]) {
    case 2:
      return { messageType: 'CALL', messageId, action: typeof frame[2] === 'string' ? frame[2] : null, payload: frame[3] };
    case 3:
      return { messageType: 'CALLRESULT', messageId, action: null, payload: frame[2] };
    case 4:
      return { messageType: 'CALLERROR', messageId, action: null, payload: { errorCode: frame[2], errorDescription: frame[3], errorDetails: frame[4] } };
    default:
      return unparseable(text);
  }
}

function unparseable(text: string): DecodedFrame {
  return { messageType: 'Unparseable', messageId: null, action: null, payload: text };
}
