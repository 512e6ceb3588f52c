import { asc, eq, inArray } from 'drizzle-orm';
import { organisations, users } from '../accounts/schema.js';
import { campaigns } from '../campaigns/schema.js';
import type { DbOrTx } from '../db/client.js';
import type { OrderView } from './order-schemas.js';
import { orderEvents, orderLines, orders, products } from './schema.js';

export type OrderRow = typeof orders.$inferSelect;

const STEP_RANK: Record<OrderRow['status'], number> = {
  submitted: 0,
  approved: 1,
  rejected: 1,
  sent_to_print: 2,
  shipped: 3,
  cancelled: 3,
};

/** Orders as the API shows them (lines, events with who, campaign and organisation names), by id. */
export async function loadOrderViews(db: DbOrTx, orderIds: string[]): Promise<Map<string, OrderView>> {
  const views = new Map<string, OrderView>();
  if (orderIds.length === 0) return views;
  const rows = await db
    .select({
      order: orders,
      organisation: { id: organisations.id, name: organisations.name },
      campaign: { id: campaigns.id, slug: campaigns.slug, title: campaigns.title },
    })
    .from(orders)
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .innerJoin(campaigns, eq(campaigns.id, orders.campaignId))
    .where(inArray(orders.id, orderIds));
  const lines = await db
    .select({ line: orderLines, title: products.title })
    .from(orderLines)
    .innerJoin(products, eq(products.id, orderLines.productId))
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(asc(orderLines.productCode), asc(orderLines.language));
  const events = await db
    .select({ event: orderEvents, actor: { id: users.id, name: users.name } })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorUserId))
    .where(inArray(orderEvents.orderId, orderIds))
    .orderBy(asc(orderEvents.at));
  // Steps taken within one instant (a test clock, one transaction) keep the life-cycle order.
  events.sort(
    (a, b) =>
      a.event.at.getTime() - b.event.at.getTime() ||
      STEP_RANK[a.event.toStatus] - STEP_RANK[b.event.toStatus],
  );
  for (const { order, organisation, campaign } of rows) {
    views.set(order.id, {
      id: order.id,
      status: order.status,
      seasonKey: order.seasonKey,
      campaign,
      organisation,
      lines: lines
        .filter(({ line }) => line.orderId === order.id)
        .map(({ line, title }) => ({
          productId: line.productId,
          productCode: line.productCode,
          language: line.language,
          title,
          quantity: line.quantity,
        })),
      deliveryAddress: order.deliveryAddress,
      addressSource: order.addressSource,
      contact: { name: order.contactName, email: order.contactEmail, phone: order.contactPhone },
      printBatchId: order.printBatchId,
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
      closedAt: order.closedAt?.toISOString() ?? null,
      personalDataPurgedAt: order.personalDataPurgedAt?.toISOString() ?? null,
      events: events
        .filter(({ event }) => event.orderId === order.id)
        .map(({ event, actor }) => ({
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          at: event.at.toISOString(),
          actor: actor?.id ? { id: actor.id, name: actor.name } : null,
          note: event.note,
        })),
    });
  }
  return views;
}

/** One order as the API shows it; throws when it does not exist (callers found it already). */
export async function loadOrderView(db: DbOrTx, orderId: string): Promise<OrderView> {
  const view = (await loadOrderViews(db, [orderId])).get(orderId);
  if (!view) throw new Error(`order ${orderId} vanished`);
  return view;
}
