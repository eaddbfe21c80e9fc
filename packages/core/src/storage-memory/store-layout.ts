import type { AttributeEnumType } from '../messages/index.js';
import { InternPool } from './intern-pool.js';
import type { VariableShape } from './stored-variable-shape.js';

/**
 * The variables an in-memory device model store holds, in order, and where each attribute's value sits in the
 * store's flat value and source arrays. Immutable: stores holding the same variables share one (issue 6 §5).
 */
export class StoreLayout {
  private readonly positions = new Map<string, number>();
  private readonly firstSlots: number[] = [];
  readonly slotCount: number;

  constructor(readonly shapes: readonly VariableShape[]) {
    let slot = 0;
    shapes.forEach((shape, position) => {
      this.positions.set(shape.key, position);
      this.firstSlots.push(slot);
      slot += shape.attributes.length;
    });
    this.slotCount = slot;
  }

  /** Where the values of the variable at `position` begin. */
  firstSlot(position: number): number {
    return this.firstSlots[position] ?? this.slotCount;
  }

  /** The slot of one attribute of the variable stored under `key`, undefined when there is no such attribute. */
  slotOf(key: string, type: AttributeEnumType): number | undefined {
    const position = this.positions.get(key);
    if (position === undefined) return undefined;
    const index = this.shapes[position]?.attributes.findIndex((a) => a.type === type) ?? -1;
    return index < 0 ? undefined : this.firstSlot(position) + index;
  }
}

const layouts = new InternPool<StoreLayout>();

/** The layout of these shapes in this order, shared with every store holding the same. */
export function sharedLayout(shapes: readonly VariableShape[]): StoreLayout {
  return layouts.intern(shapes.map((s) => s.id).join(','), () => new StoreLayout(Object.freeze([...shapes])));
}
