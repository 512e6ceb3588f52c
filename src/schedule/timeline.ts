import { type Interval, openIntervals } from '../windows/evaluate.js';
import { type CompiledSchedule, candidateIndexes } from './compile.js';
import { openingHoursWindows } from './opening-hours.js';
import { resolvePlaylist } from './resolve.js';
import { targetingMatches } from './targeting.js';
import type { PlaylistResult, ScreenProfile, TimelineSegment } from './types.js';

const HOUR_MS = 3_600_000;

/** Every instant in (from, to) where a window that can affect the screen opens or closes. */
function windowEdges(schedule: CompiledSchedule, screen: ScreenProfile, from: Date, to: Date): number[] {
  const windowIds = new Set<number>();
  for (const index of candidateIndexes(schedule, screen)) {
    const compiled = schedule.slides[index];
    if (compiled === undefined || !targetingMatches(compiled.targeting, screen)) continue;
    windowIds.add(compiled.campaignWindowId);
    if (compiled.windowId >= 0) windowIds.add(compiled.windowId);
  }
  const windows = [...windowIds].flatMap((id) => schedule.windows[id] ?? []);
  if (!screen.playWhenClosed && screen.openingHours !== null) {
    windows.push(...openingHoursWindows(screen.openingHours));
  }
  const edges = new Set<number>();
  for (const window of windows) {
    for (const interval of openIntervals(window, from, to, screen.timeZone)) {
      edges.add(interval.start.getTime());
      edges.add(interval.end.getTime());
    }
  }
  return [...edges].filter((edge) => edge > from.getTime() && edge < to.getTime()).sort((a, b) => a - b);
}

/** A key equal for two results exactly when they play the same thing. */
function resultKey(result: PlaylistResult): string {
  if (result.status === 'closed') return `closed ${result.opensAt?.getTime() ?? 'never'}`;
  // Within one schedule and screen an item is a function of its slide, so ids say it all.
  const ids = result.items.map((item) => item.slideId).join('\u0000');
  return `playing ${result.usedDefaultLoop} ${ids}`;
}

/**
 * The screen's playlists over [from, from + hours): consecutive segments split exactly where a
 * slide, campaign or opening-hours window opens or closes, adjacent equal playlists merged. This
 * is what a manifest hands a player so it can switch items on time without the network.
 */
export function buildTimeline(
  schedule: CompiledSchedule,
  screen: ScreenProfile,
  from: Date,
  hours: number,
): TimelineSegment[] {
  if (!(Number.isFinite(hours) && hours > 0))
    throw new Error(`hours must be a positive number, got ${hours}`);
  const to = new Date(from.getTime() + hours * HOUR_MS);
  const bounds = [from.getTime(), ...windowEdges(schedule, screen, from, to), to.getTime()];
  const segments: TimelineSegment[] = [];
  let previousKey: string | null = null;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] as number;
    const end = bounds[i + 1] as number;
    const result = resolvePlaylist(schedule, screen, new Date(start));
    const key = resultKey(result);
    const last = segments[segments.length - 1];
    if (last !== undefined && key === previousKey) {
      last.end = new Date(end);
      continue;
    }
    segments.push({ start: new Date(start), end: new Date(end), result });
    previousKey = key;
  }
  return segments;
}

/** Per slide, the intervals of a timeline during which it is in the playlist (merged, sorted). */
export function slidePlayIntervals(timeline: readonly TimelineSegment[]): Map<string, Interval[]> {
  const bySlide = new Map<string, Interval[]>();
  for (const segment of timeline) {
    if (segment.result.status !== 'playing') continue;
    for (const slideId of new Set(segment.result.items.map((item) => item.slideId))) {
      const intervals = bySlide.get(slideId) ?? [];
      const last = intervals[intervals.length - 1];
      if (last !== undefined && last.end.getTime() === segment.start.getTime()) last.end = segment.end;
      else intervals.push({ start: segment.start, end: segment.end });
      bySlide.set(slideId, intervals);
    }
  }
  return bySlide;
}
