import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-json.js';

/** What a route handler gets: the request, the response, the `:name` path parameters (decoded) and the query. */
export interface RouteContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
}

/** One route: a method and a path pattern such as `/api/stations/:id`. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly handle: (context: RouteContext) => Promise<void> | void;
}

/** The route that matches a request, with its parameters; throws HttpError 404/405/400 when none fits. */
export function matchRoute(routes: readonly Route[], method: string, url: URL): { route: Route; params: Record<string, string> } {
  const segments = url.pathname.split('/').slice(1);
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path.split('/').slice(1), segments);
    if (params === undefined) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (allowed.length > 0) throw new HttpError(405, `${method} is not allowed on ${url.pathname} (allowed: ${allowed.join(', ')})`);
  throw new HttpError(404, `no such endpoint: ${method} ${url.pathname}`);
}

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = decodeSegment(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `bad percent-encoding in path segment ${JSON.stringify(segment)}`);
  }
}
