/** What a memory child process sends its parent over IPC. */
export interface MemoryReport {
  rss: number;
  heapUsed: number;
}

/**
 * Forces a full GC when the process runs with --expose-gc, then sends rss and heapUsed to the parent over IPC.
 * No imports: the empty-process baseline loads only this module and its own entry.
 */
export async function reportMemory(): Promise<void> {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const report: MemoryReport = { rss, heapUsed };
  await new Promise<void>((resolve, reject) => {
    if (process.send === undefined) reject(new Error('no IPC channel: run this script with child_process.fork'));
    else process.send(report, (error: Error | null) => (error === null ? resolve() : reject(error)));
  });
}
