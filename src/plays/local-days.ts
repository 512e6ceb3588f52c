import { DateTime } from 'luxon';
import { REPORT_TIME_ZONE } from './play-limits.js';

/** A calendar date, YYYY-MM-DD, in the report time zone. */
export type LocalDay = string;

/** The local (Swedish) date an instant falls on. */
export function localDayOf(instant: Date, zone = REPORT_TIME_ZONE): LocalDay {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as LocalDay;
}

/** The instants a local day spans, [start, end): 23, 24 or 25 hours around DST changes. */
export function localDayRange(day: LocalDay, zone = REPORT_TIME_ZONE): { start: Date; end: Date } {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** The day before or after a local day, by whole calendar days. */
export function addDays(day: LocalDay, days: number): LocalDay {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDay;
}

/** The earlier of two days. */
export function earlierDay(a: LocalDay, b: LocalDay): LocalDay {
  return a.localeCompare(b) <= 0 ? a : b;
}

/** Whole days from one date to another (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
  );
}
