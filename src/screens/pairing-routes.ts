import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { AppError, problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { ProblemSchema, problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { createFailureLimiter, type FailureLimiter } from '../ops/rate-limit.js';
import { claimPairingCode, type ClaimOutcome, pollPairing, requestPairingCode } from './pairing-service.js';
import { ClaimSchema, ScreenSchema } from './screen-schemas.js';
import { screenJson } from './screen-json.js';

/** Code requests per client address and minute; polls get more room (a player polls every few seconds). */
export const PAIRING_REQUESTS_PER_MINUTE = 10;
export const PAIRING_POLLS_PER_MINUTE = 60;

// In memory, per app instance (see ops/rate-limit.ts for what that means behind a load balancer).
// Every request counts against the address, so the "failure" limiter is a plain request limiter.
const limiters = new WeakMap<AppDeps, { codes: FailureLimiter; polls: FailureLimiter }>();

function limitersOf(deps: AppDeps) {
  let found = limiters.get(deps);
  if (!found) {
    found = { codes: createFailureLimiter(PAIRING_REQUESTS_PER_MINUTE, 60_000), polls: createFailureLimiter(PAIRING_POLLS_PER_MINUTE, 60_000) };
    limiters.set(deps, found);
  }
  return found;
}

/** The caller's address: the first X-Forwarded-For hop behind a trusted proxy, else the socket's. */
export function clientAddressOf(c: Context<AppEnv>): string {
  if (c.get('deps').config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function enforceLimit(limiter: FailureLimiter, c: Context<AppEnv>): void {
  const address = clientAddressOf(c);
  const now = c.get('deps').clock.now().getTime();
  const retryAfterSeconds = limiter.blockedFor(address, now);
  if (retryAfterSeconds !== null) {
    throw new AppError(429, 'rate_limited', 'Too many requests', 'Too many pairing requests from this address; wait a moment.', { retryAfterSeconds });
  }
  limiter.recordFailure(address, now);
}

function claimRefusal(outcome: Exclude<ClaimOutcome, { ok: true }>): AppError {
  switch (outcome.reason) {
    case 'not_found':
      return problems.notFound('The pairing code');
    case 'screen_not_found':
      return problems.notFound('The screen');
    case 'expired':
      return new AppError(410, 'pairing_code_expired', 'Gone', outcome.detail);
    case 'already_claimed':
      return problems.conflict('pairing_code_claimed', outcome.detail);
    case 'forbidden':
      return problems.forbidden(outcome.detail);
    case 'invalid_groups':
      return problems.unprocessable('invalid_groups', outcome.detail);
  }
}

const PairingCodeSchema = z
  .object({
    code: z.string().openapi({ example: 'K7M3QX', description: 'Show this on the screen; a coordinator types it in' }),
    pollSecret: z.string().openapi({ description: 'Keep it secret; send it to /api/v1/pairing/poll' }),
    expiresAt: z.string(),
    pollAfterSeconds: z.number().int(),
  })
  .openapi('PairingCode');

const PollResultSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('waiting'), expiresAt: z.string() }),
    z.object({
      status: z.literal('paired'),
      screenId: z.uuid(),
      screenToken: z.string().openapi({ description: 'The screen token (scr_…), handed over this once; send it as a Bearer token' }),
    }),
  ])
  .openapi('PairingPollResult');

const gone = {
  description: 'The code expired or was used; request a new one',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

/** Pairing: a player without credentials gets a code, a coordinator claims it, the player collects its token. */
export function pairingRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/pairing',
      tags: ['Screens'],
      summary: 'Get a pairing code to show on a new screen',
      description: `Rate-limited to ${PAIRING_REQUESTS_PER_MINUTE} a minute per client address.`,
      access: access.public,
      responses: { 201: { description: 'A fresh code', content: { 'application/json': { schema: PairingCodeSchema } } }, ...problemResponses(429) },
    }),
    async (c) => {
      enforceLimit(limitersOf(c.get('deps')).codes, c);
      const { database, clock } = c.get('deps');
      const issued = await requestPairingCode(database.db, clock.now(), clientAddressOf(c));
      return c.json({ ...issued, expiresAt: issued.expiresAt.toISOString() }, 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/pairing/poll',
      tags: ['Screens'],
      summary: 'Ask whether the code was claimed; once it is, collect the screen token (exactly once)',
      access: access.public,
      request: { body: { content: { 'application/json': { schema: z.object({ pollSecret: z.string().min(10).max(200) }).strict() } }, required: true } },
      responses: {
        200: { description: 'Waiting, or paired with the token', content: { 'application/json': { schema: PollResultSchema } } },
        410: gone,
        ...problemResponses(400, 404, 429),
      },
    }),
    async (c) => {
      enforceLimit(limitersOf(c.get('deps')).polls, c);
      const { database, clock } = c.get('deps');
      const outcome = await pollPairing(database.db, c.req.valid('json').pollSecret, clock.now());
      switch (outcome.status) {
        case 'waiting':
          return c.json({ status: 'waiting' as const, expiresAt: outcome.expiresAt.toISOString() }, 200);
        case 'paired':
          return c.json({ status: 'paired' as const, screenId: outcome.screenId, screenToken: outcome.screenToken }, 200);
        case 'unknown':
          throw problems.notFound('The pairing');
        case 'expired':
          throw new AppError(410, 'pairing_code_expired', 'Gone', 'The code expired; request a new one.');
        case 'finished':
          throw new AppError(410, 'pairing_finished', 'Gone', 'The token was handed over already; a screen that lost it must pair again.');
      }
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/pairing/{code}/claim',
      tags: ['Screens'],
      summary: 'Claim the code a screen shows, giving the screen its place and settings',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: z.object({ code: z.string().min(1).max(20).openapi({ example: 'K7M3QX' }) }),
        body: { content: { 'application/json': { schema: ClaimSchema } }, required: true },
      },
      responses: {
        201: { description: 'The screen', content: { 'application/json': { schema: ScreenSchema } } },
        410: gone,
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const outcome = await claimPairingCode(database.db, requireUser(c.get('actor')), c.req.valid('param').code, c.req.valid('json'), clock.now());
      if (!outcome.ok) throw claimRefusal(outcome);
      return c.json(screenJson(outcome.screen), 201);
    },
  );

  return router;
}
