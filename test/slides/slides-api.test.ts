import { count, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleVersion, slides } from '../../src/slides/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertAsset, publishedCampaign, slideBody } from '../screens/screen-fixtures.js';

let t: TestContext;
let national: string;
let vastmanland: string;
let uppsala: string;
let member: string;
let nationalCampaign: string;
let countyCampaign: string;
let uppsalaCampaign: string;
let image: string;
let uppsalaImage: string;

const week48 = { spans: [{ kind: 'isoWeek', week: 48 }] };
const november = { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] };

async function liveSlides(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(slides).where(isNull(slides.deletedAt));
  return row?.n ?? 0;
}

async function storedVersion(): Promise<number> {
  const [row] = await t.database.db.select({ version: scheduleVersion.version }).from(scheduleVersion);
  return row?.version ?? 0;
}

const post = (campaign: string, token: string | undefined, json: unknown) =>
  t.request(`/api/v1/campaigns/${campaign}/slides`, { method: 'POST', token, json });

beforeAll(async () => {
  t = await createTestContext();
  const agency = await t.organisation({ kind: 'national_agency' });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  const uppsalaBoard = await t.organisation({ kind: 'county_board', countyCode: '03' });
  national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token;
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03', organisationId: uppsalaBoard.id })).token;
  member = (await t.user({ role: 'member', organisationId: board.id })).token;
  nationalCampaign = await publishedCampaign(t, national, { tier: 'national', airing: november });
  countyCampaign = await publishedCampaign(t, vastmanland, { tier: 'county', countyCode: '19', airing: week48 });
  uppsalaCampaign = await publishedCampaign(t, uppsala, { tier: 'county', countyCode: '03', airing: week48 });
  image = (await insertAsset(t, countyCampaign)).id;
  uppsalaImage = (await insertAsset(t, uppsalaCampaign)).id;
});
afterAll(() => t.close());

describe('slides', () => {
  it('puts a campaign asset on screens, keeping a county slide inside its county', async () => {
    const before = await storedVersion();
    const sv = image;
    const ar = (await insertAsset(t, countyCampaign, { language: 'ar' })).id;
    const response = await post(countyCampaign, vastmanland, slideBody([sv, ar], { durationSeconds: 12, targeting: { tags: ['entrance'] } }));
    expect(response.status).toBe(201);
    const slide = await response.json();
    expect(slide).toMatchObject({ campaignId: countyCampaign, tier: 'county', durationSeconds: 12, fit: 'contain', isDefault: false });
    expect(slide.targeting).toEqual({ tags: ['entrance'], counties: ['19'] });
    expect(slide.languages.sort()).toEqual(['ar', 'sv']);
    expect(await storedVersion()).toBeGreaterThan(before);

    const listed = await (await t.request(`/api/v1/campaigns/${countyCampaign}/slides`, { token: vastmanland })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(slide.id);
    expect((await t.request(`/api/v1/slides/${slide.id}`, { token: uppsala })).status).toBe(200);
  });

  it('changes and deletes a slide, bumping the schedule version each time', async () => {
    const slide = await (await post(countyCampaign, vastmanland, slideBody([image]))).json();
    const before = await storedVersion();
    const patched = await t.request(`/api/v1/slides/${slide.id}`, {
      method: 'PATCH',
      token: vastmanland,
      json: { durationSeconds: 20, window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: '16:00', to: '21:00' }] } },
    });
    expect(patched.status).toBe(200);
    expect((await patched.json()).durationSeconds).toBe(20);
    expect(await storedVersion()).toBeGreaterThan(before);
    expect((await t.request(`/api/v1/slides/${slide.id}`, { method: 'DELETE', token: uppsala })).status).toBe(403);
    expect((await t.request(`/api/v1/slides/${slide.id}`, { method: 'DELETE', token: vastmanland })).status).toBe(204);
    expect((await t.request(`/api/v1/slides/${slide.id}`, { token: vastmanland })).status).toBe(404);
  });

  it('refuses a malformed slide with each failing field, and writes nothing', async () => {
    const before = await liveSlides();
    const version = await storedVersion();
    const response = await post(countyCampaign, vastmanland, {
      name: '',
      assetIds: ['not-a-uuid'],
      durationSeconds: 2,
      targeting: { counties: ['99'], orientation: 'sideways' },
      window: { spans: [] },
    });
    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'assetIds.0', 'durationSeconds', 'targeting.counties.0', 'targeting.orientation', 'window.spans']));
    expect((await post(countyCampaign, vastmanland, slideBody([image], { durationSeconds: 301 }))).status).toBe(400);
    expect(await liveSlides()).toBe(before);
    expect(await storedVersion()).toBe(version);
  });

  it("refuses assets of another campaign, print files and unknown assets (422), and writes nothing", async () => {
    const before = await liveSlides();
    const foreign = await post(countyCampaign, vastmanland, slideBody([image, uppsalaImage]));
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).code).toBe('invalid_assets');
    const pdf = (await insertAsset(t, countyCampaign, { kind: 'pdf' })).id;
    expect((await post(countyCampaign, vastmanland, slideBody([pdf]))).status).toBe(422);
    expect((await post(countyCampaign, vastmanland, slideBody(['00000000-0000-4000-8000-000000000000']))).status).toBe(422);
    const existing = await (await post(countyCampaign, vastmanland, slideBody([image]))).json();
    const patch = await t.request(`/api/v1/slides/${existing.id}`, { method: 'PATCH', token: vastmanland, json: { assetIds: [uppsalaImage] } });
    expect(patch.status).toBe(422);
    const unchanged = await (await t.request(`/api/v1/slides/${existing.id}`, { token: vastmanland })).json();
    expect(unchanged.variants.map((variant: { assetId: string }) => variant.assetId)).toEqual([image]);
    expect(await liveSlides()).toBe(before + 1);
  });

  it("keeps coordinators to their scope: no other county's campaign, no targeting outside the county (403)", async () => {
    const before = await liveSlides();
    expect((await post(uppsalaCampaign, vastmanland, slideBody([uppsalaImage]))).status).toBe(403);
    expect((await post(countyCampaign, vastmanland, slideBody([image], { targeting: { counties: ['03'] } }))).status).toBe(403);
    expect((await post(countyCampaign, vastmanland, slideBody([image], { targeting: { municipalities: ['0380'] } }))).status).toBe(403);
    expect((await post(nationalCampaign, vastmanland, slideBody([image]))).status).toBe(403);
    expect((await post(countyCampaign, member, slideBody([image]))).status).toBe(403);
    expect((await post(countyCampaign, undefined, slideBody([image]))).status).toBe(401);
    const groupless = await post(countyCampaign, vastmanland, slideBody([image], { targeting: { groups: ['00000000-0000-4000-8000-000000000000'] } }));
    expect(groupless.status).toBe(422);
    expect(await liveSlides()).toBe(before);
    const ownMunicipality = await post(countyCampaign, vastmanland, slideBody([image], { targeting: { municipalities: ['1984'] } }));
    expect(ownMunicipality.status).toBe(201);
    expect((await ownMunicipality.json()).targeting).toEqual({ municipalities: ['1984'] });
  });

  it('lets only national campaigns feed the default loop', async () => {
    const support = (await insertAsset(t, nationalCampaign)).id;
    const ok = await post(nationalCampaign, national, slideBody([support], { isDefault: true, locked: true }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).isDefault).toBe(true);
    const refused = await post(countyCampaign, vastmanland, slideBody([image], { isDefault: true }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).code).toBe('invalid_default');
  });
});
