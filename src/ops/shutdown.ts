import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/**
 * While the instance shuts down, every response says `Connection: close`, so clients on a
 * keep-alive connection open their next request elsewhere instead of on a closing socket.
 */
export function closeConnectionsWhileStopping(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.get('deps').readiness.shuttingDown) c.header('connection', 'close');
  };
}
