import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns } from '../../src/campaigns/schema.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

let t: TestContext;
let national: string;
let vastmanland: string;
let uppsala: string;
let arboga: string;
let member: string;
let admin: string;
let vastmanlandBoardId: string;

const svartsjuka = (slug: string) => ({
  slug,
  title: { sv: 'Svartsjuka är inte romantiskt', en: 'Jealousy is not romantic' },
  summary: { sv: 'Om våld i ungas parrelationer' },
  description: { sv: 'Årlig kampanj om våld i ungas parrelationer.' },
  tier: 'national' as const,
  languages: ['sv', 'en'],
  airing: { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] },
  ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
});

const countyCampaign = (slug: string, countyCode: string) => ({
  ...svartsjuka(slug),
  tier: 'county' as const,
  countyCode,
  title: { sv: 'En vecka fri från våld' },
  airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
  ordering: undefined,
});

async function campaignCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(campaigns);
  return row?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestContext();
  const agency = await t.organisation({ kind: 'national_agency' });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  vastmanlandBoardId = board.id;
  const arbogaKommun = await t.organisation({ kind: 'municipality', municipalityCode: '1984' });
  const school = await t.organisation({ kind: 'school', municipalityCode: '1980' });
  national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token;
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  arboga = (await t.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1984', organisationId: arbogaKommun.id })).token;
  member = (await t.user({ role: 'member', organisationId: school.id })).token;
  admin = (await t.user({ role: 'admin' })).token;
});
afterAll(() => t.close());

describe('creating campaigns', () => {
  it('lets a national coordinator create a national draft owned by their organisation', async () => {
    const response = await t.request('/api/v1/campaigns', { method: 'POST', token: national, json: svartsjuka(unique('sv')) });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.status).toBe('draft');
    expect(body.tier).toBe('national');
    expect(body.countyCode).toBeNull();
    expect(body.ownerOrganisation.name).toBeTruthy();
  });

  it('lets a county coordinator create a campaign for their county only', async () => {
    const own = await t.request('/api/v1/campaigns', { method: 'POST', token: vastmanland, json: countyCampaign(unique('v48'), '19') });
    expect(own.status).toBe(201);
    const before = await campaignCount();
    const other = await t.request('/api/v1/campaigns', { method: 'POST', token: vastmanland, json: countyCampaign(unique('v48'), '03') });
    expect(other.status).toBe(403);
    const nationalAttempt = await t.request('/api/v1/campaigns', {
      method: 'POST',
      token: vastmanland,
      json: { ...svartsjuka(unique('sv')), ownerOrganisationId: vastmanlandBoardId },
    });
    expect(nationalAttempt.status).toBe(403);
    expect(await campaignCount()).toBe(before);
  });

  it('lets a municipal coordinator create local campaigns in their municipality only', async () => {
    const local = (municipalityCode: string) => ({ ...countyCampaign(unique('local'), '19'), tier: 'local', countyCode: undefined, municipalityCode });
    expect((await t.request('/api/v1/campaigns', { method: 'POST', token: arboga, json: local('1984') })).status).toBe(201);
    expect((await t.request('/api/v1/campaigns', { method: 'POST', token: arboga, json: local('1980') })).status).toBe(403);
    expect((await t.request('/api/v1/campaigns', { method: 'POST', token: arboga, json: countyCampaign(unique('c'), '19') })).status).toBe(403);
  });

  it('refuses organisation members (403) and anonymous callers (401) and writes nothing', async () => {
    const before = await campaignCount();
    const asMember = await t.request('/api/v1/campaigns', { method: 'POST', token: member, json: svartsjuka(unique('sv')) });
    expect(asMember.status).toBe(403);
    expect(asMember.headers.get('content-type')).toMatch(/problem\+json/);
    const asNobody = await t.request('/api/v1/campaigns', { method: 'POST', json: svartsjuka(unique('sv')) });
    expect(asNobody.status).toBe(401);
    expect(await campaignCount()).toBe(before);
  });

  it('refuses a malformed campaign with each failing field, and writes nothing', async () => {
    const before = await campaignCount();
    const response = await t.request('/api/v1/campaigns', {
      method: 'POST',
      token: national,
      json: {
        ...svartsjuka('Not A Slug'),
        title: { en: 'No Swedish title' },
        languages: ['klingon'],
        airing: { spans: [{ kind: 'yearly', from: '13-01', to: '02-30' }] },
      },
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'title', 'languages.0']));
    expect(fields.some((field: string) => field.startsWith('airing'))).toBe(true);
    expect(await campaignCount()).toBe(before);
  });

  it('refuses a county campaign without a county code', async () => {
    const response = await t.request('/api/v1/campaigns', {
      method: 'POST',
      token: national,
      json: { ...countyCampaign(unique('c'), '19'), countyCode: undefined },
    });
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe('invalid_region');
  });

  it('answers 409 for a slug that is taken', async () => {
    const slug = unique('dup');
    expect((await t.request('/api/v1/campaigns', { method: 'POST', token: national, json: svartsjuka(slug) })).status).toBe(201);
    expect((await t.request('/api/v1/campaigns', { method: 'POST', token: national, json: svartsjuka(slug) })).status).toBe(409);
  });
});

describe('seeing and changing campaigns', () => {
  it('keeps drafts out of the public list and shows published ones', async () => {
    const slug = unique('pub');
    await t.request('/api/v1/campaigns', { method: 'POST', token: vastmanland, json: countyCampaign(slug, '19') });
    const listSlugs = async (token?: string, query = '') =>
      ((await (await t.request(`/api/v1/campaigns${query}`, { token })).json()).items as Array<{ slug: string }>).map((c) => c.slug);
    expect(await listSlugs()).not.toContain(slug);
    expect(await listSlugs(vastmanland, '?status=draft')).toContain(slug);
    expect(await listSlugs(uppsala, '?status=draft')).not.toContain(slug);
    expect(await listSlugs(member, '?status=draft')).not.toContain(slug);
    expect(await listSlugs(undefined, '?status=draft')).not.toContain(slug);
    expect((await t.request(`/api/v1/campaigns/${slug}`)).status).toBe(404);
    expect((await t.request(`/api/v1/campaigns/${slug}`, { token: uppsala })).status).toBe(404);

    const published = await t.request(`/api/v1/campaigns/${slug}/publish`, { method: 'POST', token: vastmanland });
    expect(published.status).toBe(200);
    expect((await published.json()).publishedAt).toBeTruthy();
    expect(await listSlugs()).toContain(slug);
    expect((await t.request(`/api/v1/campaigns/${slug}`)).status).toBe(200);
  });

  it('lets only coordinators in scope change a campaign', async () => {
    const slug = unique('edit');
    await t.request('/api/v1/campaigns', { method: 'POST', token: vastmanland, json: countyCampaign(slug, '19') });
    await t.request(`/api/v1/campaigns/${slug}/publish`, { method: 'POST', token: vastmanland });
    const patch = { title: { sv: 'En vecka fri från våld i Västmanland' } };
    expect((await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: uppsala, json: patch })).status).toBe(403);
    expect((await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: arboga, json: patch })).status).toBe(403);
    expect((await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: member, json: patch })).status).toBe(403);
    expect((await t.request(`/api/v1/campaigns/${slug}/archive`, { method: 'POST', token: uppsala })).status).toBe(403);
    const unchanged = await (await t.request(`/api/v1/campaigns/${slug}`)).json();
    expect(unchanged.title.sv).toBe('En vecka fri från våld');
    const ok = await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: vastmanland, json: patch });
    expect(ok.status).toBe(200);
    expect((await ok.json()).title.sv).toBe('En vecka fri från våld i Västmanland');
    expect((await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: admin, json: { audience: ['allmänheten'] } })).status).toBe(200);
    expect((await t.request(`/api/v1/campaigns/${slug}`, { method: 'PATCH', token: national, json: {} })).status).toBe(400);
  });

  it('answers whether a campaign airs and takes orders at an instant, and when it next does', async () => {
    const slug = unique('win');
    await t.request('/api/v1/campaigns', { method: 'POST', token: national, json: svartsjuka(slug) });
    await t.request(`/api/v1/campaigns/${slug}/publish`, { method: 'POST', token: national });
    const at = async (instant: string) => (await t.request(`/api/v1/campaigns/${slug}?at=${encodeURIComponent(instant)}`)).json();

    const december = await at('2026-12-20T12:00:00+01:00');
    expect(december.airingState.open).toBe(false);
    expect(december.airingState.nextOpensAt).toBe('2027-01-31T23:00:00.000Z');
    expect(december.orderingState.open).toBe(true);

    const february = await at('2027-02-01T00:00:00+01:00');
    expect(february.airingState.open).toBe(true);
    // 31 March ends at midnight local summer time (CEST, UTC+2) after the DST change on 28 March.
    expect(february.airingState.closesAt).toBe('2027-03-31T22:00:00.000Z');

    const april = await at('2027-04-01T00:00:00+02:00');
    expect(april.airingState.open).toBe(false);
    expect(april.airingState.nextOpensAt).toBe('2028-01-31T23:00:00.000Z');
    expect(april.airingState.text.sv).toMatch(/feb/);
  });

  it('filters the public list by instant and orderability', async () => {
    const slug = unique('filter');
    await t.request('/api/v1/campaigns', { method: 'POST', token: national, json: svartsjuka(slug) });
    await t.request(`/api/v1/campaigns/${slug}/publish`, { method: 'POST', token: national });
    const live = async (instant: string) =>
      ((await (await t.request(`/api/v1/campaigns?liveAt=${encodeURIComponent(instant)}`)).json()).items as Array<{ slug: string }>).map((c) => c.slug);
    expect(await live('2027-02-10T10:00:00Z')).toContain(slug);
    expect(await live('2027-05-10T10:00:00Z')).not.toContain(slug);
    t.clock.set('2026-12-16T09:00:00Z');
    const orderable = (await (await t.request('/api/v1/campaigns?orderable=true')).json()).items.map((c: { slug: string }) => c.slug);
    expect(orderable).toContain(slug);
    expect((await t.request('/api/v1/campaigns?liveAt=yesterday')).status).toBe(400);
  });
});
