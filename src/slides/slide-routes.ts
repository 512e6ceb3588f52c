import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { NewSlideSchema, SlidePatchSchema, SlideSchema } from './slide-schemas.js';
import { createSlide, deleteSlide, findSlide, listSlides, type SlideDetails, type SlideRefusal, updateSlide } from './slides-service.js';
import { actorMaySeeCampaign } from '../campaigns/campaigns-service.js';

/** The API view of a slide. */
export function slideJson({ slide, campaign, variants }: SlideDetails) {
  return {
    id: slide.id,
    campaignId: campaign.id,
    campaignSlug: campaign.slug,
    tier: campaign.tier,
    name: slide.name,
    durationSeconds: slide.durationSeconds,
    window: slide.window ?? null,
    targeting: slide.targeting,
    fit: slide.fit,
    locked: slide.locked,
    position: slide.position,
    isDefault: slide.isDefault,
    languages: [...new Set(variants.map((variant) => variant.language))],
    variants: variants.map((variant) => ({
      assetId: variant.id,
      kind: variant.kind,
      language: variant.language,
      orientation: variant.orientation,
      altText: variant.altText,
    })),
    createdAt: slide.createdAt.toISOString(),
    updatedAt: slide.updatedAt.toISOString(),
  };
}

function refusalOf(result: SlideRefusal): AppError {
  switch (result.reason) {
    case 'not_found':
      return new AppError(404, 'not_found', 'Not found', result.detail);
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'invalid_assets':
    case 'invalid_targeting':
    case 'invalid_default':
      return problems.unprocessable(result.reason, result.detail);
  }
}

const CampaignParam = z.object({ id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }) });
const SlideParam = z.object({ id: z.uuid().openapi({ description: 'Slide id' }) });
const json = { 'application/json': { schema: SlideSchema } };
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/** Slides: a campaign's assets placed on screens, with duration, window and targeting. */
export function slideRoutes() {
  const router = createRouter();
  const coordinators = access.roles('admin', 'coordinator');
  const tags = ['Slides'];

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/slides',
      tags,
      summary: "A campaign's slides (drafts' slides only within your scope)",
      access: coordinators,
      request: { params: CampaignParam },
      responses: { 200: { description: 'Slides', content: { 'application/json': { schema: z.object({ items: z.array(SlideSchema) }) } } }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const found = await listSlides(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      if (!found) throw problems.notFound('The campaign');
      return c.json({ items: found.map(slideJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/{id}/slides',
      tags,
      summary: "Put assets of a campaign on screens",
      access: coordinators,
      request: { params: CampaignParam, body: body(NewSlideSchema) },
      responses: { 201: { description: 'Created', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await createSlide(database.db, requireUser(c.get('actor')), c.req.valid('param').id, c.req.valid('json'), clock.now());
      if (!result.ok) throw refusalOf(result);
      return c.json(slideJson(result.slide), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/slides/{id}',
      tags,
      summary: 'One slide',
      access: coordinators,
      request: { params: SlideParam },
      responses: { 200: { description: 'Slide', content: json }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const found = await findSlide(c.get('deps').database.db, c.req.valid('param').id);
      if (!found || !actorMaySeeCampaign(c.get('actor'), found.campaign)) throw problems.notFound('The slide');
      return c.json(slideJson(found), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/slides/{id}',
      tags,
      summary: 'Change a slide (assetIds replaces its variants)',
      access: coordinators,
      request: { params: SlideParam, body: body(SlidePatchSchema) },
      responses: { 200: { description: 'Updated', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await updateSlide(database.db, requireUser(c.get('actor')), c.req.valid('param').id, c.req.valid('json'), clock.now());
      if (!result.ok) throw refusalOf(result);
      return c.json(slideJson(result.slide), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/slides/{id}',
      tags,
      summary: 'Take a slide off the screens',
      access: coordinators,
      request: { params: SlideParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await deleteSlide(database.db, requireUser(c.get('actor')), c.req.valid('param').id, clock.now());
      if (!result.ok) throw refusalOf(result);
      return c.body(null, 204);
    },
  );

  return router;
}
