import { z } from '@hono/zod-openapi';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { GroupMembersSchema, GroupPatchSchema, GroupSchema, NewGroupSchema } from './group-schemas.js';
import {
  addGroupMembers,
  createGroup,
  deleteGroup,
  findVisibleGroup,
  type GroupWithCount,
  type GroupWriteResult,
  listGroups,
  removeGroupMember,
  updateGroup,
} from './groups-service.js';

/** The API view of a group. */
function groupJson(group: GroupWithCount) {
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    rule: group.rule ?? null,
    countyCode: group.countyCode,
    municipalityCode: group.municipalityCode,
    memberCount: group.memberCount,
    createdAt: group.createdAt.toISOString(),
  };
}

function refusalOf(result: Exclude<GroupWriteResult, { ok: true }>): AppError {
  switch (result.reason) {
    case 'not_found':
      return problems.notFound('The group');
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'invalid_screens':
    case 'wrong_kind':
      return problems.unprocessable(result.reason, result.detail);
  }
}

const IdParam = z.object({ id: z.uuid().openapi({ description: 'Group id' }) });
const json = { 'application/json': { schema: GroupSchema } };
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/** Screen groups: static lists and dynamic rules that slides can target. */
export function groupRoutes() {
  const router = createRouter();
  const coordinators = access.roles('admin', 'coordinator');
  const tags = ['Screen groups'];

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screen-groups',
      tags,
      summary: 'Groups you can target: national ones and those in your scope',
      access: coordinators,
      responses: { 200: { description: 'Groups', content: { 'application/json': { schema: z.object({ items: z.array(GroupSchema) }) } } }, ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: (await listGroups(c.get('deps').database.db, requireUser(c.get('actor')))).map(groupJson) }, 200),
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/screen-groups',
      tags,
      summary: 'Create a static or dynamic group in your scope',
      access: coordinators,
      request: { body: body(NewGroupSchema) },
      responses: { 201: { description: 'Created', content: json }, ...problemResponses(400, 401, 403, 422) },
    }),
    async (c) => {
      const result = await createGroup(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('json'));
      if (!result.ok) throw refusalOf(result);
      return c.json(groupJson(result.group), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/screen-groups/{id}',
      tags,
      summary: 'One group',
      access: coordinators,
      request: { params: IdParam },
      responses: { 200: { description: 'Group', content: json }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const group = await findVisibleGroup(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      if (!group) throw problems.notFound('The group');
      return c.json(groupJson(group), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/screen-groups/{id}',
      tags,
      summary: "Rename a group or change a dynamic group's rule",
      access: coordinators,
      request: { params: IdParam, body: body(GroupPatchSchema) },
      responses: { 200: { description: 'Updated', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const result = await updateGroup(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id, c.req.valid('json'));
      if (!result.ok) throw refusalOf(result);
      return c.json(groupJson(result.group), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/screen-groups/{id}',
      tags,
      summary: 'Delete a group',
      access: coordinators,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const result = await deleteGroup(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      if (!result.ok) throw refusalOf(result);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/screen-groups/{id}/members',
      tags,
      summary: 'Add screens to a static group',
      access: coordinators,
      request: { params: IdParam, body: body(GroupMembersSchema) },
      responses: { 200: { description: 'The group', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { screenIds } = c.req.valid('json');
      const result = await addGroupMembers(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id, screenIds);
      if (!result.ok) throw refusalOf(result);
      return c.json(groupJson(result.group), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/screen-groups/{id}/members/{screenId}',
      tags,
      summary: 'Remove a screen from a static group',
      access: coordinators,
      request: { params: IdParam.extend({ screenId: z.uuid() }) },
      responses: { 200: { description: 'The group', content: json }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { id, screenId } = c.req.valid('param');
      const result = await removeGroupMember(c.get('deps').database.db, requireUser(c.get('actor')), id, screenId);
      if (!result.ok) throw refusalOf(result);
      return c.json(groupJson(result.group), 200);
    },
  );

  return router;
}
