import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignRow } from '../../src/campaigns/campaigns-service.js';
import { renderUpcomingPacks } from '../../src/packs/pack-jobs.js';
import { PLATFORM_SIZES } from '../../src/packs/platform-sizes.js';
import { packDownloads, packs } from '../../src/packs/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertCampaign, insertSocialAsset, makeArtwork, unpackZip } from './pack-fixtures.js';

const BEFORE_WINDOW = '2026-12-01T10:00:00Z';
const IN_WINDOW = '2027-01-10T10:00:00Z';
const AFTER_RIGHTS = '2027-02-10T10:00:00Z';

let t: TestContext;
let campaign: CampaignRow;
let county19Campaign: CampaignRow;
let school: { token: string; organisationId: string };
let schoolColleague: string;
let club: { token: string; organisationId: string };
let vastmanland: string;
let uppsala: string;
let national: string;

async function download(
  language: string,
  token?: string,
  headers: Record<string, string> = {},
  id = campaign.id,
) {
  return t.request(`/api/v1/campaigns/${id}/packs/${language}.zip`, { token, headers });
}

beforeAll(async () => {
  t = await createTestContext();
  campaign = await insertCampaign(t);
  county19Campaign = await insertCampaign(t, { tier: 'county', countyCode: '19' });
  const image = await makeArtwork(900, 700, { seed: 11 });
  await insertSocialAsset(t, campaign.id, image, {
    language: 'sv',
    altText: 'Bild ett',
    focal: { x: 0.3, y: 0.4 },
  });
  await insertSocialAsset(t, campaign.id, await makeArtwork(700, 900, { seed: 12 }), {
    language: 'sv',
    altText: 'Bild två, rättigheter till 31 januari',
    rightsExpiry: '2027-01-31',
  });
  await insertSocialAsset(t, campaign.id, await makeArtwork(800, 800, { seed: 13 }), {
    language: 'ar',
    altText: 'صورة',
    rightsExpiry: '2027-01-31',
  });
  await insertSocialAsset(t, county19Campaign.id, image, { language: 'sv', altText: 'Länets bild' });

  const schoolOrg = await t.organisation({ kind: 'school', municipalityCode: '1980' });
  const clubOrg = await t.organisation({ kind: 'association', municipalityCode: '0380' });
  school = {
    token: (await t.user({ role: 'member', organisationId: schoolOrg.id })).token,
    organisationId: schoolOrg.id,
  };
  schoolColleague = (await t.user({ role: 'member', organisationId: schoolOrg.id })).token;
  club = {
    token: (await t.user({ role: 'member', organisationId: clubOrg.id })).token,
    organisationId: clubOrg.id,
  };
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19' })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  national = (await t.user({ role: 'coordinator', scope: 'national' })).token;
});
afterAll(() => t.close());

describe('GET /api/v1/campaigns/{id}/packs', () => {
  it('lists the languages with social artwork, the sizes, and that downloads are not open yet', async () => {
    t.clock.set(BEFORE_WINDOW);
    const response = await t.request(`/api/v1/campaigns/${campaign.slug}/packs`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.packs.map((pack: { language: string }) => pack.language)).toEqual(['sv', 'ar']);
    const sv = body.packs[0];
    expect(sv).toMatchObject({
      imageCount: 2,
      fileCount: 2 * PLATFORM_SIZES.length + 2,
      bytes: null,
      downloadableNow: false,
    });
    expect(sv.url).toBe(`/api/v1/campaigns/${campaign.id}/packs/sv.zip`);
    expect(body.sizes).toHaveLength(PLATFORM_SIZES.length);
    expect(body.sizes[0]).toMatchObject({ folder: 'instagram-square-1080x1080', width: 1080, height: 1080 });
    expect(body.downloadWindow).toMatchObject({ open: false, nextOpensAt: '2026-12-14T23:00:00.000Z' });
  });

  it('hides draft campaigns from the public', async () => {
    const draft = await insertCampaign(t, { status: 'draft' });
    expect((await t.request(`/api/v1/campaigns/${draft.id}/packs`)).status).toBe(404);
  });
});

describe('downloading a pack', () => {
  it('refuses anonymous callers with 401', async () => {
    t.clock.set(IN_WINDOW);
    const response = await download('sv');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses before the download window opens, saying when it opens', async () => {
    t.clock.set(BEFORE_WINDOW);
    const response = await download('sv', school.token);
    expect(response.status).toBe(409);
    const problem = await response.json();
    expect(problem.code).toBe('download_window_closed');
    expect(problem.opensAt).toBe('2026-12-14T23:00:00.000Z');
    expect(problem.window.sv).toBe('15 dec–31 mar varje år');
  });

  it('answers 404 for a language without a pack or an unknown one', async () => {
    t.clock.set(IN_WINDOW);
    expect((await download('fi', school.token)).status).toBe(404);
    expect((await download('xx', school.token)).status).toBe(404);
    expect(
      (await t.request(`/api/v1/campaigns/${campaign.id}/packs/sv`, { token: school.token })).status,
    ).toBe(404);
  });

  it('streams the zip as a private attachment and lists its size afterwards', async () => {
    t.clock.set(IN_WINDOW);
    const response = await download('sv', school.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${campaign.slug}-sv-social.zip"`,
    );
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const zip = await unpackZip(bytes);
    expect(zip.files.filter((file) => file.endsWith('.jpg'))).toHaveLength(2 * PLATFORM_SIZES.length);

    const listed = await (await t.request(`/api/v1/campaigns/${campaign.id}/packs`)).json();
    expect(listed.packs[0]).toMatchObject({ language: 'sv', bytes: bytes.length, downloadableNow: true });
  });

  it('serves byte ranges, counting only a download that starts at the first byte', async () => {
    t.clock.set(IN_WINDOW);
    const countBefore = (
      await t.database.db.select().from(packDownloads).where(eq(packDownloads.campaignId, campaign.id))
    ).length;
    const full = Buffer.from(await (await download('sv', school.token)).arrayBuffer());
    const head = await download('sv', school.token, { range: 'bytes=0-99' });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-99/${full.length}`);
    expect(Buffer.from(await head.arrayBuffer())).toEqual(full.subarray(0, 100));
    const rest = await download('sv', school.token, { range: 'bytes=100-' });
    expect(rest.status).toBe(206);
    expect(Buffer.from(await rest.arrayBuffer())).toEqual(full.subarray(100));
    expect((await download('sv', school.token, { range: `bytes=${full.length}-` })).status).toBe(416);
    const countAfter = (
      await t.database.db.select().from(packDownloads).where(eq(packDownloads.campaignId, campaign.id))
    ).length;
    expect(countAfter - countBefore).toBe(2);
  });

  it('leaves out artwork whose rights expired, and answers 410 when none is left', async () => {
    t.clock.set(AFTER_RIGHTS);
    const sv = await download('sv', school.token);
    expect(sv.status).toBe(200);
    const zip = await unpackZip(Buffer.from(await sv.arrayBuffer()));
    expect(zip.files.filter((file) => file.endsWith('.jpg'))).toHaveLength(PLATFORM_SIZES.length);
    const svRows = (await t.database.db.select().from(packs).where(eq(packs.campaignId, campaign.id))).filter(
      (row) => row.language === 'sv',
    );
    expect(svRows.map((row) => row.imageCount)).toEqual([1]);

    const ar = await download('ar', school.token);
    expect(ar.status).toBe(410);
    expect((await ar.json()).code).toBe('pack_rights_expired');
    const listed = await (await t.request(`/api/v1/campaigns/${campaign.id}/packs`)).json();
    expect(listed.packs.map((pack: { language: string }) => pack.language)).toEqual(['sv']);
  });
});

describe('download counts', () => {
  beforeAll(async () => {
    t.clock.set(IN_WINDOW);
    await t.database.db.delete(packDownloads);
    const downloads = [
      await download('sv', school.token),
      await download('sv', schoolColleague),
      await download('sv', club.token),
      await download('sv', school.token, {}, county19Campaign.id),
    ];
    for (const response of downloads) {
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  });

  it('counts downloads per organisation for a coordinator covering the campaign', async () => {
    const response = await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads?groupBy=organisation`, {
      token: national,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.total).toBe(3);
    expect(body.region).toBeNull();
    const byOrganisation = Object.fromEntries(
      body.rows.map((row: { organisationId: string; downloads: number }) => [
        row.organisationId,
        row.downloads,
      ]),
    );
    expect(byOrganisation).toEqual({ [school.organisationId]: 2, [club.organisationId]: 1 });
  });

  it('counts per county, and as CSV', async () => {
    const json = await (
      await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads?groupBy=county`, { token: national })
    ).json();
    expect(
      json.rows.map((row: { countyCode: string; downloads: number }) => [row.countyCode, row.downloads]),
    ).toEqual([
      ['19', 2],
      ['03', 1],
    ]);
    expect(json.rows[0].countyName).toBe('Västmanlands län');
    const csv = await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads?groupBy=county&format=csv`, {
      token: national,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('county_code,county,downloads,last_download_at');
    expect(lines[1]).toMatch(/^19,Västmanlands län,2,2027-01-10T10:00:00.000Z$/);
  });

  it("shows a county coordinator only their county's downloads of a national campaign", async () => {
    const body = await (
      await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads`, { token: vastmanland })
    ).json();
    expect(body.region).toEqual({ countyCode: '19', municipalityCode: null });
    expect(body.total).toBe(2);
  });

  it("refuses another county's coordinator the counts of a county campaign (403)", async () => {
    const own = await t.request(`/api/v1/campaigns/${county19Campaign.id}/pack-downloads`, {
      token: vastmanland,
    });
    expect(own.status).toBe(200);
    expect((await own.json()).total).toBe(1);
    const other = await t.request(`/api/v1/campaigns/${county19Campaign.id}/pack-downloads`, {
      token: uppsala,
    });
    expect(other.status).toBe(403);
  });

  it('refuses members and anonymous callers', async () => {
    expect(
      (await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads`, { token: school.token })).status,
    ).toBe(403);
    expect((await t.request(`/api/v1/campaigns/${campaign.id}/pack-downloads`)).status).toBe(401);
  });
});

describe('the pack job', () => {
  it('renders packs ahead for windows opening within two weeks, and nothing when unchanged', async () => {
    const fresh = await insertCampaign(t);
    await insertSocialAsset(t, fresh.id, await makeArtwork(600, 600, { seed: 21 }), {
      language: 'en',
      altText: 'An image',
    });
    const farAhead = await renderUpcomingPacks(t.deps, new Date('2026-10-01T10:00:00Z'));
    expect(farAhead.campaigns).toBe(0);
    const soon = await renderUpcomingPacks(t.deps, new Date('2026-12-05T10:00:00Z'));
    expect(soon.failed).toBe(0);
    expect(soon.rendered).toBeGreaterThanOrEqual(1);
    const freshPacks = await t.database.db.select().from(packs).where(eq(packs.campaignId, fresh.id));
    expect(freshPacks.map((row) => row.language)).toEqual(['en']);
    const again = await renderUpcomingPacks(t.deps, new Date('2026-12-05T10:30:00Z'));
    expect(again.rendered).toBe(0);
    expect(again.unchanged).toBe(soon.rendered + soon.unchanged);
  });
});

describe('the API description', () => {
  it('documents the pack endpoints with who may call them', async () => {
    const document = await (await t.request('/openapi.json')).json();
    expect(document.paths['/api/v1/campaigns/{id}/packs'].get['x-access']).toEqual({ kind: 'public' });
    expect(document.paths['/api/v1/campaigns/{id}/packs/{file}'].get['x-access']).toEqual({
      kind: 'signed-in',
    });
    expect(document.paths['/api/v1/campaigns/{id}/pack-downloads'].get['x-access']).toEqual({
      kind: 'roles',
      roles: ['admin', 'coordinator'],
    });
  });
});
