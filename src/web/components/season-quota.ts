import type { SignedInUser } from '../../accounts/actor.js';
import type { Db } from '../../db/client.js';
import { COUNTING_STATUSES } from '../../orders/order-rules.js';
import { listOrdersForUser } from '../../orders/orders-service.js';
import type { ProductRow } from '../../orders/products-service.js';

/**
 * Copies of each product the person's organisation has ordered in this campaign's current season,
 * in orders that still count, so the form can show the quota left before anyone starts typing.
 * (Display only: the order service counts again, under a lock, when the order is placed.)
 */
export async function copiesOrderedThisSeason(
  db: Db,
  user: SignedInUser,
  campaignId: string,
  seasonKey: string,
): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  if (!user.organisationId) return used;
  const orders = await listOrdersForUser(db, user, {
    campaignId,
    organisationId: user.organisationId,
    limit: 500,
    offset: 0,
  });
  for (const order of orders) {
    if (order.seasonKey !== seasonKey || !COUNTING_STATUSES.includes(order.status)) continue;
    for (const line of order.lines) used.set(line.productId, (used.get(line.productId) ?? 0) + line.quantity);
  }
  return used;
}

/** Copies left of a product's season quota, or null when it has none. */
export function quotaLeft(product: ProductRow, used: Map<string, number>): number | null {
  if (product.quotaPerOrganisation === null) return null;
  return Math.max(0, product.quotaPerOrganisation - (used.get(product.id) ?? 0));
}
