/** How a Modbus request failed, in the power meter port's terms (PowerMeterErrorKind minus the checks on values). */
export type ModbusErrorKind = 'timeout' | 'exception' | 'disconnected' | 'bad-frame';

/** A Modbus request failure, already classified at the adapter's edge (hardware.md 1.2). */
export class ModbusRequestError extends Error {
  override readonly name = 'ModbusRequestError';

  constructor(
    readonly kind: ModbusErrorKind,
    message: string,
    /** The exception code the device answered with (kind 'exception'). */
    readonly exceptionCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const LINK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EIO', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'EBUSY', 'ENOTCONN']);

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/**
 * Classifies whatever modbus-serial or the socket rejected with. Its own errors are built by bare constructor
 * functions (not `instanceof Error`, no stack), so this looks at name, errno, code and modbusCode only.
 */
export function classifyModbusError(error: unknown): ModbusRequestError {
  if (error instanceof ModbusRequestError) return error;
  const name = field(error, 'name');
  const errno = field(error, 'errno');
  const code = field(error, 'code');
  const modbusCode = field(error, 'modbusCode');
  const rawMessage = field(error, 'message');
  const message = typeof rawMessage === 'string' ? rawMessage : String(error);
  const options = { cause: error };
  if (name === 'TransactionTimedOutError' || errno === 'ETIMEDOUT') {
    return new ModbusRequestError('timeout', `no answer in time: ${message}`, undefined, options);
  }
  if (typeof modbusCode === 'number') {
    return new ModbusRequestError('exception', `device answered with exception ${modbusCode}: ${message}`, modbusCode, options);
  }
  if (name === 'PortNotOpenError' || name === 'SerialPortError' || [errno, code].some((c) => typeof c === 'string' && LINK_ERROR_CODES.has(c))) {
    return new ModbusRequestError('disconnected', `link down: ${message}`, undefined, options);
  }
  return new ModbusRequestError('bad-frame', `bad or unexpected reply: ${message}`, undefined, options);
}
