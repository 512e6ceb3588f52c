import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../accounts/schema.js';
import { blobs } from '../assets/schema.js';
import { campaigns } from '../campaigns/schema.js';

/**
 * A rendered social-media pack: one zip per campaign, language and set of inputs. The inputs key
 * is the sha256 of everything that shapes the zip (artwork hashes, focal points, texts, size
 * table, renderer version), so an unchanged campaign is never rendered twice and any change
 * makes a new row. The zip itself is a content-addressed blob.
 */
export const packs = pgTable(
  'packs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    inputsKey: text('inputs_key').notNull(),
    zipHash: text('zip_hash')
      .notNull()
      .references(() => blobs.hash),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    fileCount: integer('file_count').notNull(),
    imageCount: integer('image_count').notNull(),
    renderedAt: timestamp('rendered_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('packs_campaign_language_inputs_unique').on(
      table.campaignId,
      table.language,
      table.inputsKey,
    ),
  ],
);

/**
 * One download of a pack, with where the downloader belongs, so coordinators can see reach per
 * organisation and county. Region codes are copied at download time: an organisation that moves
 * later does not rewrite history.
 */
export const packDownloads = pgTable(
  'pack_downloads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    countyCode: text('county_code'),
    municipalityCode: text('municipality_code'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('pack_downloads_campaign_idx').on(table.campaignId, table.at),
    index('pack_downloads_county_idx').on(table.campaignId, table.countyCode),
  ],
);
