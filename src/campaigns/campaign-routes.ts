import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { isOpenAt } from '../windows/evaluate.js';
import {
  CampaignListQuerySchema,
  CampaignPatchSchema,
  CampaignSchema,
  NewCampaignSchema,
} from './campaign-schemas.js';
import {
  actorMaySeeCampaign,
  type CampaignWithOwner,
  type CampaignWriteResult,
  createCampaign,
  findCampaign,
  listCampaigns,
  setCampaignStatus,
  updateCampaign,
  windowState,
} from './campaigns-service.js';

/** The API view of a campaign at an instant. */
export function campaignJson(row: CampaignWithOwner, at: Date) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    description: row.description,
    tier: row.tier,
    status: row.status,
    ownerOrganisation: row.owner,
    countyCode: row.countyCode,
    municipalityCode: row.municipalityCode,
    languages: row.languages,
    audience: row.audience,
    airing: row.airing,
    ordering: row.ordering ?? null,
    support: row.support,
    languageExemptions: row.languageExemptions ?? {},
    airingState: windowState(row.airing, at),
    orderingState: row.ordering ? windowState(row.ordering, at) : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function refusalOf(result: Exclude<CampaignWriteResult, { ok: true }>): AppError {
  switch (result.reason) {
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'not_found':
      return problems.notFound('The campaign');
    case 'slug_taken':
      return problems.conflict('slug_taken', result.detail);
    case 'invalid_region':
    case 'owner_not_found':
      return problems.unprocessable(result.reason, result.detail);
    case 'publish_gate_failed':
      return problems.unprocessable(result.reason, result.detail, result.problems);
  }
}

const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }) });
const json = { 'application/json': { schema: CampaignSchema } };

/** Campaigns: the public list, and coordinators' create, edit and status changes. */
export function campaignRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns',
      tags: ['Campaigns'],
      summary: 'List campaigns (published ones for everybody; drafts for coordinators in scope)',
      access: access.public,
      request: { query: CampaignListQuerySchema },
      responses: {
        200: { description: 'Campaigns', content: { 'application/json': { schema: z.object({ items: z.array(CampaignSchema) }) } } },
        ...problemResponses(400),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const query = c.req.valid('query');
      const now = clock.now();
      let rows = await listCampaigns(database.db, c.get('actor'), query);
      if (query.liveAt) {
        const at = new Date(query.liveAt);
        rows = rows.filter((row) => isOpenAt(row.airing, at));
      }
      if (query.orderable) {
        const wanted = query.orderable === 'true';
        rows = rows.filter((row) => (row.ordering !== null && isOpenAt(row.ordering, now)) === wanted);
      }
      return c.json({ items: rows.map((row) => campaignJson(row, now)) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}',
      tags: ['Campaigns'],
      summary: 'One campaign, with whether it airs and takes orders now and when it next does',
      access: access.public,
      request: {
        params: IdParam,
        query: z.object({ at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Evaluate windows at this instant instead of now' }) }),
      },
      responses: { 200: { description: 'Campaign', content: json }, ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const row = await findCampaign(database.db, c.req.valid('param').id);
      if (!row || !actorMaySeeCampaign(c.get('actor'), row)) throw problems.notFound('The campaign');
      const at = c.req.valid('query').at;
      return c.json(campaignJson(row, at ? new Date(at) : clock.now()), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns',
      tags: ['Campaigns'],
      summary: 'Create a draft campaign in your scope',
      access: access.roles('admin', 'coordinator'),
      request: { body: { content: { 'application/json': { schema: NewCampaignSchema } }, required: true } },
      responses: { 201: { description: 'Created', content: json }, ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await createCampaign(database.db, requireUser(c.get('actor')), c.req.valid('json'));
      if (!result.ok) throw refusalOf(result);
      return c.json(campaignJson(result.campaign, clock.now()), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/campaigns/{id}',
      tags: ['Campaigns'],
      summary: 'Change a campaign in your scope',
      access: access.roles('admin', 'coordinator'),
      request: { params: IdParam, body: { content: { 'application/json': { schema: CampaignPatchSchema } }, required: true } },
      responses: { 200: { description: 'Updated', content: json }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const now = clock.now();
      const result = await updateCampaign(database.db, requireUser(c.get('actor')), c.req.valid('param').id, c.req.valid('json'), now);
      if (!result.ok) throw refusalOf(result);
      return c.json(campaignJson(result.campaign, now), 200);
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['archive', 'archived'],
    ['unpublish', 'draft'],
  ] as const) {
    router.openapi(
      defineRoute({
        method: 'post',
        path: `/api/v1/campaigns/{id}/${action}`,
        tags: ['Campaigns'],
        summary: `Set the campaign's status to ${status}`,
        ...(action === 'publish' && {
          description:
            "Publishing passes the publish gate first: every image has alt text, every slide has a variant in each of the campaign's languages (or languageExemptions says why not) and stays up long enough to read its alt text (3 words a second, at least 5 s). Otherwise 422 `publish_gate_failed` with one entry in `errors` per problem.",
        }),
        access: access.roles('admin', 'coordinator'),
        request: { params: IdParam },
        responses: { 200: { description: 'Updated', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
      }),
      async (c) => {
        const { database, clock } = c.get('deps');
        const now = clock.now();
        const result = await setCampaignStatus(database.db, requireUser(c.get('actor')), c.req.valid('param').id, status, now);
        if (!result.ok) throw refusalOf(result);
        return c.json(campaignJson(result.campaign, now), 200);
      },
    );
  }

  return router;
}
