import { registerCount, type RegisterSpec } from './register-spec.js';

const MAX_BY_TYPE: Partial<Record<RegisterSpec['type'], bigint>> = {
  int16: 0x7fffn,
  uint16: 0xffffn,
  int32: 0x7fff_ffffn,
  uint32: 0xffff_ffffn,
  int64: 0x7fff_ffff_ffff_ffffn,
  uint64: 0xffff_ffff_ffff_ffffn,
};

/** Puts the value's words into most-significant-first order, whatever the meter's word order. */
function wordsBigEndian(registers: Uint8Array, offset: number, words: number, order: RegisterSpec['wordOrder']): DataView {
  const out = new Uint8Array(words * 2);
  for (let i = 0; i < words; i += 1) {
    const source = order === 'ABCD' ? i : words - 1 - i;
    out[i * 2] = registers[offset + source * 2] ?? 0;
    out[i * 2 + 1] = registers[offset + source * 2 + 1] ?? 0;
  }
  return new DataView(out.buffer);
}

function rawValue(view: DataView, type: RegisterSpec['type']): number | bigint {
  switch (type) {
    case 'float32':
      return view.getFloat32(0);
    case 'int16':
      return view.getInt16(0);
    case 'uint16':
      return view.getUint16(0);
    case 'int32':
      return view.getInt32(0);
    case 'uint32':
      return view.getUint32(0);
    case 'int64':
      return view.getBigInt64(0);
    case 'uint64':
      return view.getBigUint64(0);
  }
}

/**
 * Decodes one quantity from the register bytes of a read (big-endian bytes as modbus-serial returns them), starting
 * at `offset` bytes. Returns NaN for a float NaN/Infinity, a "not available" sentinel, or registers outside the read,
 * so callers reject the value instead of passing it on (hardware.md 4.5).
 */
export function decodeRegister(registers: Uint8Array, offset: number, spec: RegisterSpec): number {
  const words = registerCount(spec.type);
  if (offset < 0 || offset + words * 2 > registers.length) return Number.NaN;
  const raw = rawValue(wordsBigEndian(registers, offset, words, spec.wordOrder), spec.type);
  if (spec.maxMeansUnavailable === true) {
    const max = MAX_BY_TYPE[spec.type];
    if (max !== undefined && BigInt(raw) === max) return Number.NaN;
  }
  const value = typeof raw === 'bigint' ? Number(raw) : raw;
  return Number.isFinite(value) ? value * spec.scale : Number.NaN;
}
