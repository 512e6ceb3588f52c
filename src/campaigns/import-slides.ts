import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { CONTENT_LANGUAGE_CODES } from '../i18n/languages.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import { type SlideTargeting, slideAssets, slides } from '../slides/schema.js';
import type { SlideSettings } from './definition-schema.js';
import type { LoadedAsset, LoadedDefinition } from './load-definitions.js';
import type { CampaignRow } from './campaigns-service.js';

/** A slide to be made from a campaign's screen artwork. */
export interface DerivedSlide {
  key: string;
  name: string;
  sourceKeys: string[];
  durationSeconds: number;
  settings: SlideSettings;
}

// Longest language codes first, so "sv-x-easy" is not read as "sv".
const LANGUAGE_PATTERN = [...CONTENT_LANGUAGE_CODES].sort((a, b) => b.length - a.length).join('|');
const SCREEN_FILE = new RegExp(`^(.+)-(${LANGUAGE_PATTERN})-(landscape|portrait)\\.[a-z0-9]+$`);

/** Seconds needed to read a text at about three words a second, and never under eight. */
export function readingSeconds(text: string | undefined): number {
  const words = (text ?? '').split(/\s+/).filter(Boolean).length;
  return Math.min(60, Math.max(8, Math.ceil(words / 3)));
}

/**
 * Groups a definition's screen artwork into slides: files named `<slide>-<language>-<orientation>`
 * are the variants of `<slide>`. The duration lets the longest variant's text be read.
 */
export function deriveSlides(definition: LoadedDefinition): DerivedSlide[] {
  const groups = new Map<string, LoadedAsset[]>();
  for (const asset of definition.assets) {
    if (!asset.purpose.includes('screen')) continue;
    const match = SCREEN_FILE.exec(path.basename(asset.path));
    const key = match?.[1] ?? path.basename(asset.path).replace(/\.[a-z0-9]+$/, '');
    groups.set(key, [...(groups.get(key) ?? []), asset]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, variants]) => {
      const settings = definition.slides?.[key] ?? {};
      return {
        key,
        name: variants.find((asset) => asset.language === 'sv')?.title?.split(' – ')[0] ?? key,
        sourceKeys: variants.map((asset) => path.relative(definition.directory, asset.path).split(path.sep).join('/')),
        durationSeconds: settings.durationSeconds ?? Math.max(...variants.map((asset) => readingSeconds(asset.altText))),
        settings,
      };
    });
}

/** Where a campaign's own slides play: its county or municipality, or everywhere when national. */
function targetingOf(campaign: CampaignRow): SlideTargeting {
  if (campaign.tier === 'county' && campaign.countyCode) return { counties: [campaign.countyCode] };
  if (campaign.tier === 'local' && campaign.municipalityCode) return { municipalities: [campaign.municipalityCode] };
  return {};
}

/**
 * Creates or updates the slides of an imported campaign (matched by name), with the given asset
 * ids as variants, in one transaction that marks the schedule changed.
 */
export async function importSlides(
  db: Db,
  campaign: CampaignRow,
  derived: DerivedSlide[],
  assetIdBySourceKey: Map<string, string>,
  now: Date,
): Promise<number> {
  const result = await writeWithScheduleChange(db, 'schedule', async (tx) => {
    let written = 0;
    for (const [index, slide] of derived.entries()) {
      const assetIds = slide.sourceKeys.map((key) => assetIdBySourceKey.get(key)).filter((id): id is string => Boolean(id));
      if (assetIds.length === 0) continue;
      const values = {
        durationSeconds: slide.durationSeconds,
        window: slide.settings.window ?? null,
        targeting: targetingOf(campaign),
        fit: slide.settings.fit ?? 'contain',
        locked: slide.settings.locked ?? campaign.tier === 'national',
        position: slide.settings.position ?? index,
        isDefault: slide.settings.isDefault ?? false,
        updatedAt: now,
      };
      const [existing] = await tx
        .select({ id: slides.id })
        .from(slides)
        .where(and(eq(slides.campaignId, campaign.id), eq(slides.name, slide.name), isNull(slides.deletedAt)))
        .limit(1);
      const slideId = existing
        ? (await tx.update(slides).set(values).where(eq(slides.id, existing.id)).returning({ id: slides.id }))[0]?.id
        : (await tx.insert(slides).values({ ...values, campaignId: campaign.id, name: slide.name, createdAt: now }).returning({ id: slides.id }))[0]?.id;
      if (!slideId) throw new Error(`could not store slide ${slide.name}`);
      await tx.delete(slideAssets).where(eq(slideAssets.slideId, slideId));
      await tx.insert(slideAssets).values(assetIds.map((assetId) => ({ slideId, assetId })));
      written += 1;
    }
    return { ok: true as const, written };
  });
  return result.written;
}
