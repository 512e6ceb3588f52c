import type { ContentLanguage } from '../i18n/languages.js';
import type { Window } from '../windows/window-schema.js';
import { compareEntries, type LoopEntry, type OrderKey } from './loop-composition.js';
import { bucketKeysOf, type CompiledTargeting, compileTargeting, screenBucketKeys } from './targeting.js';
import type { PlaylistItem, ScheduleRules, ScheduleSlide, ScreenProfile } from './types.js';

/** The loop length cap when the rules name none. */
export const DEFAULT_MAX_LOOP_SECONDS = 600;

/** A slide ready for loop composition, with the item it plays on one media profile. */
export interface SlideEntry extends LoopEntry {
  readonly item: Readonly<PlaylistItem>;
}

/** A slide with its windows interned and its targeting precompiled. */
export interface CompiledSlide {
  slide: ScheduleSlide;
  /**
   * Loop entries already resolved for a screen's media profile (orientation, size, languages),
   * filled lazily by resolve: fleets have few distinct profiles, so this stays small.
   */
  readonly entriesByMediaProfile: Map<string, SlideEntry | null>;
  /** Index into CompiledSchedule.windows. */
  campaignWindowId: number;
  /** Index into CompiledSchedule.windows, or -1 when the slide has no window of its own. */
  windowId: number;
  targeting: CompiledTargeting;
}

/**
 * Slides indexed for resolution, built once whenever slides or rules change and shared by every
 * screen and instant. Identical windows are stored once so that one evaluation per resolve serves
 * every slide of a campaign.
 */
export interface CompiledSchedule {
  readonly slides: readonly CompiledSlide[];
  readonly windows: readonly Window[];
  /** Slide indexes per bucket key (see bucketKeysOf). */
  readonly buckets: ReadonlyMap<string, readonly number[]>;
  /** Default-loop slides that have at least one playable variant. */
  readonly defaultLoop: readonly CompiledSlide[];
  readonly nationalShare: number;
  readonly fallbackLanguage: ContentLanguage;
  readonly maxLoopSeconds: number;
}

function assertSlide(slide: ScheduleSlide): void {
  if (!(Number.isFinite(slide.durationSeconds) && slide.durationSeconds > 0)) {
    throw new Error(`slide ${slide.id}: durationSeconds must be a positive number`);
  }
  if (!Number.isFinite(slide.position))
    throw new Error(`slide ${slide.id}: position must be a finite number`);
}

function assertRules(rules: ScheduleRules): number {
  if (!(rules.nationalShare >= 0 && rules.nationalShare <= 1)) {
    throw new Error(`nationalShare must be between 0 and 1, got ${rules.nationalShare}`);
  }
  const maxLoopSeconds = rules.maxLoopSeconds ?? DEFAULT_MAX_LOOP_SECONDS;
  if (!(Number.isFinite(maxLoopSeconds) && maxLoopSeconds > 0)) {
    throw new Error(`maxLoopSeconds must be a positive number, got ${maxLoopSeconds}`);
  }
  return maxLoopSeconds;
}

function isPlayable(slide: ScheduleSlide): boolean {
  return slide.variants.some((variant) => variant.renditions.length > 0);
}

/** Interns windows by content, so equal windows share one id and one evaluation. */
function createWindowInterner(): { windows: Window[]; idOf: (window: Window) => number } {
  const windows: Window[] = [];
  const byObject = new Map<Window, number>();
  const byContent = new Map<string, number>();
  const idOf = (window: Window): number => {
    const known = byObject.get(window);
    if (known !== undefined) return known;
    const key = JSON.stringify(window);
    let id = byContent.get(key);
    if (id === undefined) {
      id = windows.push(window) - 1;
      byContent.set(key, id);
    }
    byObject.set(window, id);
    return id;
  };
  return { windows, idOf };
}

/**
 * Validates and indexes slides and rules. Slides without any rendition (media still processing)
 * are left out. Throws on faults (duplicate slide ids, non-positive durations, a share outside
 * 0..1, a default loop with nothing playable): these are data bugs, not expected outcomes.
 */
export function compileSchedule(slides: readonly ScheduleSlide[], rules: ScheduleRules): CompiledSchedule {
  const maxLoopSeconds = assertRules(rules);
  const interner = createWindowInterner();
  const compileSlide = (slide: ScheduleSlide): CompiledSlide => {
    assertSlide(slide);
    return {
      slide,
      campaignWindowId: interner.idOf(slide.campaignWindow),
      windowId: slide.window ? interner.idOf(slide.window) : -1,
      targeting: compileTargeting(slide.targeting),
      entriesByMediaProfile: new Map(),
    };
  };
  // Sorting here makes every later step independent of input order.
  const sorted = [...slides].sort((a, b) => compareEntries(orderKeyOf(a), orderKeyOf(b)));
  const compiled: CompiledSlide[] = [];
  const buckets = new Map<string, number[]>();
  const ids = new Set<string>();
  for (const slide of sorted) {
    if (ids.has(slide.id)) throw new Error(`duplicate slide id ${slide.id}`);
    ids.add(slide.id);
    if (!isPlayable(slide)) continue;
    const entry = compileSlide(slide);
    for (const key of bucketKeysOf(entry.targeting)) {
      const bucket = buckets.get(key) ?? [];
      bucket.push(compiled.length);
      buckets.set(key, bucket);
    }
    compiled.push(entry);
  }
  const defaultLoop = [...rules.defaultLoop]
    .sort((a, b) => compareEntries(orderKeyOf(a), orderKeyOf(b)))
    .filter(isPlayable)
    .map(compileSlide);
  if (defaultLoop.length === 0) throw new Error('the default loop needs at least one slide with a rendition');
  return {
    slides: compiled,
    windows: interner.windows,
    buckets,
    defaultLoop,
    nationalShare: rules.nationalShare,
    fallbackLanguage: rules.fallbackLanguage,
    maxLoopSeconds,
  };
}

function orderKeyOf(slide: ScheduleSlide): OrderKey {
  return { slideId: slide.id, tier: slide.tier, position: slide.position };
}

/** Indexes of the slides filed under any of the screen's bucket keys, ascending, each once. */
export function candidateIndexes(schedule: CompiledSchedule, screen: ScreenProfile): number[] {
  const lists: Array<readonly number[]> = [];
  for (const key of screenBucketKeys(screen)) {
    const bucket = schedule.buckets.get(key);
    if (bucket && bucket.length > 0) lists.push(bucket);
  }
  if (lists.length === 1) return [...(lists[0] ?? [])];
  const seen = new Uint8Array(schedule.slides.length);
  const indexes: number[] = [];
  for (const list of lists) {
    for (const index of list) {
      if (seen[index] === 1) continue;
      seen[index] = 1;
      indexes.push(index);
    }
  }
  return indexes.sort((a, b) => a - b);
}
