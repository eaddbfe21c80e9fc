import { afterEach } from 'vitest';

/** What a store implementation gives a contract suite: a fresh, empty store and, for durable stores, a restart. */
export interface StoreContractHarness<S> {
  store: S;
  /** Closes the store and opens the same storage again (SQLite: the same file); the old store is not used afterwards. */
  reopen?: () => S;
  /** Releases the storage (close the database, delete its files); called after each test. */
  dispose?: () => void;
}

/** Makes one fresh harness per test. */
export type StoreContractFactory<S> = () => StoreContractHarness<S>;

/** A contract test's hands on the store: open a fresh one, and restart it where the implementation can. */
export interface StoreContractSession<S> {
  open(): S;
  /** The store as after a restart: reopened when the harness can, else the same store (in memory nothing restarts). */
  restart(): S;
}

/** Registers the per-test disposal and returns the session helpers (call inside a `describe`). */
export function storeContractSession<S>(makeStore: StoreContractFactory<S>): StoreContractSession<S> {
  let current: StoreContractHarness<S> | undefined;
  afterEach(() => {
    const harness = current;
    current = undefined;
    harness?.dispose?.();
  });
  return {
    open(): S {
      current = makeStore();
      return current.store;
    },
    restart(): S {
      if (current === undefined) throw new Error('restart() before open()');
      if (current.reopen === undefined) return current.store;
      current.store = current.reopen();
      return current.store;
    },
  };
}
