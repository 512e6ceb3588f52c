import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { currentOrNextInterval, isOpenAt, nextOpening, openIntervals } from './evaluate.js';
import type { Window } from './window-schema.js';

const STOCKHOLM = 'Europe/Stockholm';
/** The instant of a Stockholm wall time (never inside a DST change in this file). */
const local = (text: string): Date => DateTime.fromISO(text, { zone: STOCKHOLM }).toJSDate();
const yearly = (from: string, to: string): Window => ({ spans: [{ kind: 'yearly', from, to }] });
const isoWeek = (week: number): Window => ({ spans: [{ kind: 'isoWeek', week }] });
const asLocal = (intervals: { start: Date; end: Date }[]): [string, string][] =>
  intervals.map(({ start, end }) => [
    DateTime.fromJSDate(start, { zone: STOCKHOLM }).toFormat("yyyy-MM-dd'T'HH:mm"),
    DateTime.fromJSDate(end, { zone: STOCKHOLM }).toFormat("yyyy-MM-dd'T'HH:mm"),
  ]);

describe('a yearly window across New Year (15 Dec to 31 Jan)', () => {
  const window = yearly('12-15', '01-31');

  it('is open on 31 Dec 23:59 and 1 Jan 00:00 and closed from 1 Feb 00:00', () => {
    expect(isOpenAt(window, local('2026-12-14T23:59:59.999'))).toBe(false);
    expect(isOpenAt(window, local('2026-12-15T00:00'))).toBe(true);
    expect(isOpenAt(window, local('2026-12-31T23:59'))).toBe(true);
    expect(isOpenAt(window, local('2027-01-01T00:00'))).toBe(true);
    expect(isOpenAt(window, local('2027-01-31T23:59:59.999'))).toBe(true);
    expect(isOpenAt(window, local('2027-02-01T00:00'))).toBe(false);
  });

  it('gives one interval over the year change', () => {
    expect(asLocal(openIntervals(window, local('2026-11-01T00:00'), local('2027-06-01T00:00')))).toEqual([
      ['2026-12-15T00:00', '2027-02-01T00:00'],
    ]);
  });
});

describe('ISO week 53', () => {
  const week53 = isoWeek(53);

  it('is 28 Dec 2026 to 3 Jan 2027 in 2026, which has 53 ISO weeks', () => {
    expect(asLocal(openIntervals(week53, local('2026-01-01T00:00'), local('2027-12-31T00:00')))).toEqual([
      ['2026-12-28T00:00', '2027-01-04T00:00'],
    ]);
  });

  it('never opens in ISO week-year 2027, which has 52 weeks', () => {
    expect(DateTime.local(2027, 12, 28, { zone: STOCKHOLM }).weeksInWeekYear).toBe(52);
    expect(openIntervals(week53, local('2027-01-04T00:00'), local('2028-01-03T00:00'))).toEqual([]);
  });

  it('next opens after 2026 in the week luxon gives as week 53 of 2032', () => {
    const expected = DateTime.fromObject({ weekYear: 2032, weekNumber: 53, weekday: 1 }, { zone: STOCKHOLM });
    expect(expected.toISODate()).toBe('2032-12-27');
    expect(nextOpening(week53, local('2027-01-04T00:00'), undefined, 2500)).toEqual(expected.toJSDate());
  });

  it('finds nothing within the default horizon of about 800 days from 2027', () => {
    expect(nextOpening(week53, local('2027-01-04T00:00'))).toBeNull();
  });
});

describe('leap days', () => {
  it('includes 29 Feb 2028 in 1 Feb to 31 Mar every year', () => {
    expect(isOpenAt(yearly('02-01', '03-31'), local('2028-02-29T12:00'))).toBe(true);
  });

  it('opens a yearly 02-29..02-29 span on 29 Feb in leap years only', () => {
    expect(
      asLocal(openIntervals(yearly('02-29', '02-29'), local('2028-01-01T00:00'), local('2029-01-01T00:00'))),
    ).toEqual([['2028-02-29T00:00', '2028-03-01T00:00']]);
  });

  it('reads 02-29 as the last day of February in common years', () => {
    expect(
      asLocal(openIntervals(yearly('02-29', '02-29'), local('2027-01-01T00:00'), local('2028-01-01T00:00'))),
    ).toEqual([['2027-02-28T00:00', '2027-03-01T00:00']]);
    expect(isOpenAt(yearly('01-15', '02-29'), local('2027-02-28T23:59'))).toBe(true);
    expect(isOpenAt(yearly('01-15', '02-29'), local('2027-03-01T00:00'))).toBe(false);
    expect(isOpenAt(yearly('02-29', '03-10'), local('2027-02-27T23:59'))).toBe(false);
    expect(isOpenAt(yearly('02-29', '03-10'), local('2027-02-28T00:00'))).toBe(true);
  });

  it('includes 29 Feb as the last date of a dates span', () => {
    const window: Window = { spans: [{ kind: 'dates', from: '2028-02-01', to: '2028-02-29' }] };
    expect(isOpenAt(window, local('2028-02-29T23:59'))).toBe(true);
    expect(isOpenAt(window, local('2028-03-01T00:00'))).toBe(false);
  });
});

describe('the real campaigns', () => {
  it('airs "Svartsjuka är inte romantiskt" from 1 Feb to 31 Mar, across the March DST change', () => {
    const airing = yearly('02-01', '03-31');
    const [interval, ...rest] = openIntervals(airing, local('2027-01-01T00:00'), local('2028-01-01T00:00'));
    expect(rest).toEqual([]);
    expect(asLocal(interval ? [interval] : [])).toEqual([['2027-02-01T00:00', '2027-04-01T00:00']]);
    // 59 days, one of which is 23 hours long
    expect(interval && interval.end.getTime() - interval.start.getTime()).toBe((59 * 24 - 1) * 3_600_000);
    expect(isOpenAt(airing, local('2027-01-31T23:59'))).toBe(false);
    expect(isOpenAt(airing, local('2027-03-31T23:59'))).toBe(true);
    expect(isOpenAt(airing, local('2027-04-01T00:00'))).toBe(false);
  });

  it('opens ordering for "Svartsjuka är inte romantiskt" on 15 Dec, ahead of the airing', () => {
    const ordering = yearly('12-15', '03-31');
    expect(
      asLocal([currentOrNextInterval(ordering, local('2026-11-21T10:00'))].flatMap((i) => (i ? [i] : []))),
    ).toEqual([['2026-12-15T00:00', '2027-04-01T00:00']]);
    expect(isOpenAt(ordering, local('2026-12-14T23:59'))).toBe(false);
    expect(isOpenAt(ordering, local('2026-12-15T00:00'))).toBe(true);
    expect(isOpenAt(ordering, local('2027-01-20T12:00'))).toBe(true);
  });

  it('airs "Tillsammans mot våld" all of November, 30 days of 24 hours', () => {
    const [interval] = openIntervals(
      yearly('11-01', '11-30'),
      local('2026-10-01T00:00'),
      local('2027-01-01T00:00'),
    );
    expect(asLocal(interval ? [interval] : [])).toEqual([['2026-11-01T00:00', '2026-12-01T00:00']]);
    expect(interval && interval.end.getTime() - interval.start.getTime()).toBe(30 * 24 * 3_600_000);
  });

  it('runs "En vecka fri från våld" in ISO week 48: 23–29 Nov 2026 and 29 Nov–5 Dec 2027', () => {
    const intervals = openIntervals(isoWeek(48), local('2026-01-01T00:00'), local('2028-01-01T00:00'));
    expect(asLocal(intervals)).toEqual([
      ['2026-11-23T00:00', '2026-11-30T00:00'],
      ['2027-11-29T00:00', '2027-12-06T00:00'],
    ]);
    const week48of2027 = DateTime.fromObject(
      { weekYear: 2027, weekNumber: 48, weekday: 1 },
      { zone: STOCKHOLM },
    );
    expect(intervals[1]?.start).toEqual(week48of2027.toJSDate());
  });
});
