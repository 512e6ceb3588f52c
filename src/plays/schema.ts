import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { screens, type HeartbeatState } from '../screens/schema.js';

/**
 * Proof of play: one row per showing, keyed by the player's own event id so a retried batch
 * inserts nothing twice. Slide, asset and campaign ids are plain values, not foreign keys, so
 * deleting a slide or asset never deletes the record that it was shown.
 *
 * Only the primary key is a B-tree: every extra B-tree costs each of the thousands of rows per
 * second that ingestion writes. Plays arrive roughly in time order, so small BRIN indexes serve
 * the day-range scans (rollups, today's live reach, pruning) and the "received since" scan of the
 * rollup job almost as well as B-trees would.
 */
export const plays = pgTable(
  'plays',
  {
    eventId: uuid('event_id').primaryKey(),
    screenId: uuid('screen_id').notNull(),
    slideId: uuid('slide_id'),
    assetId: uuid('asset_id'),
    campaignId: uuid('campaign_id'),
    countyCode: text('county_code').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('plays_started_brin').using('brin', table.startedAt),
    index('plays_received_brin').using('brin', table.receivedAt),
  ],
);

/** Daily totals per campaign, slide and region (local Swedish date), kept after plays are pruned. */
export const playRollups = pgTable(
  'play_rollups',
  {
    day: date('day', { mode: 'string' }).notNull(),
    campaignId: uuid('campaign_id').notNull(),
    slideId: uuid('slide_id').notNull(),
    countyCode: text('county_code').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    plays: integer('plays').notNull(),
    seconds: bigint('seconds', { mode: 'number' }).notNull(),
    screens: integer('screens').notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.day, table.campaignId, table.slideId, table.countyCode, table.municipalityCode],
    }),
  ],
);

/**
 * Daily totals per campaign and screen (local Swedish date). Reach reads these: distinct screens
 * per region cannot be summed from the per-slide rollups, but can be counted from these rows.
 * The screen id is a plain value too, so totals outlive a removed screen.
 */
export const playScreenDays = pgTable(
  'play_screen_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    campaignId: uuid('campaign_id').notNull(),
    screenId: uuid('screen_id').notNull(),
    countyCode: text('county_code').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    plays: integer('plays').notNull(),
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.day, table.campaignId, table.screenId, table.countyCode, table.municipalityCode],
    }),
  ],
);

/**
 * How far the rollup job has read: every play received before `receivedThrough` (less a margin
 * for transactions still committing) is counted in the rollups, so it may be pruned. One row.
 */
export const playRollupState = pgTable('play_rollup_state', {
  id: integer('id').primaryKey(),
  receivedThrough: timestamp('received_through', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Heartbeats as they arrive (pruned after a while; the latest is also kept on the screen). */
export const heartbeats = pgTable(
  'heartbeats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    screenId: uuid('screen_id')
      .notNull()
      .references(() => screens.id, { onDelete: 'cascade' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    state: jsonb('state').$type<HeartbeatState>().notNull(),
  },
  (table) => [
    index('heartbeats_screen_idx').on(table.screenId, table.receivedAt),
    index('heartbeats_received_brin').using('brin', table.receivedAt),
  ],
);
