import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../accounts/actor.js';
import { problems } from '../errors.js';
import type { AppEnv } from './app-env.js';

/**
 * Who may call an endpoint. Every route declares one; it is enforced by middleware, printed in the
 * OpenAPI document as `x-access`, and read by the authorisation tests from the route table.
 * Finer checks (which county, which organisation) happen in the services.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'screen' }
  | { kind: 'signed-in' }
  | { kind: 'roles'; roles: readonly Role[] };

export const access = {
  public: { kind: 'public' } as Access,
  screen: { kind: 'screen' } as Access,
  signedIn: { kind: 'signed-in' } as Access,
  roles: (...roles: Role[]): Access => ({ kind: 'roles', roles }),
};

/** Words for the OpenAPI description, so a reader of /docs sees who may call each endpoint. */
export function describeAccess(rule: Access): string {
  switch (rule.kind) {
    case 'public':
      return 'Anyone, without signing in.';
    case 'screen':
      return 'A paired screen, with its screen token.';
    case 'signed-in':
      return 'Any signed-in user or API token.';
    case 'roles':
      return `Signed-in users with the role ${rule.roles.join(' or ')}; scope checks apply.`;
  }
}

/** Middleware that refuses callers the access rule does not admit (401 before 403). */
export function requireAccess(rule: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    switch (rule.kind) {
      case 'public':
        break;
      case 'screen':
        if (actor.kind !== 'screen') throw problems.unauthorized('Send the screen token as a Bearer token.');
        break;
      case 'signed-in':
        if (actor.kind !== 'user') throw problems.unauthorized();
        break;
      case 'roles':
        if (actor.kind !== 'user') throw problems.unauthorized();
        if (!rule.roles.includes(actor.user.role)) throw problems.forbidden();
        break;
    }
    await next();
  };
}

/** createRoute plus a declared access rule, enforced and documented. */
export function defineRoute<const R extends Omit<RouteConfig, 'middleware'>>(
  config: R & { access: Access },
): R & { middleware: MiddlewareHandler<AppEnv>[]; 'x-access': Access } {
  const { access: rule, ...rest } = config;
  const security =
    rule.kind === 'public' ? [] : rule.kind === 'screen' ? [{ screenToken: [] }] : [{ session: [] }, { apiToken: [] }];
  return createRoute({
    ...rest,
    description: [rest.description, `**Who may call:** ${describeAccess(rule)}`].filter(Boolean).join('\n\n'),
    security,
    'x-access': rule,
    middleware: [requireAccess(rule)],
  } as unknown as RouteConfig) as unknown as R & { middleware: MiddlewareHandler<AppEnv>[]; 'x-access': Access };
}
