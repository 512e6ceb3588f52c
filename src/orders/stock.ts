import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { orderLines, products } from './schema.js';

type ProductRow = typeof products.$inferSelect;

/**
 * Takes copies from stock with one conditional decrement per product (never below zero), in
 * product id order so two orders lock rows in the same order and cannot deadlock. Products
 * without a stock limit are not touched. Answers the first line that did not fit, or null; the
 * caller rolls back on a shortage, undoing earlier decrements.
 */
export async function takeStock(
  tx: DbOrTx,
  lines: Array<{ product: ProductRow; quantity: number }>,
): Promise<{ code: string; language: string; quantity: number } | null> {
  const limited = lines
    .filter(({ product }) => product.stock !== null)
    .sort((a, b) => (a.product.id < b.product.id ? -1 : 1));
  for (const { product, quantity } of limited) {
    const taken = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${quantity}` })
      .where(and(eq(products.id, product.id), or(isNull(products.stock), gte(products.stock, quantity))))
      .returning({ stock: products.stock });
    if (taken.length === 0) return { code: product.code, language: product.language, quantity };
  }
  return null;
}

/** Puts an order's copies back in stock (rejected or cancelled orders), in product id order. */
export async function returnStock(tx: DbOrTx, orderId: string): Promise<void> {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  for (const line of lines.sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.quantity}` })
      .where(and(eq(products.id, line.productId), sql`${products.stock} is not null`));
  }
}
