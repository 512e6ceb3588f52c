import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/** How often Node checks connections for the header and request timeouts (its default is 30 s). */
const CONNECTION_CHECK_MS = 1000;

/**
 * Serves the app over node:http with bounded header and request times, so that clients that
 * send slowly (slowloris) or stall are answered 408 and dropped instead of holding sockets.
 */
export function serveApp(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  config: Config,
  log: Logger,
): Server {
  const server = serve(
    {
      fetch,
      port: config.PORT,
      hostname: config.HOST,
      serverOptions: {
        headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
        requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
        keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
        connectionsCheckingInterval: CONNECTION_CHECK_MS,
      },
    },
    (info) => log.info({ port: info.port }, `listening on http://localhost:${info.port}`),
  ) as Server;
  return server;
}

/**
 * Stops accepting connections and closes idle ones at once; requests in flight may finish within
 * the grace period, after which their connections are closed too. Resolves when none is left.
 */
export function closeServer(server: Server, graceMs: number, log: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      log.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
