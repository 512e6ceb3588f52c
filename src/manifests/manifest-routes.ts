import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import type { PlaylistItem } from '../schedule/types.js';
import { manifestReply } from './manifest-reply.js';
import { manifestFor } from './manifest-runtime.js';
import { ManifestSchema } from './manifest-schema.js';
import { type PreviewOutcome, previewPlaylist } from './playlist-preview.js';

// Requests whose manifest came from memory because it could not be rebuilt (see answeredStale).
const staleAnswers = new WeakSet<Request>();

/**
 * Whether this request's manifest was answered stale. Middleware should ask this rather than read
 * the response's X-Manifest-Stale header: reading c.res.headers makes @hono/node-server turn its
 * light response into a full one and stream the body, which costs more than the answer itself.
 */
export function answeredStale(c: Context<AppEnv>): boolean {
  return staleAnswers.has(c.req.raw);
}

const PlaylistPreviewSchema = z
  .object({
    screenId: z.uuid(),
    at: z.string(),
    status: z.enum(['playing', 'closed']),
    opensAt: z.string().nullable().openapi({ description: 'When closed: when the shop opens next' }),
    usedDefaultLoop: z.boolean(),
    loopSeconds: z.number(),
    nationalSeconds: z.number(),
    nationalShare: z.number().nullable().openapi({ description: 'National seconds / loop seconds (null for an empty loop)' }),
    configuredNationalShare: z.number().openapi({ description: 'The guaranteed minimum while a national slide airs (SCHEDULE_NATIONAL_SHARE)' }),
    items: z.array(
      z.object({
        slideId: z.string(),
        campaignId: z.string(),
        campaignSlug: z.string(),
        tier: z.enum(['national', 'county', 'local']),
        assetId: z.string(),
        language: z.string(),
        fallbackLanguageUsed: z.boolean(),
        durationSeconds: z.number(),
        fit: z.enum(['cover', 'contain']),
        kind: z.enum(['image', 'video']),
        altText: z.string(),
        media: z.object({ url: z.string(), hash: z.string(), width: z.number(), height: z.number(), format: z.string(), bytes: z.number() }),
      }),
    ),
  })
  .openapi('PlaylistPreview');

function previewJson(preview: Extract<PreviewOutcome, { ok: true }>) {
  const { result } = preview;
  const playing = result.status === 'playing' ? result : null;
  return {
    screenId: preview.screenId,
    at: preview.at.toISOString(),
    status: result.status,
    opensAt: result.status === 'closed' ? (result.opensAt?.toISOString() ?? null) : null,
    usedDefaultLoop: playing?.usedDefaultLoop ?? false,
    loopSeconds: playing?.loopSeconds ?? 0,
    nationalSeconds: playing?.nationalSeconds ?? 0,
    nationalShare: playing && playing.loopSeconds > 0 ? playing.nationalSeconds / playing.loopSeconds : null,
    configuredNationalShare: preview.configuredNationalShare,
    items: (playing?.items ?? []).map((item: PlaylistItem) => ({ ...item, media: { ...item.media } })),
  };
}

/** What screens play: the players' manifest, and coordinators' preview at any instant. */
export function manifestRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screens/me/manifest',
      tags: ['Players'],
      summary: "The calling screen's manifest: what to play over the next 24 hours and more",
      description:
        'Send If-None-Match with the last ETag: while nothing changed the answer is 304 with no body (answered from memory). The ETag is the manifest `version` in quotes. Sent gzip-encoded to clients that accept it. While the database cannot be reached, the last manifest built is answered with `X-Manifest-Stale: true`.',
      access: access.screen,
      responses: {
        200: { description: 'The manifest', content: { 'application/json': { schema: ManifestSchema } } },
        304: { description: 'Unchanged since the ETag sent in If-None-Match' },
        503: { description: 'The database cannot be reached and this instance holds no manifest for the screen yet' },
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'screen') throw problems.unauthorized('Send the screen token as a Bearer token.');
      const now = c.get('deps').clock.now();
      const answer = await manifestFor(c.get('deps'), actor.screenId, now);
      if (!answer) throw problems.unauthorized('The screen is unknown or revoked; pair it again.');
      // Served from memory while the database is away: possibly out of date, so say so.
      if (answer.stale) staleAnswers.add(c.req.raw);
      const reply = manifestReply(answer.manifest, answer.stale, now, { ifNoneMatch: c.req.header('if-none-match'), acceptEncoding: c.req.header('accept-encoding') });
      return reply.status === 304 ? c.body(null, 304, reply.headers) : c.body(reply.body, 200, reply.headers);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screens/{id}/playlist',
      tags: ['Screens'],
      summary: 'What a screen in your scope plays at an instant',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: z.object({ id: z.uuid() }),
        query: z.object({ at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'ISO 8601 instant; now when absent' }) }),
      },
      responses: { 200: { description: 'The playlist', content: { 'application/json': { schema: PlaylistPreviewSchema } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const deps = c.get('deps');
      const at = c.req.valid('query').at;
      const preview = await previewPlaylist(deps, requireUser(c.get('actor')), c.req.valid('param').id, at ? new Date(at) : deps.clock.now());
      if (!preview.ok) throw problems.notFound('The screen');
      return c.json(previewJson(preview), 200);
    },
  );

  return router;
}
