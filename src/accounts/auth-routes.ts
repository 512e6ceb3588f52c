import { z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { guardSignIn } from '../ops/sign-in-limits.js';
import { createApiToken, listApiTokens, revokeApiToken, signIn, signOut } from './auth-service.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './authenticate.js';
import { UserSchema } from './user-schemas.js';

const SignInBody = z
  .object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1000) })
  .openapi('SignIn');
const SessionSchema = z
  .object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string().optional() })
  .openapi('Session');
const NewTokenBody = z
  .object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() })
  .openapi('NewApiToken');
const TokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().optional(),
    revokedAt: z.string().nullable().optional(),
  })
  .openapi('ApiToken');
const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: 'The secret. Shown once; store it now.' }),
}).openapi('CreatedApiToken');

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Sign-in, sign-out, the current session and API tokens. */
export function authRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/sign-in',
      tags: ['Accounts'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      description: 'Failed attempts are limited per client address and per account; past the limit the answer is 429 with Retry-After.',
      access: access.public,
      request: { body: { content: { 'application/json': { schema: SignInBody } }, required: true } },
      responses: { 200: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } }, ...problemResponses(400, 401, 429) },
    }),
    async (c) => {
      const { database, clock, config } = c.get('deps');
      const body = c.req.valid('json');
      const attempt = guardSignIn(c, body.email);
      // A new session every time (the old cookie, if any, is ended): no session fixation.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await signOut(database.db, previous);
      const result = await signIn(database.db, { ...body, now: clock.now(), ttlHours: config.SESSION_TTL_HOURS });
      if (!result.ok) {
        attempt.failed();
        throw new AppError(401, 'invalid_credentials', 'Sign-in failed', 'Wrong e-mail or password.');
      }
      attempt.succeeded();
      setSessionCookie(c, result.sessionToken, result.expiresAt);
      return c.json({ user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/sign-out',
      tags: ['Accounts'],
      summary: 'End the current session',
      access: access.public,
      responses: { 204: { description: 'Signed out' }, ...problemResponses(403) },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await signOut(c.get('deps').database.db, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/session',
      tags: ['Accounts'],
      summary: 'The signed-in user and the CSRF token for cookie-authenticated writes',
      access: access.signedIn,
      responses: { 200: { description: 'Current session', content: { 'application/json': { schema: SessionSchema } } }, ...problemResponses(401) },
    }),
    (c) => {
      const actor = c.get('actor');
      const user = requireUser(actor);
      return c.json({ user, csrfToken: actor.kind === 'user' ? (actor.csrfToken ?? '') : '' }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/tokens',
      tags: ['Accounts'],
      summary: 'Create an API token for scripts (shown once)',
      access: access.signedIn,
      request: { body: { content: { 'application/json': { schema: NewTokenBody } }, required: true } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: CreatedTokenSchema } } }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const user = requireUser(c.get('actor'));
      const body = c.req.valid('json');
      const expiresAt = body.expiresInDays ? new Date(clock.now().getTime() + body.expiresInDays * 86_400_000) : null;
      const created = await createApiToken(database.db, { userId: user.id, name: body.name, expiresAt });
      return c.json({ ...created, createdAt: created.createdAt.toISOString(), expiresAt: iso(created.expiresAt) }, 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/tokens',
      tags: ['Accounts'],
      summary: "List the caller's API tokens (without secrets)",
      access: access.signedIn,
      responses: { 200: { description: 'Tokens', content: { 'application/json': { schema: z.object({ items: z.array(TokenSchema) }) } } }, ...problemResponses(401) },
    }),
    async (c) => {
      const user = requireUser(c.get('actor'));
      const rows = await listApiTokens(c.get('deps').database.db, user.id);
      return c.json(
        { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), expiresAt: iso(row.expiresAt), lastUsedAt: iso(row.lastUsedAt), revokedAt: iso(row.revokedAt) })) },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/auth/tokens/{id}',
      tags: ['Accounts'],
      summary: 'Revoke one of your API tokens',
      access: access.signedIn,
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const user = requireUser(c.get('actor'));
      const revoked = await revokeApiToken(database.db, { userId: user.id, tokenId: c.req.valid('param').id, now: clock.now() });
      if (!revoked) throw problems.notFound('An active token with that id');
      return c.body(null, 204);
    },
  );

  return router;
}
