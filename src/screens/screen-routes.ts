import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { screenJson } from './screen-json.js';
import { ScreenListQuerySchema, ScreenPatchSchema, ScreenSchema } from './screen-schemas.js';
import { deleteScreen, findScreen, listScreens, revokeScreen, type ScreenWriteResult, updateScreen, userCoversScreen } from './screens-service.js';

const IdParam = z.object({ id: z.uuid().openapi({ description: 'Screen id' }) });
const json = { 'application/json': { schema: ScreenSchema } };

function refusalOf(result: Exclude<ScreenWriteResult, { ok: true }>): AppError {
  switch (result.reason) {
    case 'not_found':
      return problems.notFound('The screen');
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'invalid_groups':
      return problems.unprocessable('invalid_groups', result.detail);
  }
}

/** Screens for coordinators: list, inspect, change, revoke and delete within their scope. */
export function screenRoutes() {
  const router = createRouter();
  const coordinators = access.roles('admin', 'coordinator');

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screens',
      tags: ['Screens'],
      summary: 'List the screens in your scope, filtered',
      access: coordinators,
      request: { query: ScreenListQuerySchema },
      responses: {
        200: {
          description: 'Screens',
          content: { 'application/json': { schema: z.object({ items: z.array(ScreenSchema), total: z.number().int() }) } },
        },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const result = await listScreens(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('query'));
      if (!result.ok) {
        throw result.reason === 'forbidden' ? problems.forbidden(result.detail) : problems.unprocessable(result.reason, result.detail);
      }
      return c.json({ items: result.items.map(screenJson), total: result.total }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screens/{id}',
      tags: ['Screens'],
      summary: 'One screen in your scope',
      access: coordinators,
      request: { params: IdParam },
      responses: { 200: { description: 'Screen', content: json }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const screen = await findScreen(c.get('deps').database.db, c.req.valid('param').id);
      if (!screen || !userCoversScreen(requireUser(c.get('actor')), screen)) throw problems.notFound('The screen');
      return c.json(screenJson(screen), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/screens/{id}',
      tags: ['Screens'],
      summary: "Change a screen's place, display, languages, hours, tags or static groups",
      access: coordinators,
      request: { params: IdParam, body: { content: { 'application/json': { schema: ScreenPatchSchema } }, required: true } },
      responses: { 200: { description: 'Updated', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await updateScreen(database.db, requireUser(c.get('actor')), c.req.valid('param').id, c.req.valid('json'), clock.now());
      if (!result.ok) throw refusalOf(result);
      return c.json(screenJson(result.screen), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/screens/{id}/revoke',
      tags: ['Screens'],
      summary: "Revoke a screen's token: it stops working at once and the player shows a pairing code again",
      access: coordinators,
      request: { params: IdParam },
      responses: { 200: { description: 'Revoked', content: json }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await revokeScreen(database.db, requireUser(c.get('actor')), c.req.valid('param').id, clock.now());
      if (!result.ok) throw refusalOf(result);
      return c.json(screenJson(result.screen), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/screens/{id}',
      tags: ['Screens'],
      summary: 'Delete a screen (proof of play already recorded is kept)',
      access: coordinators,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const result = await deleteScreen(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      if (!result.ok) throw problems.notFound('The screen');
      return c.body(null, 204);
    },
  );

  return router;
}
