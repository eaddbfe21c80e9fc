import type { StorageErrorKind } from '../ports/storage/station-stores.js';

/** A storage failure in the port's terms; `location` names the database file when there is one. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    readonly location?: string,
  ) {
    super(message);
  }
}
