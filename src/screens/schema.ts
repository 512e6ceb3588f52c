import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';

export const screenOrientation = pgEnum('screen_orientation', ['landscape', 'portrait']);
export const screenGroupKind = pgEnum('screen_group_kind', ['static', 'dynamic']);

/** Opening hours per ISO weekday (1 = Monday), local time of the screen. */
export type OpeningHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Array<{ from: string; to: string }>>>;

/** What a player last told us about itself. */
export interface HeartbeatState {
  playerVersion?: string;
  currentItem?: string | null;
  cachedItems?: number;
  cacheBytes?: number;
  freeStorageBytes?: number | null;
  manifestVersion?: string | null;
  clockOffsetMs?: number | null;
}

export const screens = pgTable(
  'screens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    storeCode: text('store_code'),
    chain: text('chain'),
    countyCode: text('county_code').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    orientation: screenOrientation('orientation').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Content languages in order of preference. */
    languages: text('languages').array().notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Stockholm'),
    openingHours: jsonb('opening_hours').$type<OpeningHours>(),
    playWhenClosed: boolean('play_when_closed').notNull().default(false),
    tags: text('tags').array().notNull().default([]),
    /** sha256 of the screen's bearer token; null until the player has collected its token. */
    tokenHash: text('token_hash').unique(),
    pairedBy: uuid('paired_by').references(() => users.id),
    pairedAt: timestamp('paired_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    lastHeartbeat: jsonb('last_heartbeat').$type<HeartbeatState>(),
    /** Set by the offline job when heartbeats stop; cleared by the next heartbeat. */
    offlineSince: timestamp('offline_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('screens_county_idx').on(table.countyCode), index('screens_municipality_idx').on(table.municipalityCode)],
);

/**
 * A short code a new player shows until a coordinator claims it. The player polls with a secret
 * only it knows; once claimed, that poll hands over the screen token exactly once.
 */
export const pairingCodes = pgTable(
  'pairing_codes',
  {
    code: text('code').primaryKey(),
    pollSecretHash: text('poll_secret_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    requesterIp: text('requester_ip'),
    claimedScreenId: uuid('claimed_screen_id').references(() => screens.id, { onDelete: 'cascade' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    tokenDeliveredAt: timestamp('token_delivered_at', { withTimezone: true }),
  },
  (table) => [index('pairing_codes_expires_idx').on(table.expiresAt)],
);

/** Static groups list screens; dynamic groups select them by a rule (tags, chains, regions). */
export interface ScreenGroupRule {
  tags?: string[];
  chains?: string[];
  countyCodes?: string[];
  municipalityCodes?: string[];
}

export const screenGroups = pgTable('screen_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: screenGroupKind('kind').notNull(),
  rule: jsonb('rule').$type<ScreenGroupRule>(),
  /** The region whose coordinators manage the group; null for national groups. */
  countyCode: text('county_code'),
  municipalityCode: text('municipality_code'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const screenGroupMembers = pgTable(
  'screen_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => screenGroups.id, { onDelete: 'cascade' }),
    screenId: uuid('screen_id')
      .notNull()
      .references(() => screens.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.screenId] }), index('screen_group_members_screen_idx').on(table.screenId)],
);
