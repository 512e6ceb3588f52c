import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from './app-env.js';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** The request's id: a well-formed incoming X-Request-Id is kept (so a trace can cross a load balancer), else a fresh one. */
export function requestIdFor(incoming: string | undefined | null): string {
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/** The access-log line of an answered request (on a logger that already carries the request id). */
export function logAnswer(log: Logger, answer: { method: string; path: string; status: number; ms: number }): void {
  log[answer.status >= 500 ? 'error' : 'info']({ ...answer, ms: Math.round(answer.ms * 10) / 10 }, 'request');
}

/**
 * Gives each request an id, a child logger that stamps it on every line, and one access-log line
 * at the end.
 */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = requestIdFor(c.req.header('x-request-id'));
    const log = deps.log.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('deps', deps);
    const started = performance.now();
    await next();
    // Set on the response's own headers: c.header() would rebuild the response around its body,
    // which @hono/node-server then streams instead of writing in one go.
    c.res.headers.set('x-request-id', requestId);
    logAnswer(log, { method: c.req.method, path: c.req.path, status: c.res.status, ms: performance.now() - started });
  };
}
