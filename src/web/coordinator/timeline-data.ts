import { inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { SignedInUser } from '../../accounts/actor.js';
import type { Db } from '../../db/client.js';
import type { AppDeps } from '../../deps.js';
import { currentSchedule } from '../../manifests/manifest-runtime.js';
import { RIGHTS_TIME_ZONE } from '../../manifests/schedule-for-day.js';
import { toLoadedScreen } from '../../manifests/screen-profile.js';
import { buildTimeline, slidePlayIntervals } from '../../schedule/timeline.js';
import { type ScreenProfile, type Tier, TIERS } from '../../schedule/types.js';
import { listScreens, type ScreenWithGroups } from '../../screens/screens-service.js';
import { slides } from '../../slides/schema.js';

/** Which screens a timeline is for: a county's or a screen group's. */
export type TimelineSubject = { kind: 'county'; countyCode: string } | { kind: 'group'; groupId: string };

/** When one slide plays on one day, over the screens of the subject. */
export interface SlideDay {
  slideId: string;
  name: string;
  campaignSlug: string;
  tier: Tier;
  /** Local minutes after midnight [start, end), merged over all screens. */
  spans: Array<{ from: number; to: number }>;
  /** How many of the subject's screens play it that day. */
  screens: number;
}

export interface TimelineDay {
  day: string;
  slides: SlideDay[];
}

export interface Timeline {
  days: TimelineDay[];
  screenCount: number;
  /** True when the subject has no screens and a typical one (always open, Swedish, landscape) stands in. */
  typical: boolean;
}

const DAY_MINUTES = 24 * 60;

/** A screen standing in for a county without screens: open always, Swedish, landscape, in no group. */
function typicalScreen(countyCode: string): ScreenProfile {
  return {
    id: `typical-${countyCode}`,
    countyCode,
    municipalityCode: null,
    chain: null,
    groups: [],
    tags: [],
    orientation: 'landscape',
    width: 1920,
    height: 1080,
    languages: ['sv'],
    timeZone: RIGHTS_TIME_ZONE,
    openingHours: null,
    playWhenClosed: false,
  };
}

/** Screens whose profiles resolve alike share one timeline (only size differs, or nothing). */
function profileKey(profile: ScreenProfile): string {
  const { id: _id, width: _width, height: _height, ...rest } = profile;
  return JSON.stringify(rest);
}

function mergeSpans(spans: Array<{ from: number; to: number }>): Array<{ from: number; to: number }> {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const merged: Array<{ from: number; to: number }> = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

async function subjectScreens(
  deps: AppDeps,
  user: SignedInUser,
  subject: TimelineSubject,
): Promise<ScreenWithGroups[] | null> {
  const query = subject.kind === 'county' ? { county: subject.countyCode } : { group: subject.groupId };
  const listed = await listScreens(deps.database.db, user, { ...query, limit: 500, offset: 0 });
  return listed.ok ? listed.items.filter((screen) => !screen.revokedAt) : null;
}

/**
 * What plays when on the subject's screens over `days` local days from `firstDay`: the resolver's
 * own timeline per distinct screen profile and day, folded into per-slide spans. Null when the
 * subject is outside the user's scope.
 */
export async function buildWeekTimeline(
  deps: AppDeps,
  user: SignedInUser,
  subject: TimelineSubject,
  firstDay: string,
  days = 7,
): Promise<Timeline | null> {
  const screens = await subjectScreens(deps, user, subject);
  if (!screens) return null;
  const typical = screens.length === 0 && subject.kind === 'county';
  const groups = new Map<string, { profile: ScreenProfile; count: number }>();
  for (const screen of screens) {
    const { profile } = toLoadedScreen(screen, screen.groupIds);
    const key = profileKey(profile);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { profile, count: 1 });
  }
  if (typical && subject.kind === 'county')
    groups.set('typical', { profile: typicalScreen(subject.countyCode), count: 1 });

  const result: TimelineDay[] = [];
  const names = new Map<string, string>();
  for (let offset = 0; offset < days; offset++) {
    const start = DateTime.fromISO(firstDay, { zone: RIGHTS_TIME_ZONE }).plus({ days: offset });
    const day = start.toISODate() as string;
    const hours = start.plus({ days: 1 }).diff(start, 'hours').hours;
    const { schedule, source } = await currentSchedule(deps, day);
    const sourceSlides = new Map(source.slides.map((slide) => [slide.id, slide]));
    const bySlide = new Map<string, SlideDay>();
    for (const { profile, count } of groups.values()) {
      const intervals = slidePlayIntervals(buildTimeline(schedule, profile, start.toJSDate(), hours));
      for (const [slideId, spans] of intervals) {
        const meta = sourceSlides.get(slideId);
        if (!meta) continue;
        const entry = bySlide.get(slideId) ?? {
          slideId,
          name: '',
          campaignSlug: meta.campaignSlug,
          tier: meta.tier,
          spans: [],
          screens: 0,
        };
        entry.screens += count;
        for (const span of spans) {
          const from = Math.max(0, Math.round((span.start.getTime() - start.toMillis()) / 60_000));
          const to = Math.min(DAY_MINUTES + 60, Math.round((span.end.getTime() - start.toMillis()) / 60_000));
          if (to > from) entry.spans.push({ from, to });
        }
        bySlide.set(slideId, entry);
        names.set(slideId, '');
      }
    }
    result.push({
      day,
      slides: [...bySlide.values()].map((entry) => ({ ...entry, spans: mergeSpans(entry.spans) })),
    });
  }
  const nameOf = await slideNames(deps.database.db, [...names.keys()]);
  for (const day of result) {
    for (const entry of day.slides) entry.name = nameOf.get(entry.slideId) ?? entry.slideId;
    day.slides.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.name.localeCompare(b.name));
  }
  return { days: result, screenCount: screens.length, typical };
}

/** The names coordinators gave slides (resolution knows slides by id only). */
export async function slideNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: slides.id, name: slides.name })
    .from(slides)
    .where(inArray(slides.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Minutes after local midnight as "HH:MM" (24:00 for the day's end). */
export function clockText(minutes: number): string {
  const clamped = Math.min(minutes, DAY_MINUTES);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}
