import { randomBytes, randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { hashSecret } from '../../src/accounts/secrets.js';
import { blobs, assets } from '../../src/assets/schema.js';
import { campaigns } from '../../src/campaigns/schema.js';
import type { Db } from '../../src/db/client.js';
import { plays } from '../../src/plays/schema.js';
import { screens } from '../../src/screens/schema.js';
import { slideAssets, slides } from '../../src/slides/schema.js';
import { type TestContext, unique } from '../support/test-app.js';

/** A paired screen made directly in the database (not via pairing), with its bearer token. */
export async function createScreen(
  t: TestContext,
  region: { municipalityCode: string; countyCode?: string },
  pairedAt: Date = t.clock.now(),
): Promise<{ id: string; token: string }> {
  return insertScreen(t.database.db, region, pairedAt);
}

/** The same on any database (a test that runs its own instance has no TestContext). */
export async function insertScreen(
  db: Db,
  region: { municipalityCode: string; countyCode?: string },
  pairedAt: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const token = `scr_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(screens)
    .values({
      name: unique('screen'),
      countyCode: region.countyCode ?? region.municipalityCode.slice(0, 2),
      municipalityCode: region.municipalityCode,
      orientation: 'landscape',
      width: 1920,
      height: 1080,
      languages: ['sv'],
      tokenHash: hashSecret(token),
      pairedAt,
    })
    .returning({ id: screens.id });
  if (!row) throw new Error('screen not created');
  return { id: row.id, token };
}

/** What a slide play refers to: a campaign, a slide and an asset. */
export interface PlayTarget {
  campaignId: string;
  slideId: string;
  assetId: string;
}

/** Ids that stand for a slide without rows behind them (plays hold plain ids). */
export function looseTarget(): PlayTarget {
  return { campaignId: randomUUID(), slideId: randomUUID(), assetId: randomUUID() };
}

/** A real campaign with one slide and one asset, so a test can delete them afterwards. */
export async function createSlideWithAsset(t: TestContext): Promise<PlayTarget> {
  const db = t.database.db;
  const owner = await t.organisation({ kind: 'national_agency' });
  const [campaign] = await db
    .insert(campaigns)
    .values({
      slug: unique('campaign'),
      title: { sv: 'Tillsammans mot våld' },
      summary: { sv: 'Hjälp finns' },
      description: { sv: 'Bildspel i butiker' },
      tier: 'national',
      ownerOrganisationId: owner.id,
      languages: ['sv'],
      airing: { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] } as never,
    })
    .returning({ id: campaigns.id });
  if (!campaign) throw new Error('campaign not created');
  const hash = randomBytes(32).toString('hex');
  await db.insert(blobs).values({ hash, bytes: 1000, mime: 'image/png' });
  const [asset] = await db
    .insert(assets)
    .values({
      campaignId: campaign.id,
      kind: 'image',
      format: 'png',
      masterHash: hash,
      uploadHash: hash,
      bytes: 1000,
      language: 'sv',
    })
    .returning({ id: assets.id });
  const [slide] = await db
    .insert(slides)
    .values({ campaignId: campaign.id, name: 'Var finns hjälp', durationSeconds: 10 })
    .returning({ id: slides.id });
  if (!asset || !slide) throw new Error('slide or asset not created');
  await db.insert(slideAssets).values({ slideId: slide.id, assetId: asset.id });
  return { campaignId: campaign.id, slideId: slide.id, assetId: asset.id };
}

/** Deletes a slide and its asset rows for good (not a soft delete). */
export async function deleteSlideAndAsset(t: TestContext, target: PlayTarget): Promise<void> {
  const db = t.database.db;
  await db.delete(slideAssets).where(eq(slideAssets.slideId, target.slideId));
  await db.delete(slides).where(eq(slides.id, target.slideId));
  await db.delete(assets).where(eq(assets.id, target.assetId));
}

/** One play event as a player would send it. */
export function playEvent(target: PlayTarget, startedAt: Date | string, durationMs = 10_000) {
  return {
    eventId: randomUUID(),
    ...target,
    startedAt: typeof startedAt === 'string' ? startedAt : startedAt.toISOString(),
    durationMs,
  };
}

/** `n` consecutive plays of a target, `durationMs` apart, starting at `from`. */
export function playEvents(target: PlayTarget, from: Date, n: number, durationMs = 10_000) {
  return Array.from({ length: n }, (_, i) =>
    playEvent(target, new Date(from.getTime() + i * durationMs), durationMs),
  );
}

/** Posts a batch as a screen. */
export function postPlays(t: TestContext, token: string | undefined, events: unknown[]) {
  return t.request('/api/v1/screens/me/plays', { method: 'POST', token, json: { events } });
}

/** How many plays are stored. */
export async function playCount(t: TestContext): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(plays);
  return row?.n ?? 0;
}
