import type { CancelSignal } from '../ports/file-transfer.port.js';

/** The owner's side of a CancelSignal: a firmware download or log upload that a newer request cancels (L01.FR.24, N01). */
export class CancelSource {
  /** The signal handed to the file transfer. */
  readonly signal: CancelSignal;
  private readonly listeners = new Set<() => void>();
  private isCancelled = false;

  constructor() {
    const isCancelled = (): boolean => this.isCancelled;
    const onCancel = (listener: () => void): (() => void) => {
      if (this.isCancelled) {
        listener();
        return () => undefined;
      }
      this.listeners.add(listener);
      return () => void this.listeners.delete(listener);
    };
    this.signal = {
      get cancelled() {
        return isCancelled();
      },
      onCancel,
    };
  }

  /** Whether cancel() was called. */
  get cancelled(): boolean {
    return this.isCancelled;
  }

  /** Cancels once: every listener runs; later calls do nothing. */
  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}
