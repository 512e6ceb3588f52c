import { sql } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import { access, defineRoute } from '../http/define-route.js';
import { createRouter } from '../http/router.js';

const HealthSchema = z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional() }).openapi('Health');

/** Liveness (the process answers) and readiness (database reachable, migrations applied). */
export function healthRoutes() {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/healthz',
      tags: ['Operations'],
      summary: 'The process is up',
      access: access.public,
      responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthSchema } } } },
    }),
    (c) => c.json({ status: 'ok' }, 200),
  );
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/readyz',
      tags: ['Operations'],
      summary: 'Ready for traffic: database reachable and migrations applied',
      access: access.public,
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: HealthSchema } } },
        503: { description: 'Not ready', content: { 'application/json': { schema: HealthSchema } } },
      },
    }),
    async (c) => {
      const { database, readiness } = c.get('deps');
      const checks: Record<string, string> = {
        migrations: readiness.migrated ? 'applied' : 'pending',
        shutdown: readiness.shuttingDown ? 'in progress' : 'no',
      };
      try {
        await database.db.execute(sql`select 1`);
        checks.database = 'reachable';
      } catch {
        checks.database = 'unreachable';
      }
      const ready = readiness.migrated && !readiness.shuttingDown && checks.database === 'reachable';
      c.header('cache-control', 'no-store');
      return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
    },
  );
  return router;
}
