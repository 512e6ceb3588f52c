import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { type Region, scopeCoversRegion, scopeRegionOf } from '../accounts/scope.js';
import { blobs } from '../assets/schema.js';
import type { Db, DbOrTx } from '../db/client.js';
import type { BlobStore } from '../media/storage.js';
import type { OrderView } from './order-schemas.js';
import { loadOrderViews } from './order-view.js';
import { recordTransition } from './orders-service.js';
import { type PrintDelivery, renderOrderSheetPdf, renderPrintCsv } from './print-files.js';
import { orders, printBatches } from './schema.js';

export type PrintBatchRow = typeof printBatches.$inferSelect;

export type CreatePrintBatchResult =
  | { ok: true; batch: PrintBatchRow }
  | { ok: false; reason: 'no_approved_orders' | 'forbidden'; detail: string };

/** Who makes a batch: a coordinator (their scope's orders) or the daily job (all orders). */
export type Batcher = SignedInUser | 'system';

/** The region a batch made by this batcher covers; null, null for national. */
function batchRegionOf(batcher: Batcher): Region {
  if (batcher === 'system') return { countyCode: null, municipalityCode: null };
  return scopeRegionOf(batcher) ?? { countyCode: null, municipalityCode: null };
}

/** The delivery a print batch page and CSV rows are made from. */
function deliveryOf(view: OrderView): PrintDelivery {
  return {
    orderId: view.id,
    organisationName: view.organisation.name,
    campaignTitle: view.campaign.title.sv ?? '',
    address: view.deliveryAddress,
    contactName: view.contact.name,
    contactPhone: view.contact.phone,
    lines: view.lines.map((line) => ({
      productCode: line.productCode,
      language: line.language,
      title: line.title.sv ?? line.productCode,
      quantity: line.quantity,
    })),
  };
}

/** Stores bytes as a blob (file and row); content-addressed, so storing twice is harmless. */
async function storeBlob(tx: DbOrTx, storage: BlobStore, bytes: Uint8Array, mime: string, now: Date) {
  const stored = await storage.put(bytes);
  await tx
    .insert(blobs)
    .values({ hash: stored.hash, bytes: stored.bytes, mime, createdAt: now })
    .onConflictDoNothing();
  return stored;
}

/**
 * Gathers the approved orders in the batcher's scope into a print batch: the order sheet PDF
 * (one page per delivery) and the print shop's CSV stored as blobs, the orders moved to
 * sent_to_print with an event and an e-mail each, all in one transaction. Orders are locked with
 * SKIP LOCKED, so two batchers at once never take the same order. No approved orders, no batch.
 */
export async function createPrintBatch(
  db: Db,
  storage: BlobStore,
  batcher: Batcher,
  now: Date,
): Promise<CreatePrintBatchResult> {
  if (
    batcher !== 'system' &&
    batcher.role !== 'admin' &&
    !(batcher.role === 'coordinator' && batcher.scope)
  ) {
    return { ok: false, reason: 'forbidden', detail: 'Only coordinators and admins make print batches.' };
  }
  const region = batchRegionOf(batcher);
  return db.transaction(async (tx) => {
    const where: SQL[] = [eq(orders.status, 'approved')];
    if (region.municipalityCode) where.push(eq(organisations.municipalityCode, region.municipalityCode));
    else if (region.countyCode) where.push(eq(organisations.countyCode, region.countyCode));
    const picked = await tx
      .select({ id: orders.id })
      .from(orders)
      .innerJoin(organisations, eq(organisations.id, orders.organisationId))
      .where(and(...where))
      .orderBy(asc(orders.createdAt), asc(orders.id))
      .for('update', { of: orders, skipLocked: true });
    if (picked.length === 0)
      return {
        ok: false,
        reason: 'no_approved_orders',
        detail: 'There are no approved orders to print in your scope.',
      };

    const views = await loadOrderViews(
      tx,
      picked.map((row) => row.id),
    );
    const deliveries = picked.flatMap((row) => {
      const view = views.get(row.id);
      return view ? [deliveryOf(view)] : [];
    });
    const [draft] = await tx
      .insert(printBatches)
      .values({
        ...region,
        createdBy: batcher === 'system' ? null : batcher.id,
        orderCount: deliveries.length,
        lineCount: deliveries.reduce((sum, delivery) => sum + delivery.lines.length, 0),
        copies: deliveries.reduce(
          (sum, delivery) => sum + delivery.lines.reduce((copies, line) => copies + line.quantity, 0),
          0,
        ),
        createdAt: now,
      })
      .returning();
    if (!draft) throw new Error('print batch insert returned nothing');
    const pdf = await storeBlob(
      tx,
      storage,
      await renderOrderSheetPdf(draft, deliveries),
      'application/pdf',
      now,
    );
    const csv = await storeBlob(
      tx,
      storage,
      new TextEncoder().encode(renderPrintCsv(deliveries)),
      'text/csv',
      now,
    );
    const [batch] = await tx
      .update(printBatches)
      .set({ pdfHash: pdf.hash, pdfBytes: pdf.bytes, csvHash: csv.hash, csvBytes: csv.bytes })
      .where(eq(printBatches.id, draft.id))
      .returning();
    if (!batch) throw new Error('print batch vanished');
    const actorUserId = batcher === 'system' ? null : batcher.id;
    for (const delivery of deliveries) {
      await recordTransition(tx, {
        orderId: delivery.orderId,
        from: 'approved',
        to: 'sent_to_print',
        actorUserId,
        note: null,
        now,
        printBatchId: batch.id,
      });
    }
    return { ok: true, batch };
  });
}

/** Whether a user may see a batch: its region must be inside the user's scope (national ones: national scope). */
export function userMaySeeBatch(
  user: SignedInUser,
  batch: Pick<PrintBatchRow, 'countyCode' | 'municipalityCode'>,
): boolean {
  return scopeCoversRegion(user, batch);
}

/** Print batches the user may see, newest first. */
export async function listPrintBatches(db: Db, user: SignedInUser, limit: number): Promise<PrintBatchRow[]> {
  const rows = await db
    .select()
    .from(printBatches)
    .orderBy(desc(printBatches.createdAt), desc(printBatches.id));
  return rows.filter((row) => userMaySeeBatch(user, row)).slice(0, limit);
}

/** One batch, if the user may see it (others answer not found). */
export async function findPrintBatch(db: Db, user: SignedInUser, id: string): Promise<PrintBatchRow | null> {
  const [row] = await db.select().from(printBatches).where(eq(printBatches.id, id)).limit(1);
  return row && userMaySeeBatch(user, row) ? row : null;
}

/** Ids of the orders a batch carries, in the order of its pages. */
export async function orderIdsOfBatch(db: Db, batchId: string): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.printBatchId, batchId))
    .orderBy(asc(orders.createdAt), asc(orders.id));
  return rows.map((row) => row.id);
}
