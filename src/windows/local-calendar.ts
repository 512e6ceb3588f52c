/**
 * Pure proleptic Gregorian calendar arithmetic on local dates, with no time zones involved.
 *
 * A local date is addressed by its day number (days since 1970-01-01 in the local calendar) and a
 * local wall-clock time by "local milliseconds": the wall time read as if it were UTC. Keeping the
 * calendar as plain integers lets the evaluator compare thousands of windows without touching
 * luxon; only the step between wall time and real instants (zone-clock.ts) needs zone data.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1_440;

/** The calendar facts of one local date that window rules are written in. */
export interface LocalDay {
  /** Days since 1970-01-01 in the local calendar. */
  readonly dayNumber: number;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** MM-DD. */
  readonly monthDay: string;
  /** month * 100 + day, e.g. 1215 for 15 December; compares like the MM-DD string. */
  readonly monthDayNumber: number;
  readonly leapYear: boolean;
  readonly isoWeek: number;
  readonly isoWeekYear: number;
  /** 1 (Monday) to 7 (Sunday). */
  readonly isoWeekday: number;
}

/** Whether a year has 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a year (month 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a calendar date (H. Hinnant's days_from_civil). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Calendar date of a day number (H. Hinnant's civil_from_days). */
export function civilDateOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 Monday to 7 Sunday) of a day number; day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** How many ISO weeks (52 or 53) an ISO week-year has. */
export function isoWeeksInYear(isoWeekYear: number): number {
  // A year has week 53 when 28 December (always in the year's last week) sits in week 53.
  return localDayOf(dayNumberOf(isoWeekYear, 12, 28)).isoWeek;
}

/** Day number of the Monday of ISO week `week` of `isoWeekYear`. */
export function mondayOfIsoWeek(isoWeekYear: number, week: number): number {
  const jan4 = dayNumberOf(isoWeekYear, 1, 4);
  return jan4 - isoWeekdayOf(jan4) + 1 + (week - 1) * 7;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** All calendar facts of a local date. */
export function localDayOf(dayNumber: number): LocalDay {
  const { year, month, day } = civilDateOf(dayNumber);
  const isoWeekday = isoWeekdayOf(dayNumber);
  // The ISO week belongs to the year that holds its Thursday.
  const thursday = dayNumber - isoWeekday + 4;
  const isoWeekYear = civilDateOf(thursday).year;
  const isoWeek = Math.floor((thursday - dayNumberOf(isoWeekYear, 1, 1)) / 7) + 1;
  const monthDay = `${pad2(month)}-${pad2(day)}`;
  return {
    dayNumber,
    date: `${String(year).padStart(4, '0')}-${monthDay}`,
    year,
    month,
    day,
    monthDay,
    monthDayNumber: month * 100 + day,
    leapYear: isLeapYear(year),
    isoWeek,
    isoWeekYear,
    isoWeekday,
  };
}

/** Parses YYYY-MM-DD into its parts, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses MM-DD into month * 100 + day, or null when no year has that date (29 February is allowed). */
export function parseMonthDay(text: string): number | null {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return null;
  return month * 100 + day;
}

/** Parses HH:MM (00:00 to 24:00) into minutes since midnight, or null. */
export function parseClockTime(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= MINUTES_PER_DAY ? minutes : null;
}
