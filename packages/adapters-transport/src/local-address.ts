import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * The local IP to bind to: `value` itself when it is an IP address, else the first address of the network interface
 * of that name (IPv4 preferred); undefined when the interface has no address now (it may come up later).
 */
export function resolveLocalAddress(value: string): string | undefined {
  if (isIP(value) !== 0) return value;
  const addresses = networkInterfaces()[value] ?? [];
  return (addresses.find((a) => a.family === 'IPv4') ?? addresses[0])?.address;
}
