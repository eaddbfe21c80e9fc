import { readFileSync } from 'node:fs';
import { HttpError } from './http-error.js';

/** A static file of the dashboard. */
export interface DashboardFile {
  contentType: string;
  content: Buffer;
}

/** The dashboard: plain HTML, CSS and JS from the app's public/ folder (no build step), read once. */
const FILES: Record<string, { name: string; contentType: string }> = {
  '/': { name: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/index.html': { name: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/dashboard.js': { name: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { name: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
};

/** Serves the dashboard's files (issue 6 §2: a dashboard page at `/` on the control port). */
export class DashboardFiles {
  // public/ is a sibling of both src/ and dist/, so the same relative URL works from either.
  private readonly folder = new URL('../public/', import.meta.url);
  private readonly cache = new Map<string, Buffer>();

  /** The file at `path`; throws HttpError 404/405 for anything else. */
  get(method: string, path: string): DashboardFile {
    const entry = FILES[path];
    if (entry === undefined) throw new HttpError(404, `no such page ${path}; the dashboard is at / and the API under /api/`);
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} is not allowed here; use GET`, { allow: 'GET' });
    let content = this.cache.get(entry.name);
    if (content === undefined) {
      content = readFileSync(new URL(entry.name, this.folder));
      this.cache.set(entry.name, content);
    }
    return { contentType: entry.contentType, content };
  }
}
