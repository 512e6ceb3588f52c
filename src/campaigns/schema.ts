import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../i18n/languages.js';
import type { Window } from '../windows/window-schema.js';
import { organisations } from '../accounts/schema.js';

export const campaignTier = pgEnum('campaign_tier', ['national', 'county', 'local']);
export const campaignStatus = pgEnum('campaign_status', ['draft', 'published', 'archived']);

/** A support line or service shown with a campaign (Kvinnofridslinjen and the like). */
export interface SupportContact {
  name: LocalizedText;
  phone?: string;
  url?: string;
  hours?: LocalizedText;
}

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    summary: jsonb('summary').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    tier: campaignTier('tier').notNull(),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The region the campaign belongs to, copied from the owner so scope checks need no join. */
    countyCode: text('county_code'),
    municipalityCode: text('municipality_code'),
    languages: text('languages').array().notNull(),
    audience: text('audience').array().notNull().default([]),
    status: campaignStatus('status').notNull().default('draft'),
    airing: jsonb('airing').$type<Window>().notNull(),
    ordering: jsonb('ordering').$type<Window>(),
    support: jsonb('support').$type<SupportContact[]>().notNull().default([]),
    /** Per declared language, why slides may lack a variant in it (the publish gate accepts it then). */
    languageExemptions: jsonb('language_exemptions').$type<Partial<Record<string, string>>>(),
    /** 'definition' when imported from campaigns/, with the hash of the file it came from. */
    source: text('source').notNull().default('api'),
    definitionHash: text('definition_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (table) => [
    index('campaigns_status_idx').on(table.status),
    index('campaigns_county_idx').on(table.countyCode),
  ],
);
