import type { ReadFunctionCode } from './register-spec.js';

/** One register read on a bus. */
export interface ModbusReadRequest {
  unitId: number;
  fc: ReadFunctionCode;
  address: number;
  count: number;
}

/**
 * One physical Modbus link (a TCP connection or an RS-485 line) without queueing or retries; ModbusBus adds those.
 * Every rejection is a ModbusRequestError (library errors are classified inside the implementation).
 */
export interface ModbusLinkPort {
  /** Opens (or reopens) the link. */
  open(): Promise<void>;
  /** Reads registers; resolves with their bytes, big-endian, two per register. */
  read(request: ModbusReadRequest): Promise<Uint8Array>;
  /** Closes the link; never rejects. */
  close(): Promise<void>;
  /** Called when the link drops by itself (peer closed, cable pulled). */
  onClose(listener: () => void): void;
}
