import { and, desc, eq, or, type SQL } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { scopeRegionOf } from '../accounts/scope.js';
import type { Db, DbOrTx } from '../db/client.js';
import { enqueueMessage } from '../mail/outbox.js';
import { orderMail } from './order-mails.js';
import {
  CLOSED_STATUSES,
  decideTransition,
  type OrderAction,
  type OrderStatus,
  userMaySeeOrder,
} from './order-rules.js';
import type { OrderView } from './order-schemas.js';
import { loadOrderView, loadOrderViews } from './order-view.js';
import { returnStock } from './stock.js';
import { orderEvents, orders } from './schema.js';

export type OrderLookup =
  | { ok: true; order: OrderView }
  | { ok: false; reason: 'not_found' | 'forbidden'; detail: string };

const orderWithRegion = {
  id: orders.id,
  status: orders.status,
  organisationId: orders.organisationId,
  organisation: { countyCode: organisations.countyCode, municipalityCode: organisations.municipalityCode },
};

/** One order, if the user may see it: its organisation's people see it, other members get not_found. */
export async function findOrderForUser(db: Db, user: SignedInUser, orderId: string): Promise<OrderLookup> {
  const [row] = await db
    .select(orderWithRegion)
    .from(orders)
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row || (!userMaySeeOrder(user, row) && user.role === 'member'))
    return { ok: false, reason: 'not_found', detail: 'No such order.' };
  if (!userMaySeeOrder(user, row))
    return { ok: false, reason: 'forbidden', detail: 'The ordering organisation is outside your scope.' };
  return { ok: true, order: await loadOrderView(db, row.id) };
}

/** Orders the user may see, newest first: members their organisation's, coordinators those in scope. */
export async function listOrdersForUser(
  db: Db,
  user: SignedInUser,
  filters: {
    status?: OrderStatus;
    campaignId?: string;
    organisationId?: string;
    limit: number;
    offset: number;
  },
): Promise<OrderView[]> {
  const where: SQL[] = [];
  const own = eq(orders.organisationId, user.organisationId ?? '00000000-0000-0000-0000-000000000000');
  if (user.role === 'member') where.push(own);
  else {
    const region = scopeRegionOf(user);
    if (region?.municipalityCode)
      where.push(or(own, eq(organisations.municipalityCode, region.municipalityCode)) as SQL);
    else if (region)
      where.push(or(own, eq(organisations.countyCode, region.countyCode ?? '__none__')) as SQL);
  }
  if (filters.status) where.push(eq(orders.status, filters.status));
  if (filters.campaignId) where.push(eq(orders.campaignId, filters.campaignId));
  if (filters.organisationId) where.push(eq(orders.organisationId, filters.organisationId));
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const views = await loadOrderViews(
    db,
    rows.map((row) => row.id),
  );
  return rows.flatMap((row) => views.get(row.id) ?? []);
}

export type StatusChangeResult =
  | { ok: true; order: OrderView }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'invalid_transition'; detail: string };

/**
 * Approves, rejects, cancels or ships an order, in one transaction with the order row locked:
 * the status, an event saying who and when, stock returned on reject and cancel, and the e-mail.
 */
export async function changeOrderStatus(
  db: Db,
  user: SignedInUser,
  orderId: string,
  action: OrderAction,
  note: string | null,
  now: Date,
): Promise<StatusChangeResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select(orderWithRegion)
      .from(orders)
      .innerJoin(organisations, eq(organisations.id, orders.organisationId))
      .where(eq(orders.id, orderId))
      .limit(1)
      .for('update', { of: orders });
    if (!row) return { ok: false, reason: 'not_found', detail: 'No such order.' };
    const decision = decideTransition(user, row, action);
    if (!decision.ok) return decision;
    if (decision.returnsStock) await returnStock(tx, row.id);
    const order = await recordTransition(tx, {
      orderId: row.id,
      from: row.status,
      to: decision.to,
      actorUserId: user.id,
      note,
      now,
    });
    return { ok: true, order };
  });
}

/** Moves locked orders to a status: the row, an event, and the e-mail; answers the updated view. */
export async function recordTransition(
  tx: DbOrTx,
  step: {
    orderId: string;
    from: OrderStatus;
    to: OrderStatus;
    actorUserId: string | null;
    note: string | null;
    now: Date;
    printBatchId?: string;
  },
): Promise<OrderView> {
  const closed = CLOSED_STATUSES.includes(step.to);
  await tx
    .update(orders)
    .set({
      status: step.to,
      updatedAt: step.now,
      ...(closed ? { closedAt: step.now } : {}),
      ...(step.printBatchId ? { printBatchId: step.printBatchId } : {}),
    })
    .where(eq(orders.id, step.orderId));
  await tx.insert(orderEvents).values({
    orderId: step.orderId,
    fromStatus: step.from,
    toStatus: step.to,
    actorUserId: step.actorUserId,
    note: step.note,
    at: step.now,
  });
  const view = await loadOrderView(tx, step.orderId);
  const mail = orderMail(step.to as Exclude<OrderStatus, 'submitted'>, view, step.note);
  if (mail) await enqueueMessage(tx, mail, step.now);
  return view;
}
