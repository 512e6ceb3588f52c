import { z } from '@hono/zod-openapi';
import { DateTime } from 'luxon';
import { AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { ProblemSchema, problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import {
  createPrintBatch,
  findPrintBatch,
  listPrintBatches,
  orderIdsOfBatch,
  type PrintBatchRow,
} from './print-batch-service.js';

const PrintBatchSchema = z
  .object({
    id: z.uuid(),
    countyCode: z
      .string()
      .nullable()
      .openapi({ description: 'The county the batch was made for; null for national batches' }),
    municipalityCode: z.string().nullable(),
    createdBy: z.uuid().nullable().openapi({ description: 'Null when the daily job made it' }),
    createdAt: z.string(),
    orderCount: z.number().int(),
    lineCount: z.number().int(),
    copies: z.number().int(),
    pdf: z.object({ url: z.string(), sha256: z.string(), bytes: z.number().int() }).nullable(),
    csv: z.object({ url: z.string(), sha256: z.string(), bytes: z.number().int() }).nullable(),
    filesPurgedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Set when the files were deleted with the personal data of the orders' }),
  })
  .openapi('PrintBatch');

const PrintBatchDetailSchema = PrintBatchSchema.extend({ orderIds: z.array(z.uuid()) }).openapi(
  'PrintBatchDetail',
);

/** The API view of a batch, with download links while its files exist. */
function batchJson(row: PrintBatchRow) {
  const base = `/api/v1/print-batches/${row.id}`;
  return {
    id: row.id,
    countyCode: row.countyCode,
    municipalityCode: row.municipalityCode,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    orderCount: row.orderCount,
    lineCount: row.lineCount,
    copies: row.copies,
    pdf: row.pdfHash
      ? { url: `${base}/order-sheet.pdf`, sha256: row.pdfHash, bytes: row.pdfBytes ?? 0 }
      : null,
    csv: row.csvHash ? { url: `${base}/orders.csv`, sha256: row.csvHash, bytes: row.csvBytes ?? 0 } : null,
    filesPurgedAt: row.filesPurgedAt?.toISOString() ?? null,
  };
}

const BatchParam = z.object({ id: z.uuid() });
const coordinators = access.roles('admin', 'coordinator');
const gone = {
  410: {
    description: 'The files were deleted with the personal data',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};

/** Print batches: make one now, list them, and download their order sheet and CSV. */
export function printBatchRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/print-batches',
      tags: ['Orders'],
      summary:
        'Make a print batch now of the approved orders in your scope (the daily job does the same for all)',
      access: coordinators,
      responses: {
        201: {
          description: 'Batch made; its orders are now sent_to_print',
          content: { 'application/json': { schema: PrintBatchSchema } },
        },
        ...problemResponses(401, 403, 409),
      },
    }),
    async (c) => {
      const { database, storage, clock } = c.get('deps');
      const result = await createPrintBatch(database.db, storage, requireUser(c.get('actor')), clock.now());
      if (!result.ok)
        throw result.reason === 'forbidden'
          ? problems.forbidden(result.detail)
          : problems.conflict(result.reason, result.detail);
      return c.json(batchJson(result.batch), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/print-batches',
      tags: ['Orders'],
      summary: 'Print batches in your scope, newest first',
      access: coordinators,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        200: {
          description: 'Batches',
          content: { 'application/json': { schema: z.object({ items: z.array(PrintBatchSchema) }) } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const rows = await listPrintBatches(
        c.get('deps').database.db,
        requireUser(c.get('actor')),
        c.req.valid('query').limit,
      );
      return c.json({ items: rows.map(batchJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/print-batches/{id}',
      tags: ['Orders'],
      summary: 'One print batch with the ids of its orders',
      access: coordinators,
      request: { params: BatchParam },
      responses: {
        200: { description: 'Batch', content: { 'application/json': { schema: PrintBatchDetailSchema } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { database } = c.get('deps');
      const row = await findPrintBatch(database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      if (!row) throw problems.notFound('The print batch');
      return c.json({ ...batchJson(row), orderIds: await orderIdsOfBatch(database.db, row.id) }, 200);
    },
  );

  for (const file of [
    {
      suffix: 'order-sheet.pdf',
      column: 'pdfHash',
      mime: 'application/pdf',
      summary: 'The order sheet (PDF, one page per delivery)',
    },
    {
      suffix: 'orders.csv',
      column: 'csvHash',
      mime: 'text/csv; charset=utf-8',
      summary: "The print shop's CSV (one row per order line)",
    },
  ] as const) {
    router.openapi(
      defineRoute({
        method: 'get',
        path: `/api/v1/print-batches/{id}/${file.suffix}`,
        tags: ['Orders'],
        summary: file.summary,
        access: coordinators,
        request: { params: BatchParam },
        responses: {
          200: {
            description: 'The file',
            content: {
              [file.mime.split(';')[0] as string]: { schema: z.string().openapi({ format: 'binary' }) },
            },
          },
          ...problemResponses(400, 401, 403, 404),
          ...gone,
        },
      }),
      async (c) => {
        const { database, storage } = c.get('deps');
        const row = await findPrintBatch(database.db, requireUser(c.get('actor')), c.req.valid('param').id);
        if (!row) throw problems.notFound('The print batch');
        const hash = row[file.column];
        const stream = hash ? await storage.get(hash) : null;
        if (!stream)
          throw new AppError(
            410,
            'files_removed',
            'Gone',
            'The files of this batch were deleted with the personal data of its orders.',
          );
        const day = DateTime.fromJSDate(row.createdAt, { zone: 'Europe/Stockholm' }).toISODate();
        return new Response(stream as ReadableStream<Uint8Array>, {
          status: 200,
          headers: {
            'content-type': file.mime,
            'content-disposition': `attachment; filename="tryckorder-${day}-${row.id.slice(0, 8)}-${file.suffix}"`,
            'cache-control': 'private, no-store',
          },
        });
      },
    );
  }

  return router;
}
