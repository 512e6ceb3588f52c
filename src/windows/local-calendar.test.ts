import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dayNumberOf,
  isoWeeksInYear,
  localDayOf,
  mondayOfIsoWeek,
  parseClockTime,
  parseIsoDate,
  parseMonthDay,
} from './local-calendar.js';

describe('local calendar', () => {
  it('agrees with luxon on date, ISO week, week-year and weekday for any day from 1900 to 2200', () => {
    const first = dayNumberOf(1900, 1, 1);
    const last = dayNumberOf(2200, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (dayNumber) => {
        const day = localDayOf(dayNumber);
        const luxon = DateTime.fromMillis(dayNumber * 86_400_000, { zone: 'UTC' });
        expect(day.date).toBe(luxon.toISODate());
        expect([day.year, day.month, day.day]).toEqual([luxon.year, luxon.month, luxon.day]);
        expect(day.monthDay).toBe(luxon.toFormat('MM-dd'));
        expect(day.isoWeek).toBe(luxon.weekNumber);
        expect(day.isoWeekYear).toBe(luxon.weekYear);
        expect(day.isoWeekday).toBe(luxon.weekday);
        expect(day.leapYear).toBe(luxon.isInLeapYear);
        expect(dayNumberOf(day.year, day.month, day.day)).toBe(dayNumber);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts 53 ISO weeks exactly in the years luxon says have them', () => {
    for (let year = 2018; year <= 2040; year++) {
      expect(isoWeeksInYear(year)).toBe(DateTime.local(year, 12, 28, { zone: 'UTC' }).weekNumber);
    }
    expect([2020, 2026, 2032, 2037].map(isoWeeksInYear)).toEqual([53, 53, 53, 53]);
    expect([2024, 2025, 2027, 2028, 2031].map(isoWeeksInYear)).toEqual([52, 52, 52, 52, 52]);
  });

  it('puts the Monday of week 53 of 2026 on 28 December 2026', () => {
    expect(localDayOf(mondayOfIsoWeek(2026, 53)).date).toBe('2026-12-28');
    expect(localDayOf(mondayOfIsoWeek(2026, 48)).date).toBe('2026-11-23');
  });

  it('rejects impossible dates, month-days and clock times', () => {
    expect(parseIsoDate('2027-02-30')).toBeNull();
    expect(parseIsoDate('2027-13-01')).toBeNull();
    expect(parseIsoDate('2027-02-29')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseMonthDay('02-29')).toBe(229);
    expect(parseMonthDay('02-30')).toBeNull();
    expect(parseMonthDay('13-01')).toBeNull();
    expect(parseMonthDay('04-31')).toBeNull();
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:01')).toBeNull();
    expect(parseClockTime('07:60')).toBeNull();
  });
});
