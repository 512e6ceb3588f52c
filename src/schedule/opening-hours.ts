import type { TimeOfDay, Window } from '../windows/window-schema.js';
import type { OpeningHours } from './types.js';

/**
 * Opening hours are turned into ordinary windows (one per distinct set of daily spans) so that the
 * window evaluator, with its DST handling, is the only code that reads local time. A span whose
 * `to` is not after its `from` runs past midnight and is split into that day's evening and the next
 * day's early hours, so no window needs overnight time-of-day semantics; `to` equal to `from`
 * means open 24 hours from `from`.
 */

type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const cache = new WeakMap<OpeningHours, readonly Window[]>();

function minutesOf(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) >= 60 || !(minutes <= 1440)) {
    throw new Error(
      `invalid opening-hours time ${JSON.stringify(clock)}; expected HH:MM from 00:00 to 24:00`,
    );
  }
  return minutes;
}

function clockOf(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function nextWeekday(day: IsoWeekday): IsoWeekday {
  return day === 7 ? 1 : ((day + 1) as IsoWeekday);
}

/** Daily spans in minutes per weekday, overnight spans split at midnight. */
function minuteSpansByWeekday(hours: OpeningHours): Map<IsoWeekday, Array<[number, number]>> {
  const byDay = new Map<IsoWeekday, Array<[number, number]>>(WEEKDAYS.map((day) => [day, []]));
  for (const day of WEEKDAYS) {
    for (const span of hours[day] ?? []) {
      const from = minutesOf(span.from);
      const to = minutesOf(span.to);
      if (to > from) {
        byDay.get(day)?.push([from, to]);
        continue;
      }
      if (from < 1440) byDay.get(day)?.push([from, 1440]);
      if (to > 0) byDay.get(nextWeekday(day))?.push([0, to]);
    }
  }
  return byDay;
}

function toTimesOfDay(spans: Array<[number, number]>): TimeOfDay[] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return sorted.map(([from, to]) => ({ from: clockOf(from), to: clockOf(to) }));
}

/** The windows that together say when a shop is open; empty when it never opens. */
export function openingHoursWindows(hours: OpeningHours): readonly Window[] {
  const cached = cache.get(hours);
  if (cached) return cached;
  const byTimes = new Map<string, { timesOfDay: TimeOfDay[]; weekdays: number[] }>();
  for (const [day, spans] of minuteSpansByWeekday(hours)) {
    if (spans.length === 0) continue;
    const timesOfDay = toTimesOfDay(spans);
    const key = JSON.stringify(timesOfDay);
    const entry = byTimes.get(key) ?? { timesOfDay, weekdays: [] };
    entry.weekdays.push(day);
    byTimes.set(key, entry);
  }
  const windows: Window[] = [...byTimes.values()].map(({ timesOfDay, weekdays }) => ({
    spans: [{ kind: 'always' }],
    weekdays,
    timesOfDay,
  }));
  Object.freeze(windows);
  cache.set(hours, windows);
  return windows;
}
