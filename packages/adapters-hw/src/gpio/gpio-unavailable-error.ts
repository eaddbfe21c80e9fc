/** A GPIO line could not be acquired; the message names the pin and why (hardware.md 3.3: "fail at start with a clear error"). */
export class GpioUnavailableError extends Error {
  override readonly name = 'GpioUnavailableError';

  constructor(
    readonly pin: number,
    readonly label: string,
    reason: string,
  ) {
    super(`GPIO pin ${pin} (${label}) is not available: ${reason}`);
  }
}
