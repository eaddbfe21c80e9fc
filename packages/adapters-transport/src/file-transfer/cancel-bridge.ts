import type { CancelSignal } from '@evstation/core';

/** An AbortSignal that follows core's CancelSignal for the lifetime of one transfer; call dispose() when done. */
export function abortSignalOf(cancel: CancelSignal | undefined): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const off = cancel?.onCancel(() => controller.abort(new Error('Transfer cancelled'))) ?? (() => undefined);
  return { signal: controller.signal, dispose: off };
}
