import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { recordHeartbeat } from './heartbeat-service.js';
import { ingestPlays } from './ingest-service.js';
import {
  FUTURE_TOLERANCE_MS,
  HEARTBEAT_INTERVAL_SECONDS,
  MAX_BATCH_BYTES,
  MAX_EVENT_AGE_DAYS,
  MAX_EVENTS_PER_BATCH,
} from './play-limits.js';
import {
  HeartbeatAnswerSchema,
  HeartbeatSchema,
  PlayBatchResultSchema,
  PlayBatchSchema,
} from './play-schemas.js';

const PLAYS_PATH = '/api/v1/screens/me/plays';

/** The screen id of a route that declared screen access (the middleware guaranteed one). */
function screenIdOf(actor: AppEnv['Variables']['actor']): string {
  if (actor.kind !== 'screen') throw new Error('route without screen access asked for a screen');
  return actor.screenId;
}

/**
 * Refuses a batch body over MAX_BATCH_BYTES with 413. A declared Content-Length is checked as it
 * stands; only a body without one (chunked) goes through Hono's bodyLimit, which counts the bytes
 * as they stream in. Touching the body stream for every batch, as bodyLimit does, would make the
 * Node adapter build a full web Request per batch, a cost that showed in the soak's profile.
 */
function limitBatchBody(): MiddlewareHandler<AppEnv> {
  const tooLarge = () => {
    throw new AppError(413, 'payload_too_large', 'Too large', `A batch body may hold at most ${MAX_BATCH_BYTES} bytes.`);
  };
  const streamed = bodyLimit({ maxSize: MAX_BATCH_BYTES, onError: tooLarge });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number.parseInt(declared, 10) > MAX_BATCH_BYTES) tooLarge();
    await next();
  };
}

/** What players send: proof-of-play batches and heartbeats. */
export function addScreenReportRoutes(router: OpenAPIHono<AppEnv>): void {
  router.use(PLAYS_PATH, limitBatchBody());

  router.openapi(
    defineRoute({
      method: 'post',
      path: PLAYS_PATH,
      tags: ['Proof of play'],
      summary: 'Report a batch of plays (idempotent on each event id)',
      description:
        `At most ${MAX_EVENTS_PER_BATCH} events. The whole batch is refused when any event is malformed, starts more than ` +
        `${FUTURE_TOLERANCE_MS / 60_000} minutes after server time or more than ${MAX_EVENT_AGE_DAYS} days before it. ` +
        'The answer comes after the batch is committed; events already stored count as duplicates.',
      access: access.screen,
      request: { body: { content: { 'application/json': { schema: PlayBatchSchema } }, required: true } },
      responses: {
        200: { description: 'Stored', content: { 'application/json': { schema: PlayBatchResultSchema } } },
        ...problemResponses(400, 401, 413, 422),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await ingestPlays(
        database.db,
        screenIdOf(c.get('actor')),
        c.req.valid('json').events,
        clock.now(),
      );
      if (!result.ok) {
        if (result.reason === 'unknown_screen')
          throw problems.unauthorized('This screen is no longer paired.');
        throw problems.unprocessable(
          'events_out_of_range',
          'Some events start too far in the future or the past; nothing was stored.',
          result.errors,
        );
      }
      return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/screens/me/heartbeat',
      tags: ['Fleet'],
      summary: 'Tell the hub the player is alive, and what it holds',
      description: `Send every ${HEARTBEAT_INTERVAL_SECONDS} seconds; a screen silent for three intervals is listed as offline.`,
      access: access.screen,
      request: { body: { content: { 'application/json': { schema: HeartbeatSchema } }, required: true } },
      responses: {
        200: { description: 'Recorded', content: { 'application/json': { schema: HeartbeatAnswerSchema } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const now = clock.now();
      const result = await recordHeartbeat(database.db, screenIdOf(c.get('actor')), c.req.valid('json'), now);
      if (!result.ok) throw problems.unauthorized('This screen is no longer paired.');
      return c.json(
        { serverTime: now.toISOString(), heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS },
        200,
      );
    },
  );
}
