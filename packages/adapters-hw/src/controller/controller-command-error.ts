import type { ChargeControllerError, ChargeControllerErrorKind } from '@evstation/core';

/** The adapter's ChargeControllerError: a command failed for a classified reason. */
export class ControllerCommandError extends Error implements ChargeControllerError {
  override readonly name = 'ControllerCommandError';

  constructor(
    readonly kind: ChargeControllerErrorKind,
    message: string,
  ) {
    super(message);
  }
}
