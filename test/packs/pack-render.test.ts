import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets } from '../../src/assets/schema.js';
import type { CampaignRow } from '../../src/campaigns/campaigns-service.js';
import { ensurePack, type EnsurePackResult } from '../../src/packs/packs-service.js';
import { folderOfSize, PLATFORM_SIZES } from '../../src/packs/platform-sizes.js';
import { packs } from '../../src/packs/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import {
  countBusyPixels,
  countMarkerPixels,
  insertCampaign,
  insertSocialAsset,
  makeArtwork,
  unpackZip,
} from './pack-fixtures.js';

const SV_ALT = 'Ett rosa hjärta med en spricka. Text: Svartsjuka är inte romantiskt.';
const EN_ALT = 'A pink heart with a crack. Text: Jealousy is not romantic.';
const AR_ALT = 'قلب وردي به شق. النص: الغيرة ليست رومانسية.';
const IN_WINDOW = new Date('2027-01-10T10:00:00Z');

let t: TestContext;
let campaign: CampaignRow;
let focalAssetId: string;

/** The image is 1800x1200: a busy patch on the left (what attention picks) and a red marker top right. */
const MARKER_AT = { x: 1620, y: 150, size: 80 };
const BUSY = { left: 60, top: 300, width: 420, height: 600 };

function readyPack(result: EnsurePackResult) {
  if (result.status !== 'ready') throw new Error(`expected a ready pack, got ${result.status}`);
  return result;
}

async function zipBytes(hash: string): Promise<Buffer> {
  const stream = await t.deps.storage.get(hash);
  if (!stream) throw new Error('zip missing');
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** How many blobs the store was asked to write while `work` ran (a render writes one zip). */
async function countBlobWrites(work: () => Promise<void>): Promise<number> {
  const storage = t.deps.storage;
  const put = storage.put;
  let writes = 0;
  storage.put = (content, options) => {
    writes += 1;
    return put.call(storage, content, options);
  };
  try {
    await work();
  } finally {
    storage.put = put;
  }
  return writes;
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(IN_WINDOW);
  campaign = await insertCampaign(t);
  const marked = await makeArtwork(1800, 1200, { marker: MARKER_AT, busy: BUSY });
  const focal = await insertSocialAsset(t, campaign.id, marked, {
    language: 'sv',
    altText: SV_ALT,
    focal: { x: MARKER_AT.x / 1800, y: MARKER_AT.y / 1200 },
  });
  focalAssetId = focal.id;
  await insertSocialAsset(t, campaign.id, await makeArtwork(1200, 1600, { seed: 7 }), {
    language: 'sv',
    altText: 'Andra bilden: en affisch.',
  });
  await insertSocialAsset(t, campaign.id, await makeArtwork(1800, 1200, { busy: BUSY, seed: 3 }), {
    language: 'en',
    altText: EN_ALT,
  });
  await insertSocialAsset(t, campaign.id, await makeArtwork(1000, 1000, { seed: 5 }), {
    language: 'ar',
    altText: AR_ALT,
  });
  // Not social: must never reach a pack.
  await insertSocialAsset(t, campaign.id, await makeArtwork(800, 600), {
    language: 'sv',
    altText: 'Skärmbild',
    purposes: ['screen'],
  });
});
afterAll(() => t.close());

describe('a rendered pack', () => {
  it('is a valid zip with every image at its platform size, named in safe ASCII', async () => {
    const result = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    const zip = await unpackZip(await zipBytes(result.pack.zipHash));
    expect(zip.testOutput).toMatch(/No errors detected/);
    const images = zip.files.filter((file) => file.endsWith('.jpg'));
    expect(images).toHaveLength(2 * PLATFORM_SIZES.length);
    expect(zip.files).toContain('README.txt');
    expect(zip.files).toContain('captions-sv.txt');
    expect(zip.files).toHaveLength(result.pack.fileCount);
    for (const file of zip.files) expect(file).toMatch(/^[a-z0-9./-]+$/i);
    expect(images).toContain(`instagram-square-1080x1080/${campaign.slug}-sv-1.jpg`);
    for (const size of PLATFORM_SIZES) {
      for (const index of [1, 2]) {
        const metadata = await sharp(
          path.join(zip.dir, folderOfSize(size), `${campaign.slug}-sv-${index}.jpg`),
        ).metadata();
        expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
          format: 'jpeg',
          width: size.width,
          height: size.height,
        });
      }
    }
  });

  it('has captions and alt texts in its own language only', async () => {
    const texts = async (language: string) => {
      const result = readyPack(await ensurePack(t.deps, campaign, language, IN_WINDOW));
      const zip = await unpackZip(await zipBytes(result.pack.zipHash));
      return {
        captions: await readFile(path.join(zip.dir, `captions-${language}.txt`), 'utf8'),
        readme: await readFile(path.join(zip.dir, 'README.txt'), 'utf8'),
      };
    };
    const sv = await texts('sv');
    expect(sv.captions).toContain(SV_ALT);
    expect(sv.captions).toContain('Om våld i ungas parrelationer.');
    expect(sv.captions).toContain('#SvartsjukaÄrInteRomantiskt');
    expect(sv.captions).not.toContain(AR_ALT);
    expect(sv.captions).not.toContain(EN_ALT);
    expect(sv.captions).not.toContain('Skärmbild');
    expect(sv.readme).toContain('Kampanjperiod: 1 feb–31 mar varje år');
    expect(sv.readme).toContain('Beställning och nedladdning: 15 dec–31 mar varje år');
    expect(sv.readme).toContain('instagram-story-1080x1920/');

    const ar = await texts('ar');
    expect(ar.captions).toContain(AR_ALT);
    expect(ar.captions).toContain('عن العنف في علاقات الشباب.');
    expect(ar.captions).toContain('#الغيرة_ليست_رومانسية');
    expect(ar.captions).not.toContain(SV_ALT);
    expect(ar.captions).not.toContain(EN_ALT);
    // Labels and dates of non-Swedish, non-English packs are in Swedish.
    expect(ar.readme).toContain('Kampanjperiod: 1 feb–31 mar varje år');

    const en = await texts('en');
    expect(en.captions).toContain(EN_ALT);
    expect(en.captions).not.toContain(SV_ALT);
    expect(en.readme).toContain('Campaign period: 1 Feb–31 Mar every year');
  });

  it('keeps the focal point inside every cut', async () => {
    const result = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    const zip = await unpackZip(await zipBytes(result.pack.zipHash));
    for (const size of PLATFORM_SIZES) {
      const file = path.join(zip.dir, folderOfSize(size), `${campaign.slug}-sv-1.jpg`);
      expect(await countMarkerPixels(file), folderOfSize(size)).toBeGreaterThan(500);
    }
    // The story cut keeps only a third of the width: the busy patch on the far left is cut away,
    // so it was the focal point, not attention, that chose the cut.
    const story = path.join(zip.dir, 'instagram-story-1080x1920', `${campaign.slug}-sv-1.jpg`);
    expect(await countBusyPixels(story)).toBe(0);
  });

  it('cuts by attention when the artwork has no focal point', async () => {
    const result = readyPack(await ensurePack(t.deps, campaign, 'en', IN_WINDOW));
    const zip = await unpackZip(await zipBytes(result.pack.zipHash));
    const story = path.join(zip.dir, 'instagram-story-1080x1920', `${campaign.slug}-en-1.jpg`);
    // A centre cut (x 900±540 of 1800 scaled 1.6x) would miss the busy patch at x 60–480 entirely.
    expect(await countBusyPixels(story)).toBeGreaterThan(10_000);
  });
});

describe('pack caching', () => {
  it('renders nothing the second time when the inputs are unchanged', async () => {
    const first = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    const rows = await t.database.db.select().from(packs).where(eq(packs.campaignId, campaign.id));
    let second: ReturnType<typeof readyPack> | undefined;
    const writes = await countBlobWrites(async () => {
      second = readyPack(await ensurePack(t.deps, campaign, 'sv', new Date(IN_WINDOW.getTime() + 3_600_000)));
    });
    if (!second) throw new Error('no second result');
    expect(writes).toBe(0);
    expect(second.rendered).toBe(false);
    expect(second.pack.zipHash).toBe(first.pack.zipHash);
    expect(second.pack.renderedAt).toEqual(first.pack.renderedAt);
    expect(await t.database.db.select().from(packs).where(eq(packs.campaignId, campaign.id))).toEqual(rows);
  });

  it('makes a new pack when an alt text changes, and drops the old one', async () => {
    const before = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    await t.database.db
      .update(assets)
      .set({ altText: `${SV_ALT} Ny version.` })
      .where(eq(assets.id, focalAssetId));
    const after = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    expect(after.rendered).toBe(true);
    expect(after.pack.inputsKey).not.toBe(before.pack.inputsKey);
    expect(after.pack.zipHash).not.toBe(before.pack.zipHash);
    const svRows = (await t.database.db.select().from(packs).where(eq(packs.campaignId, campaign.id))).filter(
      (row) => row.language === 'sv',
    );
    expect(svRows.map((row) => row.inputsKey)).toEqual([after.pack.inputsKey]);
    expect(await t.deps.storage.has(before.pack.zipHash)).toBe(false);
  });

  it('makes a new pack when a focal point moves', async () => {
    const before = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    await t.database.db.update(assets).set({ focalX: 0.5, focalY: 0.5 }).where(eq(assets.id, focalAssetId));
    const after = readyPack(await ensurePack(t.deps, campaign, 'sv', IN_WINDOW));
    expect(after.rendered).toBe(true);
    expect(after.pack.zipHash).not.toBe(before.pack.zipHash);
    await t.database.db
      .update(assets)
      .set({ focalX: MARKER_AT.x / 1800, focalY: MARKER_AT.y / 1200 })
      .where(eq(assets.id, focalAssetId));
  });

  it('renders a pack once when many ask for it at the same moment', async () => {
    await t.database.db
      .update(assets)
      .set({ altText: `${SV_ALT} Samtidigt.` })
      .where(eq(assets.id, focalAssetId));
    const zipsWritten = await countBlobWrites(async () => {
      const results = await Promise.all([1, 2, 3].map(() => ensurePack(t.deps, campaign, 'sv', IN_WINDOW)));
      const ready = results.map(readyPack);
      expect(new Set(ready.map((result) => result.pack.zipHash)).size).toBe(1);
    });
    expect(zipsWritten).toBe(1);
    const svRows = (await t.database.db.select().from(packs).where(eq(packs.campaignId, campaign.id))).filter(
      (row) => row.language === 'sv',
    );
    expect(svRows).toHaveLength(1);
  });
});

describe('languages without social artwork', () => {
  it('has no pack (no fallback to Swedish artwork)', async () => {
    expect((await ensurePack(t.deps, campaign, 'fi', IN_WINDOW)).status).toBe('no_artwork');
  });
});
