import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets } from '../../src/assets/schema.js';
import { importCampaignDefinitions } from '../../src/campaigns/import-definitions.js';
import { CAMPAIGNS_DIR } from '../../src/campaigns/load-definitions.js';
import { campaigns } from '../../src/campaigns/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

let t: TestContext;
let dir: string;

// A copy of two real definitions (rendering all demo artwork takes minutes; start-up covers the
// rest), so the test can change one without touching the repository.
const COPIED = ['svartsjuka-ar-inte-romantiskt', 'lat-inte-tystnaden-tala'];
beforeAll(async () => {
  t = await createTestContext();
  dir = await mkdtemp(path.join(os.tmpdir(), 'hub-campaigns-'));
  for (const slug of COPIED) {
    await cp(path.join(CAMPAIGNS_DIR, slug), path.join(dir, slug), { recursive: true, filter: (source) => !source.endsWith('.ts') });
  }
}, 600_000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function counts() {
  const [c] = await t.database.db.select({ n: count() }).from(campaigns);
  const [a] = await t.database.db.select({ n: count() }).from(assets);
  return { campaigns: c?.n ?? 0, assets: a?.n ?? 0 };
}

describe('importing the campaign definitions', () => {
  it('creates the demo campaigns, published, with their windows and artwork', async () => {
    const summary = await importCampaignDefinitions(t.deps, dir);
    expect(summary.created.sort()).toEqual([...COPIED].sort());
    expect(summary.assetsAdded).toBeGreaterThan(10);
    const list = await (await t.request('/api/v1/campaigns')).json();
    const svartsjuka = list.items.find((c: { slug: string }) => c.slug === 'svartsjuka-ar-inte-romantiskt');
    expect(svartsjuka.airing.spans).toEqual([{ kind: 'yearly', from: '02-01', to: '03-31' }]);
    expect(svartsjuka.ordering.spans[0]).toMatchObject({ kind: 'yearly', from: '12-15' });
    expect(svartsjuka.tier).toBe('national');
    expect(svartsjuka.ownerOrganisation.name).toMatch(/Jämställdhetsmyndigheten/);
    const artwork = await (await t.request('/api/v1/campaigns/svartsjuka-ar-inte-romantiskt/assets')).json();
    const languages = new Set(artwork.items.map((a: { language: string }) => a.language));
    expect([...languages]).toEqual(expect.arrayContaining(['sv', 'sv-x-easy', 'en', 'ar']));
    for (const asset of artwork.items.filter((a: { kind: string }) => a.kind === 'image')) {
      expect(asset.altText.length).toBeGreaterThan(10);
    }
  }, 600_000);

  it('changes nothing when run again', async () => {
    const before = await counts();
    const summary = await importCampaignDefinitions(t.deps, dir);
    expect(summary.created).toEqual([]);
    expect(summary.updated).toEqual([]);
    expect(summary.assetsAdded).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('updates a campaign whose file changed, and only that one', async () => {
    const file = path.join(dir, 'lat-inte-tystnaden-tala', 'campaign.json');
    const definition = JSON.parse(await readFile(file, 'utf8'));
    definition.title.en = 'Do not let the silence speak (changed)';
    await writeFile(file, JSON.stringify(definition, null, 2));
    const before = await counts();
    const summary = await importCampaignDefinitions(t.deps, dir);
    expect(summary.updated).toEqual(['lat-inte-tystnaden-tala']);
    expect(summary.assetsAdded).toBe(0);
    expect(await counts()).toEqual(before);
    const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.slug, 'lat-inte-tystnaden-tala'));
    expect(row?.title.en).toBe('Do not let the silence speak (changed)');
  });

  it('never overwrites a campaign created through the API with the same slug', async () => {
    const national = await t.user({ role: 'coordinator', scope: 'national', organisationId: (await t.organisation({ kind: 'national_agency' })).id });
    const file = path.join(dir, 'lat-inte-tystnaden-tala', 'campaign.json');
    const definition = JSON.parse(await readFile(file, 'utf8'));
    const own = await t.request('/api/v1/campaigns', {
      method: 'POST',
      token: national.token,
      json: { slug: 'api-made-campaign', title: { sv: 'Egen' }, summary: { sv: 'Egen' }, description: { sv: 'Egen' }, tier: 'national', languages: ['sv'], airing: { spans: [{ kind: 'always' }] } },
    });
    expect(own.status).toBe(201);
    const clash = path.join(dir, 'api-made-campaign');
    await cp(path.dirname(file), clash, { recursive: true });
    await writeFile(path.join(clash, 'campaign.json'), JSON.stringify({ ...definition, slug: 'api-made-campaign' }, null, 2));
    const summary = await importCampaignDefinitions(t.deps, dir);
    expect(summary.skipped.map((s) => s.slug)).toEqual(['api-made-campaign']);
    const [row] = await t.database.db.select().from(campaigns).where(eq(campaigns.slug, 'api-made-campaign'));
    expect(row?.title.sv).toBe('Egen');
    await rm(clash, { recursive: true });
  });
});

describe('slides made from the screen artwork', () => {
  it('groups each artwork into one slide with its languages and orientations as variants', async () => {
    const national = await t.user({ role: 'coordinator', scope: 'national' });
    const listed = await (await t.request('/api/v1/campaigns/svartsjuka-ar-inte-romantiskt/slides', { token: national.token })).json();
    expect(listed.items.length).toBe(1);
    const slide = listed.items[0];
    expect(slide.locked).toBe(true);
    expect(slide.durationSeconds).toBeGreaterThanOrEqual(8);
    const variants = slide.variants.map((v: { language: string; orientation: string }) => `${v.language}/${v.orientation}`).sort();
    expect(variants).toEqual(
      ['ar', 'en', 'sv', 'sv-x-easy'].flatMap((language) => [`${language}/landscape`, `${language}/portrait`]).sort(),
    );
  });
});
