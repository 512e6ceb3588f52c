import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { sendRefusalPage } from './coordinator-layout.js';

/**
 * Lets coordinators (with a scope) and admins through to the coordinator pages. Anyone not
 * signed in is sent to sign in and brought back; signed-in members get a 403 page. Nothing a
 * refused request posted is read or written.
 */
export function requireCoordinatorPage(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (actor.kind !== 'user') {
      const url = new URL(c.req.url);
      // A refused post has nothing to come back to; its page is the one to return to.
      const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
      return c.redirect(`/logga-in?next=${encodeURIComponent(back)}`, c.req.method === 'GET' ? 302 : 303);
    }
    const { user } = actor;
    if (user.role !== 'admin' && !(user.role === 'coordinator' && user.scope)) return sendRefusalPage(c, 403);
    await next();
  };
}
