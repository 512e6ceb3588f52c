import { OpenAPIHono } from '@hono/zod-openapi';
import { validationProblem } from '../errors.js';
import type { AppEnv } from './app-env.js';

/** A feature router whose validation failures become 400 problems listing each field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });
}

/** The signed-in user of a route that declared role access (the middleware guaranteed one). */
export function requireUser(actor: import('../accounts/actor.js').Actor) {
  if (actor.kind !== 'user') throw new Error('route without user access asked for a user');
  return actor.user;
}
