import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { blobs } from '../assets/schema.js';
import type { Db } from '../db/client.js';
import { deleteMessagesAbout } from '../mail/outbox.js';
import type { BlobStore } from '../media/storage.js';
import { orderIdempotencyKeys, orders, printBatches } from './schema.js';

/** What replaces removed personal data, so a reader sees it was removed rather than never given. */
export const REMOVED = '[borttaget]';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeReport {
  orders: number;
  messages: number;
  idempotencyKeys: number;
  batchFiles: number;
}

/**
 * Removes personal data the retention time after orders closed (shipped, rejected or cancelled,
 * or handed to the print shop and never marked shipped):
 * contact name, e-mail and phone, and the address except the city; the e-mails about those orders
 * and the stored idempotent answers (which repeat them); and the print files of batches made
 * before the cut-off (the retention time after printing). Quantities, products, statuses and dates
 * stay for statistics.
 */
export async function purgeOrderPersonalData(
  db: Db,
  storage: BlobStore,
  options: { now: Date; retentionDays: number; log?: Logger },
): Promise<PurgeReport> {
  const { now } = options;
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const report = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          isNull(orders.personalDataPurgedAt),
          or(
            and(isNotNull(orders.closedAt), lte(orders.closedAt, cutoff)),
            // Orders nobody marked shipped: the print shop sent them long ago.
            and(eq(orders.status, 'sent_to_print'), lte(orders.updatedAt, cutoff)),
          ),
        ),
      )
      .for('update', { skipLocked: true });
    const ids = due.map((row) => row.id);
    if (ids.length > 0) {
      await tx
        .update(orders)
        .set({
          deliveryAddress: sql`jsonb_build_object('recipient', ${REMOVED}::text, 'street', ${REMOVED}::text, 'postalCode', ${REMOVED}::text, 'city', ${orders.deliveryAddress}->>'city')`,
          contactName: REMOVED,
          contactEmail: null,
          contactPhone: null,
          personalDataPurgedAt: now,
        })
        .where(inArray(orders.id, ids));
    }
    const messages = await deleteMessagesAbout(
      tx,
      ids.map((id) => `order:${id}`),
    );
    const keys =
      ids.length === 0
        ? []
        : await tx
            .delete(orderIdempotencyKeys)
            .where(inArray(orderIdempotencyKeys.orderId, ids))
            .returning({ key: orderIdempotencyKeys.key });
    const batches = await tx
      .select({ id: printBatches.id, pdfHash: printBatches.pdfHash, csvHash: printBatches.csvHash })
      .from(printBatches)
      .where(and(isNull(printBatches.filesPurgedAt), lte(printBatches.createdAt, cutoff)))
      .for('update', { skipLocked: true });
    if (batches.length > 0) {
      await tx
        .update(printBatches)
        .set({ pdfHash: null, csvHash: null, filesPurgedAt: now })
        .where(
          inArray(
            printBatches.id,
            batches.map((row) => row.id),
          ),
        );
    }
    const hashes = batches
      .flatMap((row) => [row.pdfHash, row.csvHash])
      .filter((hash): hash is string => hash !== null);
    return { orders: ids.length, messages, idempotencyKeys: keys.length, hashes };
  });
  const batchFiles = await deleteBatchFiles(db, storage, report.hashes, options.log);
  return {
    orders: report.orders,
    messages: report.messages,
    idempotencyKeys: report.idempotencyKeys,
    batchFiles,
  };
}

/**
 * Deletes the files of purged batches: the blob row (refused while anything else still refers to
 * the same bytes, which then stay) and the stored file.
 */
async function deleteBatchFiles(db: Db, storage: BlobStore, hashes: string[], log?: Logger): Promise<number> {
  let deleted = 0;
  for (const hash of hashes) {
    const [stillUsed] = await db
      .select({ id: printBatches.id })
      .from(printBatches)
      .where(or(eq(printBatches.pdfHash, hash), eq(printBatches.csvHash, hash)))
      .limit(1);
    if (stillUsed) continue;
    try {
      await db.delete(blobs).where(eq(blobs.hash, hash));
    } catch (error) {
      log?.warn({ hash, err: error }, 'print file kept: its blob is still referenced');
      continue;
    }
    if (await storage.delete(hash)) deleted += 1;
  }
  return deleted;
}
