import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { assets, blobs } from '../../src/assets/schema.js';
import { campaigns } from '../../src/campaigns/schema.js';
import type { Window } from '../../src/windows/window-schema.js';
import { type TestContext, unique } from '../support/test-app.js';

const run = promisify(execFile);

/** A red that nothing else in the test images uses, marking the focal point. */
export const MARKER = { r: 230, g: 20, b: 30 };

/** Svartsjuka-like windows: airing 1 Feb–31 Mar, downloads 15 Dec–31 Mar. */
export const AIRING: Window = { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] };
export const ORDERING: Window = { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] };

/** Inserts a published campaign directly (the campaigns API is tested elsewhere). */
export async function insertCampaign(
  t: TestContext,
  options: {
    tier?: 'national' | 'county';
    countyCode?: string;
    ordering?: Window | null;
    status?: 'draft' | 'published';
  } = {},
) {
  const owner = await t.organisation({ kind: 'national_agency' });
  const [row] = await t.database.db
    .insert(campaigns)
    .values({
      slug: unique('svartsjuka'),
      title: {
        sv: 'Svartsjuka är inte romantiskt',
        en: 'Jealousy is not romantic',
        ar: 'الغيرة ليست رومانسية',
      },
      summary: {
        sv: 'Om våld i ungas parrelationer.',
        en: "About violence in young people's relationships.",
        ar: 'عن العنف في علاقات الشباب.',
      },
      description: {
        sv: 'Årlig kampanj om våld i ungas parrelationer.',
        en: "A yearly campaign on violence in young people's relationships.",
        ar: 'حملة سنوية عن العنف في علاقات الشباب العاطفية.',
      },
      tier: options.tier ?? 'national',
      ownerOrganisationId: owner.id,
      countyCode: options.tier === 'county' ? (options.countyCode ?? '19') : null,
      languages: ['sv', 'en', 'ar'],
      status: options.status ?? 'published',
      airing: AIRING,
      ordering: options.ordering === undefined ? ORDERING : options.ordering,
    })
    .returning();
  if (!row) throw new Error('campaign not inserted');
  return row;
}

/**
 * A photo-like test image: a soft gradient, optionally a busy patch of high-contrast yellow-green
 * noise (what an attention crop goes for) and a small red marker square centred on a point.
 */
export async function makeArtwork(
  width: number,
  height: number,
  options: {
    marker?: { x: number; y: number; size: number };
    busy?: { left: number; top: number; width: number; height: number };
    seed?: number;
  } = {},
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = options.seed ?? 1;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = 110 + Math.round((x / width) * 20);
      raw[i + 1] = 110 + Math.round((y / height) * 20);
      raw[i + 2] = 125;
      const busy = options.busy;
      if (
        busy &&
        x >= busy.left &&
        x < busy.left + busy.width &&
        y >= busy.top &&
        y < busy.top + busy.height
      ) {
        const bright = random() > 0.5;
        raw[i] = bright ? 240 : 20;
        raw[i + 1] = bright ? 250 : 90;
        raw[i + 2] = bright ? 40 : 200;
      }
      const marker = options.marker;
      if (marker && Math.abs(x - marker.x) < marker.size / 2 && Math.abs(y - marker.y) < marker.size / 2) {
        raw[i] = MARKER.r;
        raw[i + 1] = MARKER.g;
        raw[i + 2] = MARKER.b;
      }
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** Stores an image with BlobStore.put and inserts its asset row (the upload route is the lead's). */
export async function insertSocialAsset(
  t: TestContext,
  campaignId: string,
  image: Buffer,
  fields: {
    language: string;
    altText: string | null;
    focal?: { x: number; y: number };
    rightsExpiry?: string;
    purposes?: string[];
    format?: string;
  },
) {
  const stored = await t.deps.storage.put(image);
  const metadata = await sharp(image).metadata();
  const format = fields.format ?? 'jpeg';
  await t.database.db
    .insert(blobs)
    .values({
      hash: stored.hash,
      bytes: stored.bytes,
      mime: format === 'svg' ? 'image/svg+xml' : 'image/jpeg',
    })
    .onConflictDoNothing();
  const [row] = await t.database.db
    .insert(assets)
    .values({
      campaignId,
      kind: 'image',
      format,
      masterHash: stored.hash,
      uploadHash: stored.hash,
      bytes: stored.bytes,
      width: metadata.width ?? null,
      height: metadata.height ?? null,
      language: fields.language,
      altText: fields.altText,
      focalX: fields.focal?.x ?? null,
      focalY: fields.focal?.y ?? null,
      purposes: fields.purposes ?? ['social'],
      rightsExpiry: fields.rightsExpiry ?? null,
    })
    .returning();
  if (!row) throw new Error('asset not inserted');
  return row;
}

/** A downloaded zip, checked with `unzip -t` and unpacked into a temp folder. */
export interface UnpackedZip {
  dir: string;
  testOutput: string;
  files: string[];
}

/** Writes the zip bytes to disk, runs `unzip -t` (throws when it fails) and extracts it. */
export async function unpackZip(bytes: Buffer): Promise<UnpackedZip> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pack-test-'));
  const zipPath = path.join(dir, 'pack.zip');
  await writeFile(zipPath, bytes);
  const tested = await run('unzip', ['-t', zipPath]);
  const out = path.join(dir, 'out');
  await run('unzip', ['-q', zipPath, '-d', out]);
  return { dir: out, testOutput: tested.stdout, files: await listFiles(out) };
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(root, relative)));
    else found.push(relative);
  }
  return found.sort();
}

/** How many pixels of an image pass a test on their red, green and blue values. */
async function countPixels(
  file: string | Buffer,
  test: (r: number, g: number, b: number) => boolean,
): Promise<number> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (test(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0)) hits += 1;
  }
  return hits;
}

/** How many pixels of a JPEG are (close to) the marker red. */
export function countMarkerPixels(file: string | Buffer): Promise<number> {
  return countPixels(file, (r, g, b) => r > 180 && g < 80 && b < 90);
}

/** How many pixels of a JPEG belong to the busy yellow-green patch (bright and strongly yellow). */
export function countBusyPixels(file: string | Buffer): Promise<number> {
  return countPixels(file, (r, g, b) => r > 190 && g > 190 && b < 120);
}
