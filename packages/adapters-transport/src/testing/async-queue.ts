/** Items that arrive over time, consumed in order by `next()`; every item is also kept in `all`. */
export class AsyncQueue<T> {
  readonly all: T[] = [];
  private consumed = 0;
  private waiters: Array<(item: T) => void> = [];

  constructor(private readonly label: string) {}

  /** Adds an item, handing it to the oldest waiter if there is one. */
  push(item: T): void {
    this.all.push(item);
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      this.consumed += 1;
      waiter(item);
    }
  }

  /** The next unconsumed item; rejects after `timeoutMs` of real time so a missing event fails fast instead of hanging. */
  next(timeoutMs = 10_000): Promise<T> {
    if (this.consumed < this.all.length) return Promise.resolve(this.all[this.consumed++] as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = (item: T): void => {
        clearTimeout(guard);
        resolve(item);
      };
      const guard = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${this.label} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Number of items not yet consumed by `next()`. */
  pending(): number {
    return this.all.length - this.consumed;
  }
}
