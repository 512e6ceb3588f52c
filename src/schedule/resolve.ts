import { isOpenAtLocal, type LocalMoment, localMomentOf, nextOpening } from '../windows/evaluate.js';
import { type CompiledSchedule, type CompiledSlide, candidateIndexes, type SlideEntry } from './compile.js';
import { composeLoop } from './loop-composition.js';
import { chooseMedia } from './media-choice.js';
import { openingHoursWindows } from './opening-hours.js';
import { targetingMatches } from './targeting.js';
import type { PlaylistItem, PlaylistResult, ScreenProfile } from './types.js';

// A weekly timetable reopens within 7 days; one more day covers a span that starts the day after.
const OPENING_HORIZON_DAYS = 8;

// Distinct media profiles (orientation, size, languages) remembered per slide.
const MAX_CACHED_PROFILES = 256;

const WINDOW_UNKNOWN = 0;
const WINDOW_OPEN = 1;
const WINDOW_CLOSED = 2;

/** Whether the shop is open at the moment; true when the screen plays regardless of hours. */
function shopIsOpen(screen: ScreenProfile, moment: LocalMoment): boolean {
  if (screen.playWhenClosed || screen.openingHours === null) return true;
  return openingHoursWindows(screen.openingHours).some((window) => isOpenAtLocal(window, moment));
}

/** When the shop opens next after `instant`, or null when its hours never open it. */
export function nextShopOpening(screen: ScreenProfile, instant: Date): Date | null {
  if (screen.openingHours === null) return null;
  let earliest: Date | null = null;
  for (const window of openingHoursWindows(screen.openingHours)) {
    const opening = nextOpening(window, instant, screen.timeZone, OPENING_HORIZON_DAYS);
    if (opening !== null && (earliest === null || opening.getTime() < earliest.getTime())) earliest = opening;
  }
  return earliest;
}

/** The part of a screen that decides which variant and rendition it gets. */
function mediaProfileOf(screen: ScreenProfile): string {
  return `${screen.orientation} ${screen.width}x${screen.height} ${screen.languages.join(',')}`;
}

function createEntry(
  schedule: CompiledSchedule,
  compiled: CompiledSlide,
  screen: ScreenProfile,
): SlideEntry | null {
  const { slide } = compiled;
  const media = chooseMedia(slide.variants, screen, schedule.fallbackLanguage);
  if (media === null) return null;
  const item: PlaylistItem = Object.freeze({
    slideId: slide.id,
    campaignId: slide.campaignId,
    campaignSlug: slide.campaignSlug,
    tier: slide.tier,
    assetId: media.variant.assetId,
    language: media.variant.language,
    fallbackLanguageUsed: media.fallbackLanguageUsed,
    durationSeconds: slide.durationSeconds,
    fit: slide.fit,
    kind: media.variant.kind,
    altText: media.variant.altText,
    media: media.rendition,
  });
  const { id: slideId, tier, position, durationSeconds, locked } = slide;
  return Object.freeze({ slideId, tier, position, durationSeconds, locked, item });
}

/**
 * The slide's loop entry for the screen. Entries are a pure function of the slide and the
 * screen's media profile, so they are kept on the compiled slide and items come back frozen.
 */
function entryOf(
  schedule: CompiledSchedule,
  compiled: CompiledSlide,
  screen: ScreenProfile,
  profile: string,
): SlideEntry | null {
  const cache = compiled.entriesByMediaProfile;
  let entry = cache.get(profile);
  if (entry === undefined) {
    entry = createEntry(schedule, compiled, screen);
    // A fleet of odd resolutions must not grow memory without bound; starting over is cheap.
    if (cache.size >= MAX_CACHED_PROFILES) cache.clear();
    cache.set(profile, entry);
  }
  return entry;
}

/** Entries of the slides that are open (campaign and own window) and target the screen. */
function openEntries(schedule: CompiledSchedule, screen: ScreenProfile, moment: LocalMoment): SlideEntry[] {
  // Many slides share a campaign window: each distinct window is evaluated at most once.
  const states = new Uint8Array(schedule.windows.length);
  const isOpen = (windowId: number): boolean => {
    let state = states[windowId];
    if (state === WINDOW_UNKNOWN) {
      const window = schedule.windows[windowId];
      state = window !== undefined && isOpenAtLocal(window, moment) ? WINDOW_OPEN : WINDOW_CLOSED;
      states[windowId] = state;
    }
    return state === WINDOW_OPEN;
  };
  const profile = mediaProfileOf(screen);
  const entries: SlideEntry[] = [];
  for (const index of candidateIndexes(schedule, screen)) {
    const compiled = schedule.slides[index];
    if (compiled === undefined || !isOpen(compiled.campaignWindowId)) continue;
    if (!targetingMatches(compiled.targeting, screen)) continue;
    if (compiled.windowId >= 0 && !isOpen(compiled.windowId)) continue;
    const entry = entryOf(schedule, compiled, screen, profile);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

/**
 * What a screen plays at an instant: 'closed' (with the next opening) while its shop is closed and
 * it is not asked to play anyway; otherwise a loop of the open, matching slides composed by the
 * national-share rules, or the default loop when none is open. Pure: same inputs, same result.
 * Items are frozen and shared between results (and between repetitions within a loop).
 */
export function resolvePlaylist(
  schedule: CompiledSchedule,
  screen: ScreenProfile,
  instant: Date,
): PlaylistResult {
  const moment = localMomentOf(instant, screen.timeZone);
  if (!shopIsOpen(screen, moment)) return { status: 'closed', opensAt: nextShopOpening(screen, instant) };
  let entries = openEntries(schedule, screen, moment);
  const usedDefaultLoop = entries.length === 0;
  if (usedDefaultLoop) {
    const profile = mediaProfileOf(screen);
    entries = schedule.defaultLoop.flatMap((compiled) => entryOf(schedule, compiled, screen, profile) ?? []);
  }
  const loop = composeLoop(entries, {
    nationalShare: schedule.nationalShare,
    maxLoopSeconds: schedule.maxLoopSeconds,
  });
  return {
    status: 'playing',
    items: loop.items.map((entry) => entry.item),
    loopSeconds: loop.loopSeconds,
    nationalSeconds: loop.nationalSeconds,
    usedDefaultLoop,
  };
}
