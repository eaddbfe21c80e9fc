import { describe, expect, it } from 'vitest';
import { classifyModbusError, ModbusRequestError } from './modbus-request-error.js';

/** Builds an object the way modbus-serial builds its errors: a bare constructor, not an Error (hardware.md 1.2). */
function libraryError(fields: Record<string, unknown>): unknown {
  function LibraryError(this: Record<string, unknown>): void {
    Object.assign(this, fields);
  }
  return new (LibraryError as unknown as new () => unknown)();
}

describe('classifyModbusError (hardware.md 1.2)', () => {
  it('classifies modbus-serial errors that are not instanceof Error', () => {
    const timeout = libraryError({ name: 'TransactionTimedOutError', message: 'Timed out', errno: 'ETIMEDOUT' });
    expect(timeout instanceof Error).toBe(false);
    expect(classifyModbusError(timeout)).toMatchObject({ kind: 'timeout' });
    expect(classifyModbusError(libraryError({ name: 'PortNotOpenError', message: 'Port Not Open', errno: 'ECONNREFUSED' }))).toMatchObject({
      kind: 'disconnected',
    });
  });

  it('keeps the exception code of a Modbus exception reply', () => {
    const error = Object.assign(new Error('Modbus exception 2: Illegal data address'), { modbusCode: 2 });
    expect(classifyModbusError(error)).toMatchObject({ kind: 'exception', exceptionCode: 2 });
  });

  it('treats socket errors as a dropped link and CRC/length errors as a bad frame', () => {
    expect(classifyModbusError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'disconnected' });
    expect(classifyModbusError(new Error('CRC error'))).toMatchObject({ kind: 'bad-frame' });
    expect(classifyModbusError('weird')).toBeInstanceOf(ModbusRequestError);
  });
});
