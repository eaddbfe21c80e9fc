import type { TimerHandle } from '../ports/clock.port.js';
import type { CancelSignal } from '../ports/file-transfer.port.js';

/**
 * Waits for one trigger (a ClockPort timer for a retryInterval or a retrieve/install time, or any other cancellable
 * callback) unless `cancel` fires first (L01.FR.24 / N01 a newer request, or the station stopping): resolves true when
 * it fired, false when cancelled; a cancel also cancels the trigger, so no timer is left pending.
 */
export function waitUnlessCancelled(cancel: CancelSignal, arm: (fire: () => void) => TimerHandle): Promise<boolean> {
  if (cancel.cancelled) return Promise.resolve(false);
  return new Promise((resolve) => {
    let off: () => void = () => undefined;
    const trigger = arm(() => {
      off();
      resolve(true);
    });
    off = cancel.onCancel(() => {
      trigger.cancel();
      resolve(false);
    });
  });
}
