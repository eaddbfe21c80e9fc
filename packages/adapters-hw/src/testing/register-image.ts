/** Register table a simulated Modbus device serves: 16-bit words by function code and address. */
export class RegisterImage {
  private readonly words = new Map<string, number>();

  get(fc: 3 | 4, address: number): number | undefined {
    return this.words.get(`${fc}:${address}`);
  }

  /** Writes raw words starting at `address`. */
  setWords(fc: 3 | 4, address: number, words: readonly number[]): this {
    words.forEach((word, i) => this.words.set(`${fc}:${address + i}`, word & 0xffff));
    return this;
  }

  /** Writes bytes (big-endian words), optionally with the word order reversed (CDAB: low word first). */
  setBytes(fc: 3 | 4, address: number, bytes: Buffer, lowWordFirst = false): this {
    const words: number[] = [];
    for (let i = 0; i < bytes.length; i += 2) words.push(bytes.readUInt16BE(i));
    return this.setWords(fc, address, lowWordFirst ? words.reverse() : words);
  }

  /** IEEE-754 float, high word first (Eastron). */
  setFloat32(fc: 3 | 4, address: number, value: number): this {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatBE(value);
    return this.setBytes(fc, address, bytes);
  }

  setInt32(fc: 3 | 4, address: number, value: number, lowWordFirst = false): this {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32BE(value);
    return this.setBytes(fc, address, bytes, lowWordFirst);
  }

  setUint32(fc: 3 | 4, address: number, value: number): this {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value);
    return this.setBytes(fc, address, bytes);
  }

  setUint64(fc: 3 | 4, address: number, value: bigint): this {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(value);
    return this.setBytes(fc, address, bytes);
  }

  setInt16(fc: 3 | 4, address: number, value: number): this {
    return this.setWords(fc, address, [value & 0xffff]);
  }
}
