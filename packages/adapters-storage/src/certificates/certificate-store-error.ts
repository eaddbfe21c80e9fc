/** A certificate store problem (unreadable directory or file, failed write); the message names the file, never its content. */
export class CertificateStoreError extends Error {
  override readonly name = 'CertificateStoreError';
  constructor(
    message: string,
    /** The file or directory concerned. */
    readonly location?: string,
  ) {
    super(message);
  }
}
