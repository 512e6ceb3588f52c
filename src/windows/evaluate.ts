import type { IANAZone } from 'luxon';
import {
  type CompiledWindow,
  compileWindow,
  type LocalSegment,
  localSegments,
  mergeSegments,
} from './compiled-window.js';
import { DAY_MS } from './local-calendar.js';
import { isOpenAtLocal, localMomentOf } from './local-moment.js';
import { DEFAULT_TIME_ZONE, type Window } from './window-schema.js';
import { firstInstantReaching, wallClockAt, zoneNamed } from './zone-clock.js';

/**
 * Window evaluation: when is a window open? Pure: every instant is a parameter.
 *
 * Windows are written in local time. The zone is the window's own `timeZone` when it has one,
 * else the `zone` argument (the screen's), else Europe/Stockholm. Open stretches are worked out in
 * the local calendar and then turned into instants through luxon's zone data; how wall times in a
 * DST gap or repeated hour map to instants is explained in zone-clock.ts, and how days, times of
 * day and leap days combine in compiled-window.ts.
 */

export { type DescriptionLanguage, describeWindow } from './describe-window.js';
export type { LocalMoment } from './local-moment.js';
export { isOpenAtLocal, localMomentOf };

/** A stretch of real time, half-open: [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/** How many days ahead (and back, for a current interval) the searches look by default. */
export const DEFAULT_HORIZON_DAYS = 800;

/** Days of local segments converted per step when searching forward. */
const SEARCH_CHUNK_DAYS = 32;

/** The zone a window is read in: its own, else the evaluator's, else the default. */
export function windowZone(window: Window, zone?: string): string {
  return window.timeZone ?? zone ?? DEFAULT_TIME_ZONE;
}

/** Whether a window is open at an instant. */
export function isOpenAt(window: Window, instant: Date, zone?: string): boolean {
  return isOpenAtLocal(window, localMomentOf(instant, windowZone(window, zone)));
}

const localDayAt = (instant: number, zone: IANAZone): number =>
  Math.floor(wallClockAt(instant, zone) / DAY_MS);

/** Local segments as real-time stretches in epoch ms; empty ones (inside a DST gap) dropped. */
function toInstants(segments: LocalSegment[], zone: IANAZone): LocalSegment[] {
  const instants: LocalSegment[] = [];
  for (const segment of segments) {
    const start = firstInstantReaching(segment.start, zone);
    const end = firstInstantReaching(segment.end, zone);
    if (end > start) instants.push({ start, end });
  }
  return instants;
}

/** Open stretches in epoch ms within [from, to), sorted, merged and clipped. */
function openStretches(window: CompiledWindow, zone: IANAZone, from: number, to: number): LocalSegment[] {
  if (to <= from) return [];
  // The day before `from` may own a night part that is still open at `from`.
  const segments = localSegments(window, localDayAt(from, zone) - 1, localDayAt(to, zone));
  // Segments apart in wall time can touch in real time across a spring-forward gap.
  return mergeSegments(toInstants(segments, zone))
    .map(({ start, end }) => ({ start: Math.max(start, from), end: Math.min(end, to) }))
    .filter(({ start, end }) => end > start);
}

const toInterval = ({ start, end }: LocalSegment): Interval => ({
  start: new Date(start),
  end: new Date(end),
});

/** The open intervals of a window within [from, to): sorted, adjacent ones joined, clipped. */
export function openIntervals(window: Window, from: Date, to: Date, zone?: string): Interval[] {
  const compiled = compileWindow(window);
  const luxonZone = zoneNamed(windowZone(window, zone));
  return openStretches(compiled, luxonZone, from.getTime(), to.getTime()).map(toInterval);
}

/** First open instant >= after within horizonDays local days, in epoch ms, or null. */
function firstOpenInstant(
  window: CompiledWindow,
  zone: IANAZone,
  after: number,
  horizonDays: number,
): number | null {
  if (!Number.isSafeInteger(horizonDays) || horizonDays < 0) {
    throw new RangeError(`horizonDays must be a whole number of days >= 0, got ${horizonDays}`);
  }
  const firstDay = localDayAt(after, zone) - 1;
  const lastDay = firstDay + 1 + horizonDays;
  for (let day = firstDay; day <= lastDay; day += SEARCH_CHUNK_DAYS) {
    const segments = localSegments(window, day, Math.min(day + SEARCH_CHUNK_DAYS - 1, lastDay));
    for (const { start, end } of toInstants(segments, zone)) {
      if (end > after) return Math.max(start, after);
    }
  }
  return null;
}

/** The first instant >= after at which the window is open (`after` itself when open), or null. */
export function nextOpening(
  window: Window,
  after: Date,
  zone?: string,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Date | null {
  const compiled = compileWindow(window);
  const opening = firstOpenInstant(
    compiled,
    zoneNamed(windowZone(window, zone)),
    after.getTime(),
    horizonDays,
  );
  return opening === null ? null : new Date(opening);
}

/** Widens a search around an instant until the interval found no longer touches the search edge. */
function widenUntilSettled(
  limit: number,
  direction: 1 | -1,
  from: number,
  edgeOf: (reach: number) => { value: number; touchesEdge: boolean },
): number {
  for (let days = 7; ; days *= 4) {
    const reach =
      direction === 1 ? Math.min(from + days * DAY_MS, limit) : Math.max(from - days * DAY_MS, limit);
    const { value, touchesEdge } = edgeOf(reach);
    if (!touchesEdge || reach === limit) return value;
  }
}

/**
 * The open interval containing `at`, else the next one; null when none opens within the horizon.
 * Its start is clipped horizonDays before `at` and its end horizonDays after its start (an
 * "always" window has no edges to find).
 */
export function currentOrNextInterval(
  window: Window,
  at: Date,
  zone?: string,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Interval | null {
  const compiled = compileWindow(window);
  const luxonZone = zoneNamed(windowZone(window, zone));
  const atMs = at.getTime();
  const opening = firstOpenInstant(compiled, luxonZone, atMs, horizonDays);
  if (opening === null) return null;
  const horizonMs = horizonDays * DAY_MS;

  const start =
    opening > atMs
      ? opening
      : widenUntilSettled(atMs - horizonMs, -1, atMs, (reach) => {
          const containing = openStretches(compiled, luxonZone, reach, atMs + 1).at(-1);
          const value = containing?.start ?? atMs;
          return { value, touchesEdge: value <= reach };
        });
  const end = widenUntilSettled(opening + horizonMs, 1, opening, (reach) => {
    const value = openStretches(compiled, luxonZone, opening, reach)[0]?.end ?? reach;
    return { value, touchesEdge: value >= reach };
  });
  return { start: new Date(start), end: new Date(end) };
}
