import { contentKey, InternPool } from '../storage-memory/intern-pool.js';
import { toModelVariable, type ModelVariable } from './model-variable.js';
import type { ResolvedVariable } from './resolved-variable.js';
import { VariableIndex } from './variable-index.js';

// One of each per process (issue 6 §5): the stations of a fleet load equal definitions, and stations whose layouts
// differ still share the variables they define alike (the standardized components come first, at the same slots).
const variables = new InternPool<ModelVariable>();
const indexes = new InternPool<VariableIndex>();
let nextId = 1;

/** The index of these definitions, its variables and itself shared with every device model that defines the same. */
export function sharedVariableIndex(definitions: readonly ResolvedVariable[]): VariableIndex {
  let slot = 0;
  const shared = definitions.map((definition) => {
    const firstSlot = slot;
    const variable = variables.intern(contentKey([firstSlot, definition]), () => toModelVariable(definition, firstSlot, nextId++));
    slot += variable.attributes.length;
    return variable;
  });
  return indexes.intern(shared.map((v) => v.id).join(','), () => new VariableIndex(Object.freeze(shared)));
}
