import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Security profile 1 (A00.FR.2xx): true when the Basic-auth password a station sent equals the expected one.
 * Compared in constant time over SHA-256 digests so neither the content nor the length leaks through timing.
 */
export function passwordMatches(sent: Buffer | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
