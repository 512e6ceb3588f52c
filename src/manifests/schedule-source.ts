import { and, eq, inArray, isNull } from 'drizzle-orm';
import { mediaUrl } from '../assets/media-types.js';
import { assets, renditions } from '../assets/schema.js';
import { campaigns } from '../campaigns/schema.js';
import type { Db } from '../db/client.js';
import type { ContentLanguage } from '../i18n/languages.js';
import type { RenditionFormat, ScheduleRendition, ScheduleSlide, ScheduleVariant } from '../schedule/types.js';
import { slideAssets, slides } from '../slides/schema.js';

/** A variant with the last day (local date, inclusive) its artwork may be shown; null = no limit. */
export interface SourceVariant extends ScheduleVariant {
  rightsExpiry: string | null;
}

/** A slide as loaded, before variants past their rights are left out for a given day. */
export interface SourceSlide extends Omit<ScheduleSlide, 'variants'> {
  isDefault: boolean;
  variants: SourceVariant[];
}

/** Everything manifests are computed from (besides screens), loaded once per schedule generation. */
export interface ScheduleSource {
  slides: SourceSlide[];
}

const SCREEN_FORMATS: Record<string, RenditionFormat> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'avif', mp4: 'mp4', webm: 'webm' };

/** A stored file as a schedule rendition, or null when screens cannot show its format. */
export function toScheduleRendition(file: { hash: string; format: string; width: number | null; height: number | null; bytes: number }): ScheduleRendition | null {
  const format = SCREEN_FORMATS[file.format];
  if (!format) return null;
  return { hash: file.hash, url: mediaUrl(file.hash, format), format, width: file.width ?? 0, height: file.height ?? 0, bytes: file.bytes };
}

// Crops for social media share the asset's renditions table; a screen only gets files with the
// artwork's own shape (within 2 %), so a square crop never stands in for a landscape slide.
function keepsShape(asset: { width: number | null; height: number | null }, rendition: ScheduleRendition): boolean {
  if (!asset.width || !asset.height || !rendition.width || !rendition.height) return true;
  const wanted = asset.width / asset.height;
  return Math.abs(rendition.width / rendition.height - wanted) <= 0.02 * wanted;
}

const variantKey = (variant: SourceVariant) => `${variant.language}\u0000${variant.orientation}\u0000${variant.assetId}`;
const compareVariants = (a: SourceVariant, b: SourceVariant) => (variantKey(a) < variantKey(b) ? -1 : variantKey(a) > variantKey(b) ? 1 : 0);

const assetColumns = {
  id: assets.id,
  kind: assets.kind,
  format: assets.format,
  masterHash: assets.masterHash,
  bytes: assets.bytes,
  width: assets.width,
  height: assets.height,
  language: assets.language,
  altText: assets.altText,
  title: assets.title,
  orientation: assets.orientation,
  rightsExpiry: assets.rightsExpiry,
};
const renditionColumns = {
  assetId: renditions.assetId,
  hash: renditions.hash,
  format: renditions.format,
  width: renditions.width,
  height: renditions.height,
  bytes: renditions.bytes,
};

const liveSlide = and(isNull(slides.deletedAt), eq(campaigns.status, 'published'));

/**
 * Loads the slides of published campaigns with their image and video variants and the
 * renditions screens can show (the master too, so a slide plays before its renditions exist).
 * Deleted slides and assets are left out; rights expiry is applied per day by the caller.
 */
export async function loadScheduleSource(db: Db): Promise<ScheduleSource> {
  const slideRows = await db
    .select({ slide: slides, campaignSlug: campaigns.slug, tier: campaigns.tier, airing: campaigns.airing })
    .from(slides)
    .innerJoin(campaigns, eq(campaigns.id, slides.campaignId))
    .where(liveSlide);
  const variantRows = await db
    .select({ slideId: slideAssets.slideId, asset: assetColumns })
    .from(slideAssets)
    .innerJoin(slides, eq(slides.id, slideAssets.slideId))
    .innerJoin(campaigns, eq(campaigns.id, slides.campaignId))
    .innerJoin(assets, eq(assets.id, slideAssets.assetId))
    .where(and(liveSlide, isNull(assets.deletedAt), inArray(assets.kind, ['image', 'video'])));
  const renditionRows = await db
    .selectDistinct(renditionColumns)
    .from(renditions)
    .innerJoin(slideAssets, eq(slideAssets.assetId, renditions.assetId))
    .innerJoin(slides, eq(slides.id, slideAssets.slideId))
    .innerJoin(campaigns, eq(campaigns.id, slides.campaignId))
    .where(liveSlide);

  const renditionsByAsset = new Map<string, ScheduleRendition[]>();
  for (const row of renditionRows) {
    const rendition = toScheduleRendition(row);
    if (rendition) renditionsByAsset.set(row.assetId, [...(renditionsByAsset.get(row.assetId) ?? []), rendition]);
  }
  const variantsBySlide = new Map<string, SourceVariant[]>();
  for (const { slideId, asset } of variantRows) {
    const master = toScheduleRendition({ ...asset, hash: asset.masterHash });
    const files = [...(renditionsByAsset.get(asset.id) ?? []), ...(master ? [master] : [])].filter((file) => keepsShape(asset, file));
    const variant: SourceVariant = {
      assetId: asset.id,
      language: asset.language as ContentLanguage,
      orientation: asset.orientation,
      kind: asset.kind as 'image' | 'video',
      altText: asset.altText ?? asset.title ?? '',
      renditions: [...new Map(files.map((file) => [file.hash, file])).values()],
      rightsExpiry: asset.rightsExpiry,
    };
    variantsBySlide.set(slideId, [...(variantsBySlide.get(slideId) ?? []), variant]);
  }
  return {
    slides: slideRows.map(({ slide, campaignSlug, tier, airing }) => ({
      id: slide.id,
      campaignId: slide.campaignId,
      campaignSlug,
      tier,
      campaignWindow: airing,
      ...(slide.window ? { window: slide.window } : {}),
      durationSeconds: slide.durationSeconds,
      locked: slide.locked,
      position: slide.position,
      fit: slide.fit,
      targeting: slide.targeting,
      isDefault: slide.isDefault,
      // Sorted so that the same rows always give the same manifest bytes.
      variants: (variantsBySlide.get(slide.id) ?? []).sort(compareVariants),
    })),
  };
}
