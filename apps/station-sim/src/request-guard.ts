import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './http-error.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

/** The host name of a Host header (`[::1]:8180` -> `::1`). */
function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(hostHeader);
  return (bracketed?.[1] ?? hostHeader.replace(/:\d+$/, '')).toLowerCase();
}

/**
 * The control API has no authentication, so it refuses what a hostile web page could send through the user's browser:
 * a request from another origin (Origin differs from Host), and, when bound to loopback, a Host that is not a loopback
 * name (DNS rebinding). Command-line clients (curl) send no Origin and pass.
 */
export function checkRequestOrigin(headers: IncomingHttpHeaders, boundHost: string): void {
  const host = headers.host;
  if (host === undefined || host === '') throw new HttpError(400, 'the request has no Host header');
  if (isLoopback(boundHost) && !isLoopback(hostName(host))) throw new HttpError(403, `Host ${JSON.stringify(host)} is not a loopback name; the control API listens on ${boundHost}`);
  const origin = headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new HttpError(403, 'requests from other web pages are refused (bad Origin)');
  }
  if (originHost.toLowerCase() !== host.toLowerCase()) throw new HttpError(403, `requests from other web pages are refused (Origin ${origin})`);
}
