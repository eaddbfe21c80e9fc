/** The HTTP Basic `Authorization` header value for security profiles 1 and 2 (A00.FR.202-205): UTF-8, never logged. */
export function basicAuthorization(identity: string, password: string): string {
  return `Basic ${Buffer.from(`${identity}:${password}`, 'utf8').toString('base64')}`;
}
