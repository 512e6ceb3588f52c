import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { createOrganisation, findVisibleOrganisation, listVisibleOrganisations, type OrganisationRow } from './organisations-service.js';
import { NewOrganisationSchema, NewUserSchema, OrganisationSchema, UserSchema } from './user-schemas.js';
import { createUser, listVisibleUsers } from './users-service.js';

const organisationJson = (row: OrganisationRow) => ({ ...row, createdAt: row.createdAt.toISOString() });

/** Users and organisations: who is who, within the caller's scope. */
export function directoryRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/users/me',
      tags: ['Accounts'],
      summary: 'The calling user',
      access: access.signedIn,
      responses: { 200: { description: 'You', content: { 'application/json': { schema: UserSchema } } }, ...problemResponses(401) },
    }),
    (c) => c.json(requireUser(c.get('actor')), 200),
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/users',
      tags: ['Accounts'],
      summary: 'Users visible to the caller (admins: all; coordinators: their scope)',
      access: access.roles('admin', 'coordinator'),
      responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.object({ items: z.array(UserSchema) }) } } }, ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await listVisibleUsers(c.get('deps').database.db, requireUser(c.get('actor'))) }, 200),
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/users',
      tags: ['Accounts'],
      summary: 'Create a user (admins: anyone; coordinators: members and narrower coordinators in their scope)',
      access: access.roles('admin', 'coordinator'),
      request: { body: { content: { 'application/json': { schema: NewUserSchema } }, required: true } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: UserSchema } } }, ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const result = await createUser(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('json'));
      if (result.ok) return c.json(result.user, 201);
      if (result.reason === 'forbidden') throw problems.forbidden(result.detail);
      if (result.reason === 'email_taken') throw problems.conflict('email_taken', result.detail);
      throw new AppError(422, result.reason, 'Cannot create user', result.detail);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations',
      tags: ['Accounts'],
      summary: 'Organisations visible to the caller',
      access: access.signedIn,
      responses: { 200: { description: 'Organisations', content: { 'application/json': { schema: z.object({ items: z.array(OrganisationSchema) }) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const rows = await listVisibleOrganisations(c.get('deps').database.db, requireUser(c.get('actor')));
      return c.json({ items: rows.map(organisationJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/organisations/{id}',
      tags: ['Accounts'],
      summary: 'One organisation (its members, or a coordinator covering it)',
      access: access.signedIn,
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: { description: 'Organisation', content: { 'application/json': { schema: OrganisationSchema } } }, ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const row = await findVisibleOrganisation(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      // Another organisation's data answers 404, not 403: its existence is not ours to reveal.
      if (!row) throw problems.notFound('The organisation');
      return c.json(organisationJson(row), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/organisations',
      tags: ['Accounts'],
      summary: 'Register an organisation in the caller’s scope',
      access: access.roles('admin', 'coordinator'),
      request: { body: { content: { 'application/json': { schema: NewOrganisationSchema } }, required: true } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: OrganisationSchema } } }, ...problemResponses(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const result = await createOrganisation(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('json'));
      if (result.ok) return c.json(organisationJson(result.organisation), 201);
      if (result.reason === 'forbidden') throw problems.forbidden(result.detail);
      if (result.reason === 'slug_taken') throw problems.conflict('slug_taken', result.detail);
      throw problems.unprocessable(result.reason, result.detail);
    },
  );

  return router;
}
