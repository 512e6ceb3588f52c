import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertAsset, pairingEnv, pairScreen, publishedCampaign, slideBody } from '../screens/screen-fixtures.js';

let t: TestContext;
let national: string;
let vastmanland: string;
let uppsala: string;
let member: string;
let arabicScreen: { screenId: string; token: string };
let finnishScreen: { screenId: string; token: string };
let nationalSlide: string;
let countySlide: string;

const november = { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] };
const week48 = { spans: [{ kind: 'isoWeek', week: 48 }] };

interface Preview {
  status: string;
  opensAt: string | null;
  nationalShare: number | null;
  configuredNationalShare: number;
  usedDefaultLoop: boolean;
  items: Array<{ slideId: string; tier: string; language: string; fallbackLanguageUsed: boolean; campaignSlug: string; media: { url: string } }>;
}

async function preview(screenId: string, at: string, token = vastmanland): Promise<Preview> {
  const response = await t.request(`/api/v1/screens/${screenId}/playlist?at=${encodeURIComponent(at)}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

const slideIds = (playlist: Preview) => new Set(playlist.items.map((item) => item.slideId));

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  const agency = await t.organisation({ kind: 'national_agency' });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token;
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  member = (await t.user({ role: 'member', organisationId: board.id })).token;

  const together = await publishedCampaign(t, national, { tier: 'national', airing: november, languages: ['sv', 'ar'] });
  const nationalAssets = [(await insertAsset(t, together, { language: 'sv' })).id, (await insertAsset(t, together, { language: 'ar' })).id];
  nationalSlide = (await (await t.request(`/api/v1/campaigns/${together}/slides`, { method: 'POST', token: national, json: slideBody(nationalAssets, { durationSeconds: 10 }) })).json()).id;

  const weekFree = await publishedCampaign(t, vastmanland, { tier: 'county', countyCode: '19', airing: week48 });
  const countyAsset = (await insertAsset(t, weekFree, { language: 'sv' })).id;
  const response = await t.request(`/api/v1/campaigns/${weekFree}/slides`, { method: 'POST', token: vastmanland, json: slideBody([countyAsset], { durationSeconds: 10 }) });
  countySlide = (await response.json()).id;

  arabicScreen = await pairScreen(t, vastmanland, { languages: ['ar', 'sv'] });
  finnishScreen = await pairScreen(t, vastmanland, { languages: ['fi'], municipalityCode: '1984' });
});
afterAll(() => t.close());

describe('what a screen plays at an instant', () => {
  it('mixes national and county slides, giving national ones at least the configured share', async () => {
    const playlist = await preview(arabicScreen.screenId, '2026-11-25T12:00:00+01:00');
    expect(playlist.status).toBe('playing');
    expect(new Set(playlist.items.map((item) => item.tier))).toEqual(new Set(['national', 'county']));
    expect(playlist.configuredNationalShare).toBe(0.5);
    expect(playlist.nationalShare).toBeGreaterThanOrEqual(0.5);
  });

  it('shows an Arabic screen the Arabic artwork and falls back to Swedish for a Finnish screen', async () => {
    const arabic = await preview(arabicScreen.screenId, '2026-11-25T12:00:00+01:00');
    const arabicNational = arabic.items.find((item) => item.slideId === nationalSlide);
    expect(arabicNational).toMatchObject({ language: 'ar', fallbackLanguageUsed: false });
    expect(arabic.items.find((item) => item.slideId === countySlide)).toMatchObject({ language: 'sv', fallbackLanguageUsed: false });
    const finnish = await preview(finnishScreen.screenId, '2026-11-25T12:00:00+01:00');
    expect(finnish.items.find((item) => item.slideId === nationalSlide)).toMatchObject({ language: 'sv', fallbackLanguageUsed: true });
  });

  it('starts the week-48 county slide on Monday 00:00 and ends it after Sunday 24:00, Stockholm time', async () => {
    // ISO week 48 of 2026 runs Monday 23 to Sunday 29 November; Stockholm is UTC+1 then.
    expect(slideIds(await preview(arabicScreen.screenId, '2026-11-22T23:59:59+01:00')).has(countySlide)).toBe(false);
    expect(slideIds(await preview(arabicScreen.screenId, '2026-11-23T00:00:00+01:00')).has(countySlide)).toBe(true);
    expect(slideIds(await preview(arabicScreen.screenId, '2026-11-29T23:59:59+01:00')).has(countySlide)).toBe(true);
    const monday = await preview(arabicScreen.screenId, '2026-11-30T00:00:00+01:00');
    expect(slideIds(monday).has(countySlide)).toBe(false);
    expect(slideIds(monday).has(nationalSlide)).toBe(true);
    const december = await preview(arabicScreen.screenId, '2026-12-01T00:00:00+01:00');
    expect(december.items).toEqual([]);
    expect(december.usedDefaultLoop).toBe(true);
  });

  it('hands a player the week-48 edge in its manifest, so it switches on time offline', async () => {
    t.clock.set('2026-11-22T20:30:00Z');
    const manifest = await (await t.request('/api/v1/screens/me/manifest', { token: arabicScreen.token })).json();
    const edge = '2026-11-22T23:00:00.000Z';
    const before = manifest.segments.find((segment: { end: string }) => segment.end === edge);
    const after = manifest.segments.find((segment: { start: string }) => segment.start === edge);
    const slidesOf = (segment: { loop: number[] }) => new Set(segment.loop.map((index) => manifest.items[index].slideId));
    expect(slidesOf(before).has(countySlide)).toBe(false);
    expect(slidesOf(after).has(countySlide)).toBe(true);
  });

  it('shows a closed shop as closed, with when it opens', async () => {
    const hours = { '1': [{ from: '08:00', to: '20:00' }], '2': [{ from: '08:00', to: '20:00' }], '3': [{ from: '08:00', to: '20:00' }] };
    expect((await t.request(`/api/v1/screens/${finnishScreen.screenId}`, { method: 'PATCH', token: vastmanland, json: { openingHours: hours } })).status).toBe(200);
    const night = await preview(finnishScreen.screenId, '2026-11-24T22:00:00+01:00');
    expect(night.status).toBe('closed');
    expect(night.opensAt).toBe('2026-11-25T07:00:00.000Z');
    expect((await preview(finnishScreen.screenId, '2026-11-25T09:00:00+01:00')).status).toBe('playing');
  });

  it("answers 404 for screens outside the caller's scope or unknown, 403 for members, 400 for a malformed instant", async () => {
    const path = `/api/v1/screens/${arabicScreen.screenId}/playlist`;
    expect((await t.request(`${path}?at=2026-11-25T12:00:00Z`, { token: uppsala })).status).toBe(404);
    expect((await t.request('/api/v1/screens/00000000-0000-4000-8000-000000000000/playlist', { token: vastmanland })).status).toBe(404);
    expect((await t.request(`${path}?at=2026-11-25T12:00:00Z`, { token: member })).status).toBe(403);
    expect((await t.request(`${path}?at=2026-11-25T12:00:00Z`)).status).toBe(401);
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '2026-11-25']) {
      const response = await t.request(`${path}?at=${encodeURIComponent(bad)}`, { token: vastmanland });
      expect(response.status).toBe(400);
    }
    expect((await t.request(`${path}?at=2026-11-25T12:00:00Z`, { token: national })).status).toBe(200);
  });
});
