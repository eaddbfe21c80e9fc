/** A logic level on a GPIO line (after active-low inversion). */
export type GpioLevel = 0 | 1;

/** One GPIO line, the only thing the lock logic knows about GPIO (hardware.md 3.3: "a tiny GPIO port"). */
export interface GpioLinePort {
  read(): Promise<GpioLevel>;
  write(level: GpioLevel): Promise<void>;
  /** Calls `listener` on every edge of an input line; returns the unsubscribe function. */
  watch(listener: (level: GpioLevel) => void): () => void;
  /** Releases the line. */
  close(): Promise<void>;
}

/** Which line to open and how. */
export interface GpioLineRequest {
  /** Global line number as the GPIO driver knows it (sysfs: chip base + offset). */
  pin: number;
  direction: 'in' | 'out';
  activeLow?: boolean;
  /** A name for errors and logs, e.g. "lock motor A". */
  label: string;
}

/** Opens GPIO lines: OnoffGpioLine.open on a board, a simulated bank in tests and in the simulator. */
export type GpioLineOpener = (request: GpioLineRequest) => Promise<GpioLinePort>;
