import type { ValueSource } from '../ports/storage/device-model-store.port.js';
import type { ModelAttribute } from './variable-index.js';

/** One station's attribute values and where each came from, by the attribute's slot (the definitions are shared). */
export class AttributeValues {
  private readonly values: (string | undefined)[];
  private readonly sources: ValueSource[];

  constructor(slotCount: number) {
    this.values = new Array<string | undefined>(slotCount).fill(undefined);
    this.sources = new Array<ValueSource>(slotCount).fill('default');
  }

  /** The stored value (never a dynamic one), undefined when the attribute has none. */
  value(attribute: ModelAttribute): string | undefined {
    return this.values[attribute.slot];
  }

  source(attribute: ModelAttribute): ValueSource {
    return this.sources[attribute.slot] ?? 'default';
  }

  set(attribute: ModelAttribute, value: string | undefined, source: ValueSource): void {
    this.values[attribute.slot] = value;
    this.sources[attribute.slot] = source;
  }

  setSource(attribute: ModelAttribute, source: ValueSource): void {
    this.sources[attribute.slot] = source;
  }
}
