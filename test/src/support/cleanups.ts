import { afterEach } from 'vitest';

/** Something a case made and must undo (close a server, stop a station, remove a directory). */
export type Cleanup = () => Promise<void> | void;

/**
 * Registers an afterEach on the calling file or describe that undoes, newest first, what the case handed to the
 * returned function while it ran: a case that makes its CSMSs and stations as it goes cleans up whatever it got to.
 */
export function cleanupAfterEach(): (...cleanups: Cleanup[]) => void {
  const pending: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of pending.splice(0).reverse()) await cleanup();
  });
  return (...cleanups) => void pending.push(...cleanups);
}
