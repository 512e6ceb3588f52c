import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError, problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import {
  EventListQuerySchema,
  EventPatchSchema,
  EventSchema,
  IcalQuerySchema,
  NewEventSchema,
} from './event-schemas.js';
import { eventJson } from './event-view.js';
import { eventsCalendar } from './events-ical.js';
import {
  createEvent,
  deleteEvent,
  type EventRefusal,
  findEvent,
  listCampaignEvents,
  updateEvent,
  visibleCampaign,
} from './events-service.js';

function refusalOf(result: EventRefusal): AppError {
  switch (result.reason) {
    case 'campaign_not_found':
      return problems.notFound('The campaign');
    case 'not_found':
      return problems.notFound('The event');
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'county_outside_campaign':
      return problems.unprocessable(result.reason, result.detail);
    case 'municipality_outside_county':
      return problems.unprocessable(result.reason, result.detail, result.errors);
    case 'invalid':
      return new AppError(400, 'validation_failed', 'Invalid request', result.detail, {
        errors: result.errors ?? [],
      });
  }
}

const CampaignParam = z.object({
  id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }),
});
const EventParam = z.object({ id: z.uuid() });
const json = { 'application/json': { schema: EventSchema } };

/**
 * Answers a calendar with a strong ETag and a 304 when the subscriber already has it; calendar
 * apps poll feeds often, and an unchanged programme is the common case.
 */
export function sendCalendar(c: Context<AppEnv>, body: string, fileName: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = {
    etag,
    'cache-control': 'public, max-age=300',
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `inline; filename="${fileName}"`,
  };
  if (
    c.req
      .header('if-none-match')
      ?.split(',')
      .some((tag) => tag.trim().replace(/^W\//, '') === etag)
  ) {
    return c.body(null, 304, headers);
  }
  return c.body(body, 200, headers);
}

/** Events of campaigns: the public programme and feed, and coordinators' create, edit and delete. */
export function eventRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/events',
      tags: ['Events'],
      summary: "A campaign's events (upcoming by default), optionally in one county",
      access: access.public,
      request: { params: CampaignParam, query: EventListQuerySchema },
      responses: {
        200: {
          description: 'Events by start',
          content: { 'application/json': { schema: z.object({ items: z.array(EventSchema) }) } },
        },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const campaign = await visibleCampaign(database.db, c.get('actor'), c.req.valid('param').id);
      if (!campaign) throw problems.notFound('The campaign');
      const now = clock.now();
      const rows = await listCampaignEvents(database.db, campaign.id, { ...c.req.valid('query'), at: now });
      return c.json({ items: rows.map((row) => eventJson(row, campaign, now)) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/{id}/events',
      tags: ['Events'],
      summary: 'Add an event to a campaign in a county you cover; its programme slide is made or renewed',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: CampaignParam,
        body: { content: { 'application/json': { schema: NewEventSchema } }, required: true },
      },
      responses: {
        201: { description: 'Created', content: json },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const result = await createEvent(
        deps,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      if (!result.ok) throw refusalOf(result);
      return c.json(eventJson(result.event.event, result.event.campaign, deps.clock.now()), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/events.ics',
      tags: ['Events'],
      summary:
        "iCal feed of a campaign's events in one county (TZID Europe/Stockholm, cancelled ones as STATUS:CANCELLED)",
      description:
        'The same feed is offered as /kalender/{campaignSlug}/{county}.ics. Answers 304 to a matching If-None-Match.',
      access: access.public,
      request: {
        params: CampaignParam,
        query: IcalQuerySchema.extend({
          lang: z
            .enum(['sv', 'en'])
            .optional()
            .openapi({ description: 'Language of the texts (Swedish by default)' }),
        }),
      },
      responses: {
        200: { description: 'The calendar', content: { 'text/calendar': { schema: z.string() } } },
        304: { description: 'Unchanged since the ETag sent in If-None-Match' },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const campaign = await visibleCampaign(database.db, c.get('actor'), c.req.valid('param').id);
      if (!campaign) throw problems.notFound('The campaign');
      const { county, lang } = c.req.valid('query');
      const rows = await listCampaignEvents(database.db, campaign.id, {
        county,
        include: 'all',
        at: clock.now(),
      });
      const body = eventsCalendar({ campaign, countyCode: county, events: rows, language: lang ?? 'sv' });
      return sendCalendar(c, body, `${campaign.slug}-${county}.ics`);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/events/{id}',
      tags: ['Events'],
      summary: 'One event',
      access: access.public,
      request: { params: EventParam },
      responses: { 200: { description: 'The event', content: json }, ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const found = await findEvent(database.db, c.req.valid('param').id);
      const campaign = found && (await visibleCampaign(database.db, c.get('actor'), found.campaign.id));
      if (!found || !campaign) throw problems.notFound('The event');
      return c.json(eventJson(found.event, campaign, clock.now()), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/events/{id}',
      tags: ['Events'],
      summary: 'Change an event in a county you cover (cancel it with {"cancelled": true})',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: EventParam,
        body: { content: { 'application/json': { schema: EventPatchSchema } }, required: true },
      },
      responses: {
        200: { description: 'Updated', content: json },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const result = await updateEvent(
        deps,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      if (!result.ok) throw refusalOf(result);
      return c.json(eventJson(result.event.event, result.event.campaign, deps.clock.now()), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/events/{id}',
      tags: ['Events'],
      summary: 'Delete an event in a county you cover',
      access: access.roles('admin', 'coordinator'),
      request: { params: EventParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const result = await deleteEvent(c.get('deps'), requireUser(c.get('actor')), c.req.valid('param').id);
      if (!result.ok) throw refusalOf(result);
      return c.body(null, 204);
    },
  );

  return router;
}
