import { contentKey, InternPool } from '../storage-memory/intern-pool.js';
import type { ResolvedVariable } from './resolved-variable.js';
import { VariableIndex } from './variable-index.js';

// One per process: the stations of a fleet (`station-sim --stations N`) load equal definitions.
const indexes = new InternPool<VariableIndex>();

/** The index of these definitions, shared with every device model that loaded equal ones (issue 6 §5: memory per station). */
export function sharedVariableIndex(definitions: readonly ResolvedVariable[]): VariableIndex {
  return indexes.intern(contentKey(definitions), () => new VariableIndex(definitions));
}
