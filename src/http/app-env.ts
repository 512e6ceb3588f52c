import type { Logger } from 'pino';
import type { Actor } from '../accounts/actor.js';
import type { AppDeps } from '../deps.js';

/** Hono's typing for our context: what middleware puts on each request. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    actor: Actor;
    deps: AppDeps;
  };
}
