/** A station configuration the device model refuses at start; each problem names component and variable (B07, TC_B_53_CS). */
export class DeviceModelConfigError extends Error {
  override readonly name = 'DeviceModelConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid device model configuration:\n${problems.map((p) => ` - ${p}`).join('\n')}`);
  }
}
