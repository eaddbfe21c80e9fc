/** Configuration that cannot be right (R9); its message names the field and never holds a password or key. */
export class TransportConfigError extends Error {
  override readonly name = 'TransportConfigError';
}
