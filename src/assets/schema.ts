import { bigint, date, index, integer, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { campaigns } from '../campaigns/schema.js';

export const assetKind = pgEnum('asset_kind', ['image', 'video', 'pdf']);
export const assetOrientation = pgEnum('asset_orientation', ['landscape', 'portrait', 'any']);

/** Every stored file, by content hash. Renditions and masters both live here. */
export const blobs = pgTable('blobs', {
  hash: text('hash').primaryKey(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    kind: assetKind('kind').notNull(),
    format: text('format').notNull(),
    /** The normalised master (oriented, metadata stripped); for video and PDF the file itself. */
    masterHash: text('master_hash')
      .notNull()
      .references(() => blobs.hash),
    /** The hash of the bytes as uploaded, so the same upload twice is recognised. */
    uploadHash: text('upload_hash').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    language: text('language').notNull(),
    altText: text('alt_text'),
    title: text('title'),
    focalX: real('focal_x'),
    focalY: real('focal_y'),
    orientation: assetOrientation('orientation').notNull().default('any'),
    purposes: text('purposes').array().notNull().default([]),
    rightsExpiry: date('rights_expiry', { mode: 'string' }),
    /** Definition assets carry their source path so a re-import finds them. */
    sourceKey: text('source_key'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    index('assets_campaign_idx').on(table.campaignId),
    uniqueIndex('assets_source_key_unique').on(table.campaignId, table.sourceKey),
  ],
);

export const renditions = pgTable(
  'renditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    hash: text('hash')
      .notNull()
      .references(() => blobs.hash),
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
  },
  (table) => [
    uniqueIndex('renditions_asset_name_format_unique').on(table.assetId, table.name, table.format),
    index('renditions_hash_idx').on(table.hash),
  ],
);
