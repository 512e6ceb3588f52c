import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { answeredStale } from '../manifests/manifest-routes.js';
import { databaseSeemsDown } from './database-health.js';

const MANIFEST_PATH = '/api/v1/screens/me/manifest';

// Requests this middleware marked stale, so other middleware can ask without reading headers.
const marked = new WeakSet<Request>();

/** Whether this request's manifest went out marked stale (by its route or by this middleware). */
export function manifestWentOutStale(c: Context<AppEnv>): boolean {
  return marked.has(c.req.raw) || answeredStale(c);
}

/**
 * Marks manifests answered while the database seems unreachable: they come from memory and may
 * miss changes this instance could not hear of. `X-Manifest-Stale: true` for players and
 * monitoring, and the standard `Warning: 110` for caches in between. Response headers are only
 * touched in that case, so ordinary polls keep the server's fast path.
 */
export function markStaleManifests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.path !== MANIFEST_PATH || (c.res.status !== 200 && c.res.status !== 304)) return;
    if (!answeredStale(c) && !databaseSeemsDown(c.get('deps'))) return;
    marked.add(c.req.raw);
    c.res.headers.set('x-manifest-stale', 'true');
    c.res.headers.set('warning', '110 - "Response is Stale"');
  };
}
