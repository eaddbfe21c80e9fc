/** Message formats (the OCPP 2.0.1 MessageFormatEnumType values). */
export type DisplayFormat = 'ASCII' | 'HTML' | 'URI' | 'UTF8';

/** Display priority (the OCPP 2.0.1 MessagePriorityEnumType values). */
export type DisplayPriority = 'AlwaysFront' | 'InFront' | 'NormalCycle';

/** One message for the station's screen (O01-O06 display messages, plus the station's own texts). */
export interface DisplayMessage {
  /** Replaces an earlier message with the same id. */
  id: number;
  text: string;
  format: DisplayFormat;
  /** RFC 5646 language tag. */
  language?: string;
  priority: DisplayPriority;
}

/** What a screen can show. */
export interface DisplayCapabilities {
  formats: readonly DisplayFormat[];
  /** Longest text it can show, in characters; undefined when unbounded. */
  maxTextLength?: number;
}

/** A screen on the station. */
export interface DisplayPort {
  capabilities(): DisplayCapabilities;
  /** Shows or replaces the message with this id. */
  show(message: DisplayMessage): Promise<void>;
  /** Removes one message, or all when no id is given. */
  clear(id?: number): Promise<void>;
}
