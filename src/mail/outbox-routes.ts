import { z } from '@hono/zod-openapi';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter } from '../http/router.js';
import { listOutboxMessages, type OutboxRow } from './outbox.js';

const OutboxMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    relatedTo: z.string().nullable(),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxMessage');

const OutboxQuerySchema = z.object({
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  relatedTo: z.string().max(200).optional().openapi({ description: 'e.g. order:<id>' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The outbox as the API shows it. */
function outboxMessageJson(row: OutboxRow) {
  return {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    relatedTo: row.relatedTo,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The developer's view of outgoing e-mail (everything lands here; with SMTP it is also sent). */
export function outboxRoutes() {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/dev/outbox',
      tags: ['Mail'],
      summary: 'E-mail in the outbox, newest first (pending, sent and failed)',
      access: access.roles('admin'),
      request: { query: OutboxQuerySchema },
      responses: {
        200: {
          description: 'Messages',
          content: { 'application/json': { schema: z.object({ items: z.array(OutboxMessageSchema) }) } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const rows = await listOutboxMessages(c.get('deps').database.db, c.req.valid('query'));
      return c.json({ items: rows.map(outboxMessageJson) }, 200);
    },
  );
  return router;
}
