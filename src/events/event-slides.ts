import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { recordAsset } from '../assets/assets-service.js';
import { assets } from '../assets/schema.js';
import { type CampaignRow, findCampaign } from '../campaigns/campaigns-service.js';
import type { DbOrTx } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import { useBundledFonts } from '../media/fonts.js';
import { configureSharp } from '../media/images.js';
import { ingestUpload } from '../media/ingest.js';
import { slideAssets, slides } from '../slides/schema.js';
import { eventNotOverAt, liveEvent } from './event-sql.js';
import {
  type ProgrammeSlidePlan,
  type ProgrammeVariant,
  planProgrammeSlide,
  programmeRenditionSpec,
} from './programme-slide.js';
import { eventSlides, events } from './schema.js';

/** One county's programme of one campaign: the unit that gets one generated slide. */
export interface ProgrammeKey {
  campaignId: string;
  countyCode: string;
}

export type EventSlideOutcome =
  | { status: 'unchanged' | 'rendered'; slideId: string }
  | { status: 'removed' | 'empty'; slideId: null };

// Regenerations of one programme run one at a time: in this process by a promise chain, across
// instances by an advisory lock, so two writers never both render and store the same programme.
const running = new Map<string, Promise<unknown>>();

function lockKeyOf(key: ProgrammeKey): number {
  return createHash('sha256').update(`events:${key.campaignId}:${key.countyCode}`).digest().readInt32BE(0);
}

async function oneAtATime<T>(deps: AppDeps, key: ProgrammeKey, work: () => Promise<T>): Promise<T> {
  const name = `${key.campaignId}:${key.countyCode}`;
  const before = running.get(name) ?? Promise.resolve();
  const next = before.catch(() => {}).then(() => deps.database.withLock(lockKeyOf(key), work));
  running.set(name, next);
  try {
    return await next;
  } finally {
    if (running.get(name) === next) running.delete(name);
  }
}

/** Renders one variant with sharp and stores it as an image asset of the campaign, with renditions. */
async function storeVariant(
  deps: AppDeps,
  campaign: CampaignRow,
  variant: ProgrammeVariant,
): Promise<string> {
  useBundledFonts();
  configureSharp();
  const png = await sharp(Buffer.from(variant.svg)).png().toBuffer();
  const tmpDir = path.join(deps.config.dataDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `programme-${randomUUID()}.png`);
  await writeFile(tmpPath, png);
  const ingested = await ingestUpload(tmpPath, {
    store: deps.storage,
    limits: { tmpDir, maxPixels: deps.config.IMAGE_MAX_MEGAPIXELS * 1_000_000 },
    renditionSpec: programmeRenditionSpec(variant.orientation),
  });
  if (!ingested.ok) throw new Error(`programme image refused: ${ingested.code}: ${ingested.detail}`);
  const asset = await recordAsset(deps.database.db, deps.storage, {
    campaignId: campaign.id,
    createdBy: null,
    uploadHash: createHash('sha256').update(png).digest('hex'),
    master: ingested.master,
    renditions: ingested.renditions,
    metadata: {
      language: variant.language,
      altText: variant.altText,
      title: variant.title,
      purposes: ['screen'],
      orientation: variant.orientation,
    },
  });
  return asset.id;
}

async function withdrawAssets(tx: DbOrTx, ids: string[], now: Date): Promise<void> {
  if (ids.length)
    await tx
      .update(assets)
      .set({ deletedAt: now })
      .where(and(inArray(assets.id, ids), isNull(assets.deletedAt)));
}

async function liveSlideOf(tx: DbOrTx, slideId: string | null): Promise<string | null> {
  if (!slideId) return null;
  const [slide] = await tx
    .select({ id: slides.id })
    .from(slides)
    .where(and(eq(slides.id, slideId), isNull(slides.deletedAt)));
  return slide?.id ?? null;
}

async function slideAssetIds(tx: DbOrTx, slideId: string | null): Promise<string[]> {
  if (!slideId) return [];
  return (
    await tx.select({ id: slideAssets.assetId }).from(slideAssets).where(eq(slideAssets.slideId, slideId))
  ).map((row) => row.id);
}

async function saveState(
  tx: DbOrTx,
  key: ProgrammeKey,
  slideId: string | null,
  contentHash: string | null,
  now: Date,
) {
  await tx
    .insert(eventSlides)
    .values({ ...key, slideId, contentHash, updatedAt: now })
    .onConflictDoUpdate({
      target: [eventSlides.campaignId, eventSlides.countyCode],
      set: { slideId, contentHash, updatedAt: now },
    });
}

/** Puts freshly stored assets on the programme slide (made if missing), withdrawing the ones they replace. */
async function attachVariants(
  deps: AppDeps,
  key: ProgrammeKey,
  plan: ProgrammeSlidePlan,
  assetIds: string[],
  now: Date,
): Promise<string> {
  const outcome = await writeWithScheduleChange(deps.database.db, 'schedule', async (tx) => {
    const [state] = await tx
      .select()
      .from(eventSlides)
      .where(and(eq(eventSlides.campaignId, key.campaignId), eq(eventSlides.countyCode, key.countyCode)));
    const values = {
      name: plan.name,
      durationSeconds: plan.durationSeconds,
      targeting: plan.targeting,
      window: null,
      fit: 'contain' as const,
      updatedAt: now,
    };
    let slideId = await liveSlideOf(tx, state?.slideId ?? null);
    const replaced = await slideAssetIds(tx, slideId);
    if (slideId) {
      await tx.update(slides).set(values).where(eq(slides.id, slideId));
      await tx.delete(slideAssets).where(eq(slideAssets.slideId, slideId));
    } else {
      // Placed after the campaign's own slides of its tier.
      const [slide] = await tx
        .insert(slides)
        .values({ ...values, campaignId: key.campaignId, position: 1000, createdAt: now })
        .returning({ id: slides.id });
      if (!slide) throw new Error('programme slide insert returned no row');
      slideId = slide.id;
    }
    await tx.insert(slideAssets).values(assetIds.map((assetId) => ({ slideId: slideId as string, assetId })));
    await withdrawAssets(
      tx,
      replaced.filter((id) => !assetIds.includes(id)),
      now,
    );
    await saveState(tx, key, slideId, plan.contentHash, now);
    return { ok: true as const, slideId };
  });
  return outcome.slideId;
}

/** Takes the programme slide off the screens: nothing of the programme is left to show. */
async function removeSlide(deps: AppDeps, key: ProgrammeKey, slideId: string, now: Date): Promise<void> {
  await writeWithScheduleChange(deps.database.db, 'schedule', async (tx) => {
    await tx.update(slides).set({ deletedAt: now, updatedAt: now }).where(eq(slides.id, slideId));
    await withdrawAssets(tx, await slideAssetIds(tx, slideId), now);
    await saveState(tx, key, null, null, now);
    return { ok: true as const };
  });
}

async function regenerate(deps: AppDeps, key: ProgrammeKey, now: Date): Promise<EventSlideOutcome> {
  const { db } = deps.database;
  const campaign = await findCampaign(db, key.campaignId);
  if (!campaign) return { status: 'empty', slideId: null };
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.campaignId, key.campaignId), eq(events.countyCode, key.countyCode), liveEvent))
    .orderBy(asc(events.startsAt), asc(events.id));
  const plan = planProgrammeSlide({
    campaign,
    countyCode: key.countyCode,
    events: rows,
    at: now,
    publicUrl: deps.config.PUBLIC_URL,
  });
  const [state] = await db
    .select()
    .from(eventSlides)
    .where(and(eq(eventSlides.campaignId, key.campaignId), eq(eventSlides.countyCode, key.countyCode)));
  const slideId = await liveSlideOf(db, state?.slideId ?? null);
  if (!plan) {
    if (slideId) await removeSlide(deps, key, slideId, now);
    return { status: slideId ? 'removed' : 'empty', slideId: null };
  }
  if (slideId && state?.contentHash === plan.contentHash) return { status: 'unchanged', slideId };
  // The variants are independent: rendering them side by side keeps an event write quick.
  const stored = await Promise.allSettled(
    plan.variants.map((variant) => storeVariant(deps, campaign, variant)),
  );
  const assetIds = stored.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  try {
    const failed = stored.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return { status: 'rendered', slideId: await attachVariants(deps, key, plan, assetIds, now) };
  } catch (error) {
    // Half a set of images must not linger as live assets of the campaign.
    await withdrawAssets(db, assetIds, now).catch(() => {});
    throw error;
  }
}

/**
 * Brings the generated programme slide of one campaign in one county up to date with its events
 * at `now`: renders and attaches new images when what they would show changed, removes the slide
 * when nothing is left to show, and otherwise changes nothing (not even the schedule version).
 */
export function refreshEventSlide(deps: AppDeps, key: ProgrammeKey, now: Date): Promise<EventSlideOutcome> {
  return oneAtATime(deps, key, () => regenerate(deps, key, now));
}

/**
 * Refreshes programmes after an event write. The write has already been committed, so a failure
 * here is logged rather than answered; the hourly job brings the slide up to date.
 */
export async function refreshEventSlidesQuietly(deps: AppDeps, keys: ProgrammeKey[]): Promise<void> {
  for (const key of keys) {
    try {
      await refreshEventSlide(deps, key, deps.clock.now());
    } catch (error) {
      deps.log.error({ err: error, ...key }, 'events: programme slide not refreshed');
    }
  }
}

/** The hourly job: refreshes every programme with events not yet over, or with a slide still up. */
export async function refreshAllEventSlides(
  deps: AppDeps,
  now: Date,
): Promise<Record<EventSlideOutcome['status'], number>> {
  const { db } = deps.database;
  const withEvents = await db
    .selectDistinct({ campaignId: events.campaignId, countyCode: events.countyCode })
    .from(events)
    .where(and(liveEvent, eventNotOverAt(now)));
  const withSlides = await db
    .select({ campaignId: eventSlides.campaignId, countyCode: eventSlides.countyCode })
    .from(eventSlides)
    .where(isNotNull(eventSlides.slideId));
  const keys = new Map(
    [...withEvents, ...withSlides].map((key) => [`${key.campaignId}:${key.countyCode}`, key]),
  );
  const counts = { unchanged: 0, rendered: 0, removed: 0, empty: 0 };
  for (const key of keys.values()) counts[(await refreshEventSlide(deps, key, now)).status] += 1;
  return counts;
}
