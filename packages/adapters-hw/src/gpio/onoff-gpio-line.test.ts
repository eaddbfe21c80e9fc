import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GpioUnavailableError } from './gpio-unavailable-error.js';
import { OnoffGpioLine } from './onoff-gpio-line.js';

const noGpioHere = !existsSync('/sys/class/gpio/export');

describe('OnoffGpioLine (hardware.md 3)', () => {
  // This suite runs on CI machines without GPIO (hardware.md 3.1); on a real board the lock is tested on the bench.
  it.runIf(noGpioHere)('fails to open with a clear error naming the pin where sysfs GPIO is absent', async () => {
    const opening = OnoffGpioLine.open({ pin: 17, direction: 'out', label: 'lock drive A' });
    await expect(opening).rejects.toBeInstanceOf(GpioUnavailableError);
    await expect(opening).rejects.toThrow('GPIO pin 17 (lock drive A) is not available: sysfs GPIO (/sys/class/gpio) is not accessible on this machine');
  });
});
