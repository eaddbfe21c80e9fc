/**
 * E01.FR.08 default transactionId: a random UUID (36 characters, within the schema's 36), so ids never repeat for the
 * station's lifetime, across reboots and firmware updates, without any stored counter.
 */
export function randomTransactionId(): string {
  return globalThis.crypto.randomUUID();
}
