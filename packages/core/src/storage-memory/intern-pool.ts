/** JSON keeps -0, NaN and Infinity apart from 0 and null only when told; shared content must round-trip exactly. */
function exactNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? { $number: Object.is(value, -0) ? '-0' : String(value) } : value;
}

/** A text key of plain JSON-like data for `InternPool.intern`: equal content, equal key (key order counts). */
export function contentKey(value: unknown): string {
  return JSON.stringify(value, exactNumbers);
}

/**
 * Hands out one shared object per distinct content key (issue 6 §5: a thousand stations in one process hold one copy
 * of what they have in common, e.g. device model definitions). Entries are held weakly: once no station uses an
 * object any more, it is collected and its key forgotten, so a long-running process does not grow with every
 * configuration it ever loaded. Callers must treat the objects as immutable (they are frozen by `make`).
 */
export class InternPool<T extends object> {
  private readonly byKey = new Map<string, WeakRef<T>>();
  private readonly registry = new FinalizationRegistry<string>((key) => {
    // The key may meanwhile name a newer object made after this one was collected: keep that one.
    if (this.byKey.get(key)?.deref() === undefined) this.byKey.delete(key);
  });

  /** The object already made for `key`, else the one `make` makes now (then shared for that key). */
  intern(key: string, make: () => T): T {
    const found = this.byKey.get(key)?.deref();
    if (found !== undefined) return found;
    const made = make();
    this.byKey.set(key, new WeakRef(made));
    this.registry.register(made, key);
    return made;
  }
}
