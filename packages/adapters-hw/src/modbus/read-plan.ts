import { registerCount, type MeterModel, type MeterQuantity, type ReadFunctionCode, type RegisterSpec } from './register-spec.js';

/** One quantity inside a block read. */
export interface PlannedField {
  quantity: MeterQuantity;
  spec: RegisterSpec;
  /** Byte offset of the value inside the block's register bytes. */
  byteOffset: number;
}

/** One Modbus read request and the quantities it carries. */
export interface ReadBlock {
  fc: ReadFunctionCode;
  address: number;
  count: number;
  fields: PlannedField[];
}

/** Modbus allows at most 125 registers per read (FC3/FC4). */
export const MAX_REGISTERS_PER_READ = 125;

/**
 * Groups a model's registers into as few reads as possible: same function code, contiguous (or within the model's
 * allowed gap), at most 125 registers each. Import and export energy that sit side by side land in one request
 * (hardware.md 4.5: "read both registers in one request").
 */
export function planReads(model: MeterModel, maxRegisters = MAX_REGISTERS_PER_READ): ReadBlock[] {
  const maxGap = model.maxGapRegisters ?? 0;
  const entries = (Object.entries(model.registers) as [MeterQuantity, RegisterSpec][]).sort(
    ([, a], [, b]) => a.fc - b.fc || a.address - b.address,
  );
  const blocks: ReadBlock[] = [];
  let current: ReadBlock | undefined;
  for (const [quantity, spec] of entries) {
    const end = spec.address + registerCount(spec.type);
    const fits =
      current !== undefined &&
      current.fc === spec.fc &&
      spec.address <= current.address + current.count + maxGap &&
      end - current.address <= maxRegisters;
    if (!fits || current === undefined) {
      current = { fc: spec.fc, address: spec.address, count: 0, fields: [] };
      blocks.push(current);
    }
    current.count = Math.max(current.count, end - current.address);
    current.fields.push({ quantity, spec, byteOffset: (spec.address - current.address) * 2 });
  }
  return blocks;
}
