import {
  boolean,
  date,
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
import { users } from '../accounts/schema.js';
import { campaigns } from '../campaigns/schema.js';
import type { LocalizedText } from '../i18n/languages.js';
import { slides } from '../slides/schema.js';

export const eventPlaceKind = pgEnum('event_place_kind', ['venue', 'online']);

/**
 * A dated activity of a campaign in one county (the week-48 programme). Times are kept as the
 * coordinator wrote them (local date and clock time in Europe/Stockholm) and, derived from them,
 * as instants for ordering and for deciding what is past.
 */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    countyCode: text('county_code').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>(),
    audience: jsonb('audience').$type<LocalizedText>(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** 'HH:MM' local; null for an event that lasts the whole day (or days). */
    startTime: text('start_time'),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    endTime: text('end_time'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** Null when only a start time was given. */
    endsAt: timestamp('ends_at', { withTimezone: true }),
    placeKind: eventPlaceKind('place_kind').notNull(),
    placeName: text('place_name'),
    placeAddress: text('place_address'),
    /** Venues: the municipality (kommun) the venue is in, always one of the event's county. */
    placeMunicipalityCode: text('place_municipality_code'),
    /** Online events: the https address where one watches. */
    placeUrl: text('place_url'),
    registrationRequired: boolean('registration_required').notNull().default(false),
    /** The last local day registrations are taken (inclusive). */
    registrationDeadline: date('registration_deadline', { mode: 'string' }),
    registrationUrl: text('registration_url'),
    registrationEmail: text('registration_email'),
    cancelled: boolean('cancelled').notNull().default(false),
    /** Counts changes, so calendars that subscribed (iCal SEQUENCE) take the newest version. */
    revision: integer('revision').notNull().default(0),
    /** Imported events: their key in the campaign's events.json, and the hash of what was imported. */
    sourceKey: text('source_key'),
    /** Null once people changed the event through the API: a re-import then leaves it alone. */
    sourceHash: text('source_hash'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Deleted events are kept (marked) so a re-import of the demo programme does not bring them back. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    index('events_campaign_county_idx').on(table.campaignId, table.countyCode, table.startsAt),
    index('events_county_starts_idx').on(table.countyCode, table.startsAt),
    uniqueIndex('events_source_key_unique').on(table.campaignId, table.sourceKey),
  ],
);

/**
 * The generated programme slide of one campaign in one county, with the hash of what it was
 * rendered from: an unchanged programme renders nothing new.
 */
export const eventSlides = pgTable(
  'event_slides',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    countyCode: text('county_code').notNull(),
    slideId: uuid('slide_id').references(() => slides.id),
    contentHash: text('content_hash'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.countyCode] })],
);
