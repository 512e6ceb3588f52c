import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/** The site's files, small enough to keep in memory: path → content type and body. */
const FILES: Record<string, { type: string; body: string }> = {
  '/static/site.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('./static/site.css', import.meta.url), 'utf8'),
  },
  // Same-origin enhancements of the coordinator pages (CSP allows only scripts from 'self').
  '/static/coordinator.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(new URL('./static/coordinator.js', import.meta.url), 'utf8'),
  },
};

/** The site's stylesheet and scripts (revalidated after five minutes). */
export function staticRoutes() {
  const router = new Hono<AppEnv>();
  for (const [path, file] of Object.entries(FILES)) {
    router.get(path, (c) => {
      c.header('content-type', file.type);
      c.header('cache-control', 'public, max-age=300');
      return c.body(file.body);
    });
  }
  return router;
}
