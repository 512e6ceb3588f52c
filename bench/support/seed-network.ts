import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashSecret } from '../../src/accounts/secrets.js';
import { organisations } from '../../src/accounts/schema.js';
import { assets, blobs, renditions } from '../../src/assets/schema.js';
import { campaigns } from '../../src/campaigns/schema.js';
import { type Database, type Db, openDatabase } from '../../src/db/client.js';
import { makeSyntheticSchedule, makeSyntheticScreens, SYNTHETIC_GROUPS, supportLineSlide } from '../../src/schedule/synthetic.js';
import type { ScheduleSlide } from '../../src/schedule/types.js';
import { screenGroupMembers, screenGroups, screens } from '../../src/screens/schema.js';
import { slideAssets, slides } from '../../src/slides/schema.js';
import { openTestDatabase } from '../../test/support/test-database.js';

/**
 * Seeds a realistic screen network straight into the database (no HTTP, no media files): the
 * deterministic synthetic schedule of src/schedule/synthetic.ts as published campaigns, slides,
 * image and video assets with renditions (hashes only; no bytes are stored), the synthetic
 * groups as static groups, and paired screens with bearer tokens. Benchmarks of manifests, proof
 * of play or reach can share it.
 */

export interface SeedOptions {
  screens: number;
  slides: number;
  /** Campaigns the slides are spread over; defaults to one per five slides. */
  campaigns?: number;
  seed?: number;
}

export interface SeededScreen {
  id: string;
  token: string;
  countyCode: string;
  municipalityCode: string;
}

export interface SeededNetwork {
  screens: SeededScreen[];
  campaignIds: string[];
  slideIds: string[];
  assetIds: string[];
}

const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fresh database for a benchmark: PGlite in a temp folder, or a new database on the DATABASE_URL server. */
export async function openBenchDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    // The test harness already creates (and drops) throwaway databases on a server.
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    const { database, drop } = await openTestDatabase();
    return { database, close: drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-bench-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  return {
    database,
    close: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Stores the campaigns of the synthetic slides (window, tier and home region taken from their first slide). */
async function seedCampaigns(db: Db, all: ScheduleSlide[], ownerId: string): Promise<Map<string, string>> {
  const first = new Map<string, ScheduleSlide>();
  for (const slide of all) if (!first.has(slide.campaignId)) first.set(slide.campaignId, slide);
  const rows = [...first.values()].map((slide) => {
    const municipality = slide.targeting.municipalities?.[0] ?? null;
    const county = slide.targeting.counties?.[0] ?? municipality?.slice(0, 2) ?? null;
    return {
      slug: `${slide.campaignSlug}-${randomBytes(3).toString('hex')}`,
      title: { sv: slide.campaignSlug },
      summary: { sv: 'Syntetisk kampanj' },
      description: { sv: 'Syntetisk kampanj för mätningar' },
      tier: slide.tier,
      ownerOrganisationId: ownerId,
      countyCode: slide.tier === 'national' ? null : county,
      municipalityCode: slide.tier === 'local' ? municipality : null,
      languages: ['sv'],
      status: 'published' as const,
      airing: slide.campaignWindow,
      publishedAt: new Date(),
    };
  });
  const ids = new Map<string, string>();
  const keys = [...first.keys()];
  await insertInBatches(rows.map((row, index) => ({ row, key: keys[index] as string })), async (batch) => {
    const inserted = await db.insert(campaigns).values(batch.map((entry) => entry.row)).returning({ id: campaigns.id });
    inserted.forEach((row, index) => ids.set(batch[index]?.key as string, row.id));
  });
  return ids;
}

/** Stores slides with their variants as assets, renditions and blobs. */
async function seedSlides(db: Db, all: ScheduleSlide[], campaignIds: Map<string, string>, groupIds: Map<string, string>, defaults: Set<string>) {
  const slideIds: string[] = [];
  const assetIds: string[] = [];
  await insertInBatches(all, async (batch) => {
    const inserted = await db
      .insert(slides)
      .values(
        batch.map((slide) => ({
          campaignId: campaignIds.get(slide.campaignId) as string,
          name: slide.id,
          durationSeconds: slide.durationSeconds,
          window: slide.window ?? null,
          targeting: { ...slide.targeting, ...(slide.targeting.groups ? { groups: slide.targeting.groups.map((name) => groupIds.get(name) as string) } : {}) },
          fit: slide.fit,
          locked: slide.locked,
          position: slide.position,
          isDefault: defaults.has(slide.id),
        })),
      )
      .returning({ id: slides.id });
    const variants = batch.flatMap((slide, index) => slide.variants.map((variant) => ({ slideId: inserted[index]?.id as string, slide, variant })));
    const blobRows = variants.flatMap(({ variant }) => variant.renditions.map((rendition) => ({ hash: sha256(rendition.hash), bytes: rendition.bytes, mime: 'image/webp' })));
    await db.insert(blobs).values(blobRows).onConflictDoNothing();
    const assetRows = await db
      .insert(assets)
      .values(
        variants.map(({ slide, variant }) => {
          const largest = variant.renditions[variant.renditions.length - 1];
          const master = sha256(largest?.hash as string);
          return {
            campaignId: campaignIds.get(slide.campaignId) as string,
            kind: variant.kind,
            format: largest?.format ?? 'jpeg',
            masterHash: master,
            uploadHash: master,
            bytes: largest?.bytes ?? 0,
            width: largest?.width ?? null,
            height: largest?.height ?? null,
            language: variant.language,
            altText: variant.altText,
            orientation: variant.orientation,
          };
        }),
      )
      .returning({ id: assets.id });
    await db.insert(slideAssets).values(variants.map(({ slideId }, index) => ({ slideId, assetId: assetRows[index]?.id as string })));
    const renditionRows = variants.flatMap(({ variant }, index) =>
      variant.renditions.map((rendition) => ({
        assetId: assetRows[index]?.id as string,
        name: `screen-${rendition.width}x${rendition.height}`,
        hash: sha256(rendition.hash),
        format: rendition.format,
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.bytes,
      })),
    );
    await insertInBatches(renditionRows, (rows) => db.insert(renditions).values(rows));
    slideIds.push(...inserted.map((row) => row.id));
    assetIds.push(...assetRows.map((row) => row.id));
  });
  return { slideIds, assetIds };
}

/** Stores paired screens (each with a fresh bearer token) and their static group memberships. */
async function seedScreens(db: Db, count: number, seed: number, groupIds: Map<string, string>): Promise<SeededScreen[]> {
  const profiles = makeSyntheticScreens({ count, seed });
  const seeded: SeededScreen[] = [];
  await insertInBatches(profiles, async (batch) => {
    const tokens = batch.map(() => `scr_${randomBytes(24).toString('base64url')}`);
    const inserted = await db
      .insert(screens)
      .values(
        batch.map((profile, index) => ({
          name: `Bench ${profile.id}`,
          chain: profile.chain,
          countyCode: profile.countyCode as string,
          municipalityCode: profile.municipalityCode as string,
          orientation: profile.orientation,
          width: profile.width,
          height: profile.height,
          languages: profile.languages,
          timeZone: profile.timeZone,
          openingHours: profile.openingHours as never,
          playWhenClosed: profile.playWhenClosed,
          tags: profile.tags,
          tokenHash: hashSecret(tokens[index] as string),
        })),
      )
      .returning({ id: screens.id, countyCode: screens.countyCode, municipalityCode: screens.municipalityCode });
    const members = batch.flatMap((profile, index) => profile.groups.map((name) => ({ groupId: groupIds.get(name) as string, screenId: inserted[index]?.id as string })));
    if (members.length) await db.insert(screenGroupMembers).values(members);
    inserted.forEach((row, index) => seeded.push({ ...row, token: tokens[index] as string }));
  });
  return seeded;
}

/** Seeds `screens` screens and `slides` slides (plus the default support-line slide). */
export async function seedNetwork(db: Db, options: SeedOptions): Promise<SeededNetwork> {
  const seed = options.seed ?? 1;
  const { slides: synthetic } = makeSyntheticSchedule({ campaigns: options.campaigns ?? Math.max(1, Math.round(options.slides / 5)), slides: options.slides, seed });
  const support = supportLineSlide();
  const all = [...synthetic, support];
  const [owner] = await db
    .insert(organisations)
    .values({ slug: `bench-${randomBytes(4).toString('hex')}`, name: 'Benchmark agency', kind: 'national_agency' })
    .returning({ id: organisations.id });
  const groups = await db
    .insert(screenGroups)
    .values(SYNTHETIC_GROUPS.map((name) => ({ name, kind: 'static' as const })))
    .returning({ id: screenGroups.id, name: screenGroups.name });
  const groupIds = new Map(groups.map((group) => [group.name, group.id]));
  const campaignIds = await seedCampaigns(db, all, owner?.id as string);
  const { slideIds, assetIds } = await seedSlides(db, all, campaignIds, groupIds, new Set([support.id]));
  const seeded = await seedScreens(db, options.screens, seed, groupIds);
  return { screens: seeded, campaignIds: [...campaignIds.values()], slideIds, assetIds };
}

/**
 * Run as a script (`node --import tsx bench/support/seed-network.ts <pglite-dir> <screens> <slides> <out.json>`)
 * it seeds a PGlite data folder in its own process and writes the screens (ids and tokens) to a
 * file, so a benchmark's server process does not carry the memory of the bulk inserts.
 */
async function seedFromCommandLine(args: string[]): Promise<void> {
  const [dataDir, screenCount, slideCount, out] = args;
  if (!dataDir || !screenCount || !slideCount || !out) throw new Error('usage: seed-network.ts <pglite-dir> <screens> <slides> <out.json>');
  const database = await openDatabase({ dataDir });
  await database.migrate();
  const network = await seedNetwork(database.db, { screens: Number(screenCount), slides: Number(slideCount) });
  await database.close();
  await writeFile(out, JSON.stringify(network));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await seedFromCommandLine(process.argv.slice(2));
}
