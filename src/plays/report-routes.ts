import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Actor } from '../accounts/actor.js';
import { type AppError, problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { requireUser } from '../http/router.js';
import { listOfflineScreens, summariseFleet } from './fleet-service.js';
import { OFFLINE_AFTER_MS, REPORT_TIME_ZONE } from './play-limits.js';
import {
  FleetQuerySchema,
  FleetSummarySchema,
  OfflineListSchema,
  OfflineQuerySchema,
  ReachQuerySchema,
  ReachSchema,
} from './play-schemas.js';
import { formatReachCsv } from './reach-csv.js';
import { reachRangeProblem, readReach } from './reach-service.js';
import { narrowToScope, type RegionFilter } from './region-filter.js';

/** The region a report covers: what the caller asked, narrowed to their scope, or the refusal. */
function scopedRegion(actor: Actor, asked: { county?: string; municipality?: string }): RegionFilter {
  const result = narrowToScope(requireUser(actor), {
    countyCode: asked.county ?? null,
    municipalityCode: asked.municipality ?? null,
  });
  if (result.ok) return result.filter;
  const refusal: AppError =
    result.reason === 'forbidden'
      ? problems.forbidden(result.detail)
      : problems.badRequest('region_mismatch', result.detail);
  throw refusal;
}

const coordinators = access.roles('admin', 'coordinator');
const offlineAfterSeconds = OFFLINE_AFTER_MS / 1000;

/** What coordinators read: reach per day and region, and the health of the screen fleet. */
export function addReportRoutes(router: OpenAPIHono<AppEnv>): void {
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/reach',
      tags: ['Proof of play'],
      summary: 'Plays, screen-hours and reporting screens per day and region (JSON or CSV)',
      description:
        `Days are local dates in ${REPORT_TIME_ZONE}. Today is counted live from raw plays, earlier days from the rollups. ` +
        'A county coordinator sees their county, a municipal coordinator their municipality; asking outside the scope is 403. ' +
        'Send `Accept: text/csv` or `format=csv` for CSV.',
      access: coordinators,
      request: { query: ReachQuerySchema },
      responses: {
        200: {
          description: 'Reach',
          content: { 'application/json': { schema: ReachSchema }, 'text/csv': { schema: z.string() } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const query = c.req.valid('query');
      const rangeProblem = reachRangeProblem(query.from, query.to);
      if (rangeProblem) throw problems.badRequest('invalid_range', rangeProblem);
      const filter = scopedRegion(c.get('actor'), query);
      const request = {
        from: query.from,
        to: query.to,
        filter,
        campaignId: query.campaign ?? null,
        groupBy: query.groupBy,
      };
      const reach = await readReach(database.db, request, clock.now());
      const wantsCsv =
        query.format === 'csv' ||
        (query.format !== 'json' && /\btext\/csv\b/i.test(c.req.header('accept') ?? ''));
      if (wantsCsv) {
        return c.body(formatReachCsv(reach.rows), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="reach-${query.from}-${query.to}.csv"`,
          vary: 'Accept',
        });
      }
      c.header('vary', 'Accept');
      return c.json(
        {
          from: query.from,
          to: query.to,
          timeZone: REPORT_TIME_ZONE,
          groupBy: query.groupBy,
          countyCode: filter.countyCode,
          municipalityCode: filter.municipalityCode,
          campaignId: request.campaignId,
          ...reach,
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/fleet/offline',
      tags: ['Fleet'],
      summary: 'Screens in your scope that stopped sending heartbeats',
      access: coordinators,
      request: { query: OfflineQuerySchema },
      responses: {
        200: {
          description: 'Offline screens',
          content: { 'application/json': { schema: OfflineListSchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = scopedRegion(c.get('actor'), query);
      const list = await listOfflineScreens(c.get('deps').database.db, filter, query.limit);
      return c.json({ ...list, offlineAfterSeconds }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/fleet/summary',
      tags: ['Fleet'],
      summary: 'Screens online and offline per county (and per municipality for one county)',
      access: coordinators,
      request: { query: FleetQuerySchema },
      responses: {
        200: {
          description: 'Fleet summary',
          content: { 'application/json': { schema: FleetSummarySchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const filter = scopedRegion(c.get('actor'), query);
      const summary = await summariseFleet(c.get('deps').database.db, filter);
      return c.json({ ...summary, offlineAfterSeconds }, 200);
    },
  );
}
