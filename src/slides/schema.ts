import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { assets } from '../assets/schema.js';
import { campaigns } from '../campaigns/schema.js';
import type { Window } from '../windows/window-schema.js';

export const slideFit = pgEnum('slide_fit', ['cover', 'contain']);

/** Which screens a slide reaches; empty or absent lists mean "all". */
export interface SlideTargeting {
  counties?: string[];
  municipalities?: string[];
  groups?: string[];
  tags?: string[];
  chains?: string[];
  orientation?: 'landscape' | 'portrait';
}

export const slides = pgTable(
  'slides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    name: text('name').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    /** The slide's own window, inside the campaign's airing window; null = the campaign's. */
    window: jsonb('window').$type<Window>(),
    targeting: jsonb('targeting').$type<SlideTargeting>().notNull().default({}),
    fit: slideFit('fit').notNull().default('contain'),
    /** A locked national slide can never be pushed out of a loop by lower tiers. */
    locked: boolean('locked').notNull().default(false),
    position: integer('position').notNull().default(0),
    /** Part of the default loop that plays when nothing else is scheduled. */
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [index('slides_campaign_idx').on(table.campaignId)],
);

/** The asset variants of a slide (one per language and orientation). */
export const slideAssets = pgTable(
  'slide_assets',
  {
    slideId: uuid('slide_id')
      .notNull()
      .references(() => slides.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
  },
  (table) => [primaryKey({ columns: [table.slideId, table.assetId] })],
);

/**
 * One row whose version is bumped (in the same transaction) by every change that can alter a
 * manifest: slides, assets, campaigns, screens, groups. Instances compare it (and LISTEN for its
 * notifications) to drop cached manifests, so a change made through one instance reaches screens
 * polling another.
 */
export const scheduleVersion = pgTable('schedule_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
