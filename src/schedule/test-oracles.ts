import { DateTime } from 'luxon';
import type { OpeningHours, ScreenProfile, SlideTargeting } from './types.js';

/**
 * Oracles for the schedule properties, written straight from the documented rules rather than
 * from the implementation. Only tests import this module.
 */

const HOUR = 3_600_000;

/** Whether the slide's targeting reaches the screen, read straight from the documented rule. */
export function targetsScreen(targeting: SlideTargeting, screen: ScreenProfile): boolean {
  const nonEmpty = (list?: string[]) => list !== undefined && list.length > 0;
  const region =
    (!nonEmpty(targeting.counties) && !nonEmpty(targeting.municipalities)) ||
    (screen.countyCode !== null && (targeting.counties ?? []).includes(screen.countyCode)) ||
    (screen.municipalityCode !== null && (targeting.municipalities ?? []).includes(screen.municipalityCode));
  const anyOf = (wanted: string[] | undefined, have: string[]) =>
    !nonEmpty(wanted) || have.some((value) => wanted?.includes(value));
  return (
    region &&
    anyOf(targeting.groups, screen.groups) &&
    anyOf(targeting.tags, screen.tags) &&
    anyOf(targeting.chains, screen.chain === null ? [] : [screen.chain]) &&
    (targeting.orientation === undefined || targeting.orientation === screen.orientation)
  );
}

const minutesOf = (clockText: string) => Number(clockText.slice(0, 2)) * 60 + Number(clockText.slice(3));

/**
 * Whether the shop is open by luxon's reading of local time, or null inside a repeated (autumn)
 * hour, where wall time alone cannot say which pass it is.
 */
export function shopOpenByLuxon(hours: OpeningHours, instant: Date, zone: string): boolean | null {
  const local = DateTime.fromJSDate(instant, { zone });
  const wall = (dt: DateTime) => dt.toFormat('yyyy-MM-dd HH:mm');
  const ms = instant.getTime();
  const repeated = [ms - HOUR, ms + HOUR].some(
    (other) => wall(DateTime.fromMillis(other, { zone })) === wall(local),
  );
  if (repeated) return null;
  const minute = local.hour * 60 + local.minute + local.second / 60;
  const today = local.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  const yesterday = (today === 1 ? 7 : today - 1) as typeof today;
  const openToday = (hours[today] ?? []).some(({ from, to }) => {
    const [start, end] = [minutesOf(from), minutesOf(to)];
    return end > start ? minute >= start && minute < end : minute >= start;
  });
  const openFromYesterday = (hours[yesterday] ?? []).some(({ from, to }) => {
    const [start, end] = [minutesOf(from), minutesOf(to)];
    return end <= start && minute < end;
  });
  return openToday || openFromYesterday;
}

/** A deterministic permutation of `values` driven by `seed`. */
export function shuffle<T>(values: readonly T[], seed: number): T[] {
  const result = [...values];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
