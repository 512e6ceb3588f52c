import { DateTime } from 'luxon';
import type { ContentLanguage } from '../i18n/languages.js';
import { type CompiledSchedule, compileSchedule } from '../schedule/compile.js';
import type { PlaylistResult, ScheduleSlide } from '../schedule/types.js';
import { DEFAULT_TIME_ZONE } from '../windows/window-schema.js';
import type { ScheduleSource, SourceSlide } from './schedule-source.js';

/** Loop policy from configuration. */
export interface LoopSettings {
  nationalShare: number;
  fallbackLanguage: ContentLanguage;
}

/**
 * Stands in for the default loop while no default slide exists (compileSchedule needs one). It
 * is never shown: idleAware strips it, leaving an empty loop that the player fills itself.
 */
export const IDLE_SLIDE_ID = 'idle';
const IDLE_SLIDE: ScheduleSlide = {
  id: IDLE_SLIDE_ID,
  campaignId: IDLE_SLIDE_ID,
  campaignSlug: IDLE_SLIDE_ID,
  tier: 'national',
  campaignWindow: { spans: [{ kind: 'always' }] },
  durationSeconds: 10,
  locked: false,
  position: 0,
  fit: 'contain',
  targeting: {},
  variants: [
    {
      assetId: IDLE_SLIDE_ID,
      language: 'sv',
      orientation: 'any',
      kind: 'image',
      altText: '',
      renditions: [{ hash: IDLE_SLIDE_ID, url: '', width: 1, height: 1, format: 'png', bytes: 0 }],
    },
  ],
};

/** Rights are granted per calendar day in Sweden, whatever zone a screen is in. */
export const RIGHTS_TIME_ZONE = DEFAULT_TIME_ZONE;

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDayOf(instant: Date, zone: string = RIGHTS_TIME_ZONE): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** The slide as it may be shown on `day`: variants whose rights ended before it are left out. */
function onDay(slide: SourceSlide, day: string): ScheduleSlide {
  const { isDefault: _isDefault, variants, ...rest } = slide;
  return {
    ...rest,
    variants: variants
      .filter((variant) => variant.rightsExpiry === null || variant.rightsExpiry >= day)
      .map(({ rightsExpiry: _rights, ...variant }) => variant),
  };
}

/** The compiled schedule for one local day (rights expiry is the only thing that varies by day). */
export function compileScheduleForDay(source: ScheduleSource, settings: LoopSettings, day: string): CompiledSchedule {
  const regular = source.slides.filter((slide) => !slide.isDefault).map((slide) => onDay(slide, day));
  const defaults = source.slides
    .filter((slide) => slide.isDefault)
    .map((slide) => onDay(slide, day))
    .filter((slide) => slide.variants.some((variant) => variant.renditions.length > 0));
  return compileSchedule(regular, {
    nationalShare: settings.nationalShare,
    fallbackLanguage: settings.fallbackLanguage,
    defaultLoop: defaults.length ? defaults : [IDLE_SLIDE],
  });
}

/** The days on which some variant's rights end (its last day): schedules differ after them. */
export function rightsEndDays(source: ScheduleSource): Set<string> {
  const days = new Set<string>();
  for (const slide of source.slides) for (const variant of slide.variants) if (variant.rightsExpiry) days.add(variant.rightsExpiry);
  return days;
}

/** A playlist without the idle stand-in (see IDLE_SLIDE_ID). */
export function withoutIdle(result: PlaylistResult): PlaylistResult {
  if (result.status !== 'playing' || !result.usedDefaultLoop || !result.items.some((item) => item.slideId === IDLE_SLIDE_ID)) return result;
  return { ...result, items: [], loopSeconds: 0, nationalSeconds: 0 };
}
