/**
 * A text byte stream to a serial device (a real UART, a pty, or a mock binding), owned by one protocol adapter.
 * `open` and `write` reject with an Error whose message names the device.
 */
export interface SerialStreamPort {
  /** Opens (or reopens) the device. */
  open(): Promise<void>;
  write(text: string): Promise<void>;
  /** Closes the device; never rejects. */
  close(): Promise<void>;
  onData(listener: (text: string) => void): void;
  /** Called once when an open stream ends by itself (EIO after unplug, peer gone); not after close(). */
  onLost(listener: (reason: string) => void): void;
}
