import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCampaignDefinitions } from '../../src/campaigns/import-definitions.js';
import { CAMPAIGNS_DIR } from '../../src/campaigns/load-definitions.js';
import { RENDITION_SPEC } from '../../src/media/rendition-spec.js';
import { pairingEnv, pairScreen } from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/**
 * The real November campaigns as screens see them: Tillsammans mot våld (national, all
 * November), its Västmanland complement (county 19) and En vecka fri från våld (county 19, ISO
 * week 48). Renditions are cut to the full-HD screen sizes only, to keep the test quick.
 */
const NOVEMBER = ['tillsammans-mot-vald', 'tillsammans-mot-vald-vastmanland', 'en-vecka-fri-fran-vald'];
const LIGHT_SPEC = {
  ...RENDITION_SPEC,
  targets: RENDITION_SPEC.targets.filter((target) => target.name === 'screen-1920x1080' || target.name === 'screen-1080x1920'),
  modernFormats: [],
};

let t: TestContext;
let dir: string;
let coordinator: string;
const screens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  dir = await mkdtemp(path.join(os.tmpdir(), 'hub-november-'));
  for (const slug of NOVEMBER) {
    await cp(path.join(CAMPAIGNS_DIR, slug), path.join(dir, slug), { recursive: true, filter: (source) => !source.endsWith('.ts') });
  }
  await importCampaignDefinitions(t.deps, dir, { renditionSpec: LIGHT_SPEC });
  coordinator = (await t.user({ role: 'coordinator', scope: 'national' })).token;
  screens.vasteras = (await pairScreen(t, coordinator, { municipalityCode: '1980', languages: ['sv'] })).screenId;
  screens.arboga = (await pairScreen(t, coordinator, { municipalityCode: '1984', languages: ['ar', 'sv'], orientation: 'portrait', width: 1080, height: 1920 })).screenId;
  screens.finnish = (await pairScreen(t, coordinator, { municipalityCode: '1980', languages: ['fi'] })).screenId;
  screens.uppsala = (await pairScreen(t, coordinator, { municipalityCode: '0380', languages: ['sv'] })).screenId;
}, 600_000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

interface PreviewItem {
  campaignSlug: string;
  tier: string;
  language: string;
  fallbackLanguageUsed: boolean;
  media: { url: string; width: number; height: number };
}

async function preview(screen: string, at: string) {
  const response = await t.request(`/api/v1/screens/${screens[screen]}/playlist?at=${encodeURIComponent(at)}`, { token: coordinator });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; usedDefaultLoop: boolean; nationalShare: number | null; items: PreviewItem[] };
}

const campaignsIn = (items: PreviewItem[]) => [...new Set(items.map((item) => item.campaignSlug))].sort();

describe('the demo November campaigns on screens', () => {
  it('mixes national and Västmanland slides on a Västerås screen in week 48, national at least half the time', async () => {
    const playlist = await preview('vasteras', '2026-11-24T13:00:00+01:00');
    expect(campaignsIn(playlist.items)).toEqual(NOVEMBER.slice().sort());
    expect(playlist.nationalShare).toBeGreaterThanOrEqual(0.5);
    // Interleaved: no two county slides next to each other while national ones can separate them.
    const tiers = playlist.items.map((item) => item.tier);
    for (let i = 1; i < tiers.length; i += 1) expect(tiers[i] === 'county' && tiers[i - 1] === 'county').toBe(false);
  });

  it('shows only the national campaign on a screen in Uppsala county', async () => {
    const playlist = await preview('uppsala', '2026-11-24T13:00:00+01:00');
    expect(campaignsIn(playlist.items)).toEqual(['tillsammans-mot-vald']);
  });

  it('gives an Arabic portrait screen the Arabic portrait artwork', async () => {
    const playlist = await preview('arboga', '2026-11-24T13:00:00+01:00');
    expect(playlist.items.length).toBeGreaterThan(0);
    for (const item of playlist.items) {
      expect(item.language).toBe('ar');
      expect(item.fallbackLanguageUsed).toBe(false);
      expect(item.media.height).toBeGreaterThan(item.media.width);
    }
  });

  it('falls back to Swedish on a Finnish screen', async () => {
    const playlist = await preview('finnish', '2026-11-24T13:00:00+01:00');
    for (const item of playlist.items) {
      expect(item.language).toBe('sv');
      expect(item.fallbackLanguageUsed).toBe(true);
    }
  });

  it('starts week 48 at Monday midnight local time and ends it at Sunday midnight', async () => {
    expect(campaignsIn((await preview('vasteras', '2026-11-22T23:59:59+01:00')).items)).not.toContain('en-vecka-fri-fran-vald');
    expect(campaignsIn((await preview('vasteras', '2026-11-23T00:00:00+01:00')).items)).toContain('en-vecka-fri-fran-vald');
    expect(campaignsIn((await preview('vasteras', '2026-11-29T23:59:59+01:00')).items)).toContain('en-vecka-fri-fran-vald');
    expect(campaignsIn((await preview('vasteras', '2026-11-30T00:00:00+01:00')).items)).not.toContain('en-vecka-fri-fran-vald');
  });

  it('falls back to the national support-line loop when November is over', async () => {
    const playlist = await preview('vasteras', '2026-12-01T12:00:00+01:00');
    expect(playlist.status).toBe('playing');
    expect(playlist.usedDefaultLoop).toBe(true);
    expect(campaignsIn(playlist.items)).toEqual(['tillsammans-mot-vald']);
  });
});
