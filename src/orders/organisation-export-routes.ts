import { z } from '@hono/zod-openapi';
import { problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { exportOrganisationData } from './organisation-export.js';

/** The data export of an organisation (its members and admins only). */
export function organisationExportRoutes() {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations/{id}/export',
      tags: ['Accounts'],
      summary:
        'All data held about your organisation: the organisation, its users, orders with their history, and pack downloads',
      access: access.signedIn,
      request: { params: z.object({ id: z.uuid() }) },
      responses: {
        200: {
          description: 'The export (JSON, as an attachment)',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await exportOrganisationData(
        database.db,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        clock.now(),
      );
      if (!result.ok)
        throw result.reason === 'forbidden'
          ? problems.forbidden(result.detail)
          : problems.notFound('The organisation');
      c.header('content-disposition', `attachment; filename="export-${result.data.organisation.slug}.json"`);
      c.header('cache-control', 'private, no-store');
      return c.json(result.data, 200);
    },
  );
  return router;
}
