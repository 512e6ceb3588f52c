import { and, eq, isNull, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { assets } from '../../src/assets/schema.js';
import { events } from '../../src/events/schema.js';
import { publishedCampaign } from '../screens/screen-fixtures.js';
import type { TestContext } from '../support/test-app.js';

/** ISO week 48 every year: 23–29 November 2026. */
export const WEEK_48 = { spans: [{ kind: 'isoWeek', week: 48 }] };

/** The people of a county-19 world: coordinators of three scopes, one of another county, a member. */
export interface People {
  national: string;
  vastmanland: string;
  uppsala: string;
  vasteras: string;
  member: string;
}

/** Creates the coordinators and a member used by the events tests; answers their API tokens. */
export async function createPeople(t: TestContext): Promise<People> {
  const agency = await t.organisation({ kind: 'national_agency' });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  return {
    national: (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token,
    vastmanland: (
      await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })
    ).token,
    uppsala: (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token,
    vasteras: (await t.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1980' }))
      .token,
    member: (await t.user({ role: 'member', organisationId: board.id })).token,
  };
}

/** A published county-19 campaign airing in week 48, in Swedish and English; answers its id. */
export function weekCampaign(
  t: TestContext,
  token: string,
  input: Record<string, unknown> = {},
): Promise<string> {
  return publishedCampaign(t, token, {
    tier: 'county',
    countyCode: '19',
    airing: WEEK_48,
    languages: ['sv', 'en'],
    title: { sv: 'En vecka fri från våld', en: 'A week free from violence' },
    ...input,
  });
}

/** A valid event body for county 19 on Tuesday 24 November 2026, 18:00–19:30 in Arboga. */
export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    countyCode: '19',
    title: {
      sv: 'Män, maskulinitet, varför slår män och vad kan vi göra åt det',
      en: 'Men, masculinity and violence',
    },
    audience: { sv: 'Allmänheten', en: 'The public' },
    startDate: '2026-11-24',
    startTime: '18:00',
    endTime: '19:30',
    place: { kind: 'venue', name: 'Biblioteket, Musikrummet', address: 'Arboga' },
    registration: { email: 'anmalan@arboga.example' },
    ...overrides,
  };
}

/** Posts an event and answers its JSON, expecting 201. */
export async function postEvent(
  t: TestContext,
  token: string,
  campaignId: string,
  body: Record<string, unknown>,
) {
  const response = await t.request(`/api/v1/campaigns/${campaignId}/events`, {
    method: 'POST',
    token,
    json: body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

/** A problem+json answer, as far as the events tests read it. */
export interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

/** How many events and live assets there are, to show that a refusal wrote nothing. */
export async function rowCounts(
  t: TestContext,
): Promise<{ events: number; liveEvents: number; assets: number }> {
  const db = t.database.db;
  const [all] = await db.select({ n: sql<number>`count(*)::int` }).from(events);
  const [live] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(isNull(events.deletedAt));
  const [files] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assets)
    .where(isNull(assets.deletedAt));
  return { events: all?.n ?? 0, liveEvents: live?.n ?? 0, assets: files?.n ?? 0 };
}

/** The live assets of a campaign. */
export function liveAssetsOf(t: TestContext, campaignId: string) {
  return t.database.db
    .select()
    .from(assets)
    .where(and(eq(assets.campaignId, campaignId), isNull(assets.deletedAt)));
}
