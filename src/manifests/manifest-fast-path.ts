import type { AppDeps } from '../deps.js';
import { logAnswer, requestIdFor } from '../http/request-context.js';
import { databaseSeemsDown } from '../ops/database-health.js';
import { MANIFEST_ROUTE, metricsOf } from '../ops/metrics.js';
import { SECURITY_HEADERS } from '../ops/security-headers.js';
import { SCREEN_TOKEN_PREFIX } from '../screens/screen-auth.js';
import { manifestReply } from './manifest-reply.js';
import { manifestInMemory } from './manifest-runtime.js';
import { screenIdForTokenInMemory } from './screen-directory.js';

/**
 * Screens' manifest polls are nearly all the traffic, and nearly all of them can be answered from
 * memory: the token is in the screen directory and the screen's manifest is current. This answers
 * those ahead of the router and the middleware chain, synchronously, with exactly what the chain
 * would send (the route's reply, the security headers, X-Request-Id), counted in the same metrics
 * and logged in the same access-log line. Everything else (HEAD, a cold or expired manifest, an
 * unknown or revoked token, other credentials, a database that seems down, shutting down) is
 * left to the full app, which answers it as before.
 */

const BEARER = /^Bearer\s+(\S+)$/i;

/** Whether a request URL is exactly the manifest path, without a query. */
function isManifestUrl(url: string): boolean {
  return url.endsWith(MANIFEST_ROUTE) && url.indexOf('/', url.indexOf('//') + 2) === url.length - MANIFEST_ROUTE.length;
}

/** The answer to a manifest poll when memory holds everything it needs, else null (the app answers). */
export function answerManifestPollFromMemory(deps: AppDeps, request: Request): Response | null {
  if (request.method !== 'GET' || !isManifestUrl(request.url) || deps.readiness.shuttingDown) return null;
  const started = performance.now();
  const incoming = request.headers;
  const token = BEARER.exec(incoming.get('authorization') ?? '')?.[1];
  if (!token?.startsWith(SCREEN_TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  const screenId = screenIdForTokenInMemory(deps, token, now.getTime());
  const manifest = screenId && manifestInMemory(deps, screenId, now.getTime());
  // A database that seems down means the answer goes out marked stale: the app does that.
  if (!manifest || databaseSeemsDown(deps)) return null;
  const reply = manifestReply(manifest, false, now, { ifNoneMatch: incoming.get('if-none-match'), acceptEncoding: incoming.get('accept-encoding') });
  const requestId = requestIdFor(incoming.get('x-request-id'));
  const ms = performance.now() - started;
  metricsOf(deps).countPollFromMemory(reply.status, ms / 1000);
  if (deps.log.isLevelEnabled('info')) logAnswer(deps.log.child({ reqId: requestId }), { method: 'GET', path: MANIFEST_ROUTE, status: reply.status, ms });
  // Added to the reply's own record: spreading both into a fresh literal costs V8 tens of µs.
  const headers = Object.assign(reply.headers, SECURITY_HEADERS);
  headers['x-request-id'] = requestId;
  return new Response(reply.body, { status: reply.status, headers });
}
