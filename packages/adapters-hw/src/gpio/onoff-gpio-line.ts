import type { Gpio } from 'onoff';
import { GpioUnavailableError } from './gpio-unavailable-error.js';
import type { GpioLevel, GpioLinePort, GpioLineRequest } from './gpio-line.port.js';

/** The part of the onoff module this adapter uses. */
interface OnoffModule {
  Gpio: typeof Gpio;
}

async function loadOnoff(request: GpioLineRequest): Promise<OnoffModule> {
  try {
    // Loaded lazily so nothing that merely imports this package loads the native epoll addon.
    return await import('onoff');
  } catch (error) {
    throw new GpioUnavailableError(request.pin, request.label, `the onoff module could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A GPIO line on sysfs through onoff (DESIGN 6). Sysfs GPIO is obsolete: on current Raspberry Pi kernels the global
 * number is chip base + offset (e.g. 512 + 17), see hardware.md 3.1; where sysfs is absent open() fails naming the pin.
 */
export class OnoffGpioLine implements GpioLinePort {
  private constructor(private readonly gpio: Gpio) {}

  /** Acquires the line; rejects with GpioUnavailableError when GPIO is not accessible here. */
  static async open(request: GpioLineRequest): Promise<OnoffGpioLine> {
    const { Gpio } = await loadOnoff(request);
    if (!Gpio.accessible) {
      throw new GpioUnavailableError(request.pin, request.label, 'sysfs GPIO (/sys/class/gpio) is not accessible on this machine');
    }
    try {
      const gpio =
        request.direction === 'out'
          ? new Gpio(request.pin, 'low', 'none', { activeLow: request.activeLow ?? false })
          : new Gpio(request.pin, 'in', 'both', { activeLow: request.activeLow ?? false });
      return new OnoffGpioLine(gpio);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const hint = reason.includes('EINVAL') ? ' (on kernels >= 6.6 use chip base + offset, hardware.md 3.1)' : '';
      throw new GpioUnavailableError(request.pin, request.label, `${reason}${hint}`);
    }
  }

  read(): Promise<GpioLevel> {
    return this.gpio.read();
  }

  write(level: GpioLevel): Promise<void> {
    return this.gpio.write(level);
  }

  watch(listener: (level: GpioLevel) => void): () => void {
    const callback = (error: Error | null | undefined, value: GpioLevel): void => {
      if (error === null || error === undefined) listener(value);
    };
    this.gpio.watch(callback);
    return () => this.gpio.unwatch(callback);
  }

  close(): Promise<void> {
    this.gpio.unexport();
    return Promise.resolve();
  }
}
