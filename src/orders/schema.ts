import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, type PostalAddress, users } from '../accounts/schema.js';
import { assets, blobs } from '../assets/schema.js';
import { campaigns } from '../campaigns/schema.js';
import type { LocalizedText } from '../i18n/languages.js';

export const productKind = pgEnum('product_kind', [
  'poster_a3',
  'poster_a4',
  'flyer_a5',
  'sticker',
  'support_kit',
]);

export const orderStatus = pgEnum('order_status', [
  'submitted',
  'approved',
  'rejected',
  'sent_to_print',
  'shipped',
  'cancelled',
]);

/** An orderable printed item of one campaign in one language. */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The print shop's article code, e.g. "sir-poster-a3"; unique per campaign and language. */
    code: text('code').notNull(),
    kind: productKind('kind').notNull(),
    language: text('language').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>(),
    printAssetId: uuid('print_asset_id')
      .notNull()
      .references(() => assets.id),
    previewAssetId: uuid('preview_asset_id')
      .notNull()
      .references(() => assets.id),
    maxPerOrder: integer('max_per_order').notNull(),
    /** Copies one organisation may order per ordering season, over all its orders; null = no quota. */
    quotaPerOrganisation: integer('quota_per_organisation'),
    /** Copies left; null = not stock-limited (printed on demand). Never negative. */
    stock: integer('stock'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('products_campaign_code_language_unique').on(table.campaignId, table.code, table.language),
    check('products_stock_not_negative', sql`${table.stock} is null or ${table.stock} >= 0`),
    check('products_max_per_order_positive', sql`${table.maxPerOrder} > 0`),
  ],
);

/** A batch of approved orders handed to the print shop, with its order sheet (PDF) and CSV. */
export const printBatches = pgTable(
  'print_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The region the batch was made for (null, null = national); decides who may see it. */
    countyCode: text('county_code'),
    municipalityCode: text('municipality_code'),
    /** Null when made by the daily job. */
    createdBy: uuid('created_by').references(() => users.id),
    orderCount: integer('order_count').notNull(),
    lineCount: integer('line_count').notNull(),
    copies: integer('copies').notNull(),
    /** Null once the files were deleted with the personal data of the batch's orders. */
    pdfHash: text('pdf_hash').references(() => blobs.hash),
    pdfBytes: bigint('pdf_bytes', { mode: 'number' }),
    csvHash: text('csv_hash').references(() => blobs.hash),
    csvBytes: bigint('csv_bytes', { mode: 'number' }),
    filesPurgedAt: timestamp('files_purged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('print_batches_created_idx').on(table.createdAt)],
);

/** An organisation's order for one campaign, with a snapshot of where it goes and who to ask. */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The local start date of the ordering window's occurrence (e.g. 2026-12-15); quotas count per season. */
    seasonKey: text('season_key').notNull(),
    status: orderStatus('status').notNull().default('submitted'),
    /** Copied from the organisation or given once; never written back to the organisation. */
    deliveryAddress: jsonb('delivery_address').$type<PostalAddress>().notNull(),
    addressSource: text('address_source').$type<'organisation_default' | 'one_off'>().notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdBy: uuid('created_by').references(() => users.id),
    printBatchId: uuid('print_batch_id').references(() => printBatches.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** When the order reached shipped, rejected or cancelled: the retention clock starts here. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    personalDataPurgedAt: timestamp('personal_data_purged_at', { withTimezone: true }),
  },
  (table) => [
    index('orders_organisation_season_idx').on(table.organisationId, table.campaignId, table.seasonKey),
    index('orders_status_idx').on(table.status),
    index('orders_batch_idx').on(table.printBatchId),
  ],
);

/** One product and quantity of an order; code and language are copied for the print shop. */
export const orderLines = pgTable(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    productCode: text('product_code').notNull(),
    language: text('language').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    index('order_lines_product_idx').on(table.productId),
    check('order_lines_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

/** Every status an order went through: from what, to what, by whom (null = the system) and when. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('order_events_order_idx').on(table.orderId, table.at)],
);

/**
 * Idempotency-Key records for order creation, per organisation: the request's hash and the answer
 * given, so a retry gets the same answer and a reused key with another body is refused.
 */
export const orderIdempotencyKeys = pgTable(
  'order_idempotency_keys',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organisationId, table.key] }),
    index('order_idempotency_created_idx').on(table.createdAt),
  ],
);
