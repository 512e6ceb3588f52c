import type { ContentLanguage } from '../i18n/languages.js';
import type { RenditionFormat, ScheduleRendition, ScheduleVariant, ScreenProfile } from './types.js';

/** The variant and rendition chosen for one screen. */
export interface MediaChoice {
  variant: ScheduleVariant;
  rendition: ScheduleRendition;
  fallbackLanguageUsed: boolean;
}

// Screens run Chromium: at equal size webp decodes cheaply and is small; mp4 (H.264) is the
// most widely hardware-decoded video.
const FORMAT_RANK: Record<RenditionFormat, number> = { webp: 0, avif: 1, jpeg: 2, png: 3, mp4: 0, webm: 1 };

function orientationRank(variant: ScheduleVariant, screen: ScreenProfile): number {
  if (variant.orientation === screen.orientation) return 0;
  return variant.orientation === 'any' ? 1 : 2;
}

/**
 * The language to show: the screen's first preference any variant has, else the fallback
 * language, else the language of the first listed variant.
 */
function chooseLanguage(
  variants: readonly ScheduleVariant[],
  screen: ScreenProfile,
  fallbackLanguage: ContentLanguage,
): ContentLanguage | null {
  for (const language of screen.languages) {
    if (variants.some((variant) => variant.language === language)) return language;
  }
  if (variants.some((variant) => variant.language === fallbackLanguage)) return fallbackLanguage;
  return variants[0]?.language ?? null;
}

function compareRenditions(a: ScheduleRendition, b: ScheduleRendition): number {
  return (
    a.width * a.height - b.width * b.height ||
    FORMAT_RANK[a.format] - FORMAT_RANK[b.format] ||
    a.bytes - b.bytes ||
    (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0)
  );
}

/**
 * The smallest rendition covering the screen's width x height, else the largest; at the same
 * size webp before avif, jpeg and png (mp4 before webm), then fewer bytes, then hash.
 */
export function chooseRendition(
  renditions: readonly ScheduleRendition[],
  screen: Pick<ScreenProfile, 'width' | 'height'>,
): ScheduleRendition | null {
  let smallestCovering: ScheduleRendition | null = null;
  let largest: ScheduleRendition | null = null;
  for (const rendition of renditions) {
    const covers = rendition.width >= screen.width && rendition.height >= screen.height;
    if (covers && (smallestCovering === null || compareRenditions(rendition, smallestCovering) < 0)) {
      smallestCovering = rendition;
    }
    const area = rendition.width * rendition.height;
    const largestArea = largest === null ? -1 : largest.width * largest.height;
    // Among the largest, still prefer the better format and fewer bytes.
    if (
      largest === null ||
      area > largestArea ||
      (area === largestArea && compareRenditions(rendition, largest) < 0)
    ) {
      largest = rendition;
    }
  }
  return smallestCovering ?? largest;
}

/**
 * Picks the variant for a screen: language first (see chooseLanguage), then orientation (the
 * screen's, then 'any', then the other), the earliest listed on a tie; variants without
 * renditions are unplayable and ignored. Null when no variant is playable.
 */
export function chooseMedia(
  variants: readonly ScheduleVariant[],
  screen: ScreenProfile,
  fallbackLanguage: ContentLanguage,
): MediaChoice | null {
  const playable = variants.filter((variant) => variant.renditions.length > 0);
  const language = chooseLanguage(playable, screen, fallbackLanguage);
  if (language === null) return null;
  let best: ScheduleVariant | null = null;
  for (const variant of playable) {
    if (variant.language !== language) continue;
    if (best === null || orientationRank(variant, screen) < orientationRank(best, screen)) best = variant;
  }
  if (best === null) return null;
  const rendition = chooseRendition(best.renditions, screen);
  if (rendition === null) return null;
  return { variant: best, rendition, fallbackLanguageUsed: !screen.languages.includes(language) };
}
