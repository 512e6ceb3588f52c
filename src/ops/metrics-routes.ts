import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { AppError, problemResponse } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { renderMetrics } from './metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function socketAddressOf(c: Context<AppEnv>): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
}

function tokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether the caller may read /metrics: with METRICS_TOKEN set, only with that bearer token;
 * without it, only from this machine (a loopback socket that no proxy forwarded for someone else).
 */
export function mayReadMetrics(c: Context<AppEnv>): boolean {
  const { config } = c.get('deps');
  if (config.METRICS_TOKEN) {
    const presented = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    return presented !== undefined && tokenMatches(presented, config.METRICS_TOKEN);
  }
  const address = socketAddressOf(c);
  return address !== undefined && LOOPBACK.has(address) && c.req.header('x-forwarded-for') === undefined;
}

/** GET /metrics: Prometheus text format (not in the API document: it is for the operator's scraper). */
export async function metricsEndpoint(c: Context<AppEnv>): Promise<Response> {
  if (!mayReadMetrics(c)) {
    return problemResponse(
      c,
      new AppError(
        403,
        'metrics_forbidden',
        'Not allowed',
        'Metrics are served to loopback clients, or with the METRICS_TOKEN bearer token.',
      ),
    );
  }
  const { contentType, body } = await renderMetrics(c.get('deps'));
  return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
}
