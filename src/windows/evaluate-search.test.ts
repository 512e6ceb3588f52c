import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  currentOrNextInterval,
  isOpenAt,
  isOpenAtLocal,
  localMomentOf,
  nextOpening,
  openIntervals,
} from './evaluate.js';
import type { Window } from './window-schema.js';

const STOCKHOLM = 'Europe/Stockholm';
const at = (text: string, zone = STOCKHOLM): Date => DateTime.fromISO(text, { zone }).toJSDate();
const localText = (instant: Date | null | undefined, zone = STOCKHOLM): string | null =>
  instant ? DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") : null;
const asLocal = (intervals: ({ start: Date; end: Date } | null)[], zone = STOCKHOLM) =>
  intervals.map((interval) => interval && [localText(interval.start, zone), localText(interval.end, zone)]);

const svartsjuka: Window = { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] };

describe('nextOpening', () => {
  it('answers the instant itself when the window is open', () => {
    expect(nextOpening(svartsjuka, at('2027-02-10T13:37'))).toEqual(at('2027-02-10T13:37'));
  });

  it('answers the start of the window when asked before it', () => {
    expect(localText(nextOpening(svartsjuka, at('2026-11-21T10:00')))).toBe('2027-02-01T00:00');
  });

  it('answers next year’s start when asked after this year’s window', () => {
    expect(localText(nextOpening(svartsjuka, at('2027-04-01T00:00')))).toBe('2028-02-01T00:00');
  });

  it('answers null for a dates window that has passed', () => {
    const past: Window = { spans: [{ kind: 'dates', from: '2026-01-01', to: '2026-01-31' }] };
    expect(nextOpening(past, at('2026-02-01T00:00'))).toBeNull();
  });

  it('answers null when the window opens beyond the horizon', () => {
    const later: Window = { spans: [{ kind: 'dates', from: '2027-01-01' }] };
    expect(nextOpening(later, at('2026-12-01T00:00'), STOCKHOLM, 10)).toBeNull();
    expect(localText(nextOpening(later, at('2026-12-01T00:00'), STOCKHOLM, 40))).toBe('2027-01-01T00:00');
  });

  it('refuses a horizon that is not a whole number of days', () => {
    expect(() =>
      nextOpening(svartsjuka, at('2027-01-01T00:00'), STOCKHOLM, Number.POSITIVE_INFINITY),
    ).toThrow(RangeError);
    expect(() => nextOpening(svartsjuka, at('2027-01-01T00:00'), STOCKHOLM, -1)).toThrow(RangeError);
  });

  it('finds the next allowed weekday and time', () => {
    const weekdayMornings: Window = {
      spans: [{ kind: 'always' }],
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: [{ from: '08:00', to: '10:00' }],
    };
    // 2026-11-21 is a Saturday
    expect(localText(nextOpening(weekdayMornings, at('2026-11-21T09:00')))).toBe('2026-11-23T08:00');
    expect(localText(nextOpening(weekdayMornings, at('2026-11-23T09:59')))).toBe('2026-11-23T09:59');
    expect(localText(nextOpening(weekdayMornings, at('2026-11-23T10:00')))).toBe('2026-11-24T08:00');
  });
});

describe('openIntervals', () => {
  it('joins adjacent days into one interval', () => {
    const days: Window = { spans: [{ kind: 'dates', from: '2026-11-01', to: '2026-11-03' }] };
    expect(asLocal(openIntervals(days, at('2026-10-01T00:00'), at('2026-12-01T00:00')))).toEqual([
      ['2026-11-01T00:00', '2026-11-04T00:00'],
    ]);
  });

  it('joins overlapping and touching spans and times of day', () => {
    const window: Window = {
      spans: [
        { kind: 'dates', from: '2026-11-01', to: '2026-11-02' },
        { kind: 'dates', from: '2026-11-03', to: '2026-11-03' },
      ],
      timesOfDay: [
        { from: '00:00', to: '12:00' },
        { from: '12:00', to: '24:00' },
      ],
    };
    expect(asLocal(openIntervals(window, at('2026-10-01T00:00'), at('2026-12-01T00:00')))).toEqual([
      ['2026-11-01T00:00', '2026-11-04T00:00'],
    ]);
  });

  it('keeps separate weekday runs apart', () => {
    const weekdays: Window = {
      spans: [
        { kind: 'isoWeek', week: 48 },
        { kind: 'isoWeek', week: 49 },
      ],
      weekdays: [1, 2, 3, 4, 5],
    };
    expect(asLocal(openIntervals(weekdays, at('2026-11-01T00:00'), at('2026-12-31T00:00')))).toEqual([
      ['2026-11-23T00:00', '2026-11-28T00:00'],
      ['2026-11-30T00:00', '2026-12-05T00:00'],
    ]);
  });

  it('clips intervals to the range asked for', () => {
    expect(asLocal(openIntervals(svartsjuka, at('2027-03-15T12:00'), at('2027-06-01T00:00')))).toEqual([
      ['2027-03-15T12:00', '2027-04-01T00:00'],
    ]);
    expect(openIntervals(svartsjuka, at('2027-03-15T12:00'), at('2027-03-15T12:00'))).toEqual([]);
  });
});

describe('times of day across midnight', () => {
  // 2026-11-27 is a Friday
  const fridayNights: Window = {
    spans: [{ kind: 'always' }],
    weekdays: [5],
    timesOfDay: [{ from: '22:00', to: '02:00' }],
  };

  it('keeps Friday 22:00–02:00 open on Saturday 01:00, the night belonging to Friday', () => {
    expect(isOpenAt(fridayNights, at('2026-11-27T22:00'))).toBe(true);
    expect(isOpenAt(fridayNights, at('2026-11-28T01:00'))).toBe(true);
    expect(isOpenAt(fridayNights, at('2026-11-28T02:00'))).toBe(false);
    expect(isOpenAt(fridayNights, at('2026-11-28T22:30'))).toBe(false);
    expect(isOpenAt(fridayNights, at('2026-11-27T01:00'))).toBe(false);
  });

  it('gives one interval per night', () => {
    expect(asLocal(openIntervals(fridayNights, at('2026-11-23T00:00'), at('2026-12-07T00:00')))).toEqual([
      ['2026-11-27T22:00', '2026-11-28T02:00'],
      ['2026-12-04T22:00', '2026-12-05T02:00'],
    ]);
  });

  it('runs the last night of a span past its last date but not into its first morning', () => {
    const oneNight: Window = {
      spans: [{ kind: 'dates', from: '2026-11-27', to: '2026-11-27' }],
      timesOfDay: [{ from: '22:00', to: '02:00' }],
    };
    expect(isOpenAt(oneNight, at('2026-11-27T01:00'))).toBe(false);
    expect(isOpenAt(oneNight, at('2026-11-28T01:00'))).toBe(true);
    expect(asLocal([currentOrNextInterval(oneNight, at('2026-11-01T00:00'))])).toEqual([
      ['2026-11-27T22:00', '2026-11-28T02:00'],
    ]);
  });

  it('joins an evening and the following early morning into one interval', () => {
    const evenings: Window = {
      spans: [{ kind: 'dates', from: '2026-11-27', to: '2026-11-28' }],
      timesOfDay: [
        { from: '20:00', to: '24:00' },
        { from: '00:00', to: '03:00' },
      ],
    };
    expect(asLocal(openIntervals(evenings, at('2026-11-26T00:00'), at('2026-11-30T00:00')))).toEqual([
      ['2026-11-27T00:00', '2026-11-27T03:00'],
      ['2026-11-27T20:00', '2026-11-28T03:00'],
      ['2026-11-28T20:00', '2026-11-29T00:00'],
    ]);
  });
});

describe('currentOrNextInterval', () => {
  it('answers the whole interval around an instant inside it', () => {
    expect(asLocal([currentOrNextInterval(svartsjuka, at('2027-03-01T12:00'))])).toEqual([
      ['2027-02-01T00:00', '2027-04-01T00:00'],
    ]);
  });

  it('answers the next interval when closed', () => {
    expect(asLocal([currentOrNextInterval(svartsjuka, at('2027-04-01T00:00'))])).toEqual([
      ['2028-02-01T00:00', '2028-04-01T00:00'],
    ]);
  });

  it('answers null when nothing opens within the horizon', () => {
    const past: Window = { spans: [{ kind: 'dates', from: '2020-01-01', to: '2020-12-31' }] };
    expect(currentOrNextInterval(past, at('2026-11-21T10:00'))).toBeNull();
  });

  it('clips an interval without edges at the horizon', () => {
    const always: Window = { spans: [{ kind: 'always' }] };
    const instant = at('2026-11-21T10:00');
    const thirtyDays = 30 * 24 * 3_600_000;
    expect(currentOrNextInterval(always, instant, STOCKHOLM, 30)).toEqual({
      start: new Date(instant.getTime() - thirtyDays),
      end: new Date(instant.getTime() + thirtyDays),
    });
  });
});

describe('time zones', () => {
  const november: Window = { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] };

  it('reads a window without a zone in Europe/Stockholm by default', () => {
    expect(isOpenAt(november, at('2026-11-01T00:00', STOCKHOLM))).toBe(true);
    expect(isOpenAt(november, at('2026-10-31T23:59', STOCKHOLM))).toBe(false);
  });

  it('reads a window without a zone in the screen’s zone', () => {
    const helsinkiMidnight = at('2026-11-01T00:00', 'Europe/Helsinki');
    expect(isOpenAt(november, helsinkiMidnight, 'Europe/Helsinki')).toBe(true);
    expect(isOpenAt(november, helsinkiMidnight, STOCKHOLM)).toBe(false);
    expect(nextOpening(november, at('2026-10-15T00:00'), 'Europe/Helsinki')).toEqual(helsinkiMidnight);
  });

  it('reads a window pinned to a zone in that zone whatever the screen’s zone', () => {
    const pinned: Window = { ...november, timeZone: 'Europe/Helsinki' };
    const helsinkiMidnight = at('2026-11-01T00:00', 'Europe/Helsinki');
    for (const screenZone of [STOCKHOLM, 'America/New_York', 'Asia/Tokyo', undefined]) {
      expect(isOpenAt(pinned, new Date(helsinkiMidnight.getTime() - 1), screenZone)).toBe(false);
      expect(isOpenAt(pinned, helsinkiMidnight, screenZone)).toBe(true);
      expect(nextOpening(pinned, at('2026-10-15T00:00'), screenZone)).toEqual(helsinkiMidnight);
      expect(isOpenAtLocal(pinned, localMomentOf(helsinkiMidnight, screenZone ?? STOCKHOLM))).toBe(true);
    }
  });

  it('exposes the local parts of a moment for the fast path', () => {
    const moment = localMomentOf(at('2026-12-31T23:30', 'Europe/Helsinki'), 'Europe/Helsinki');
    expect(moment).toMatchObject({
      zone: 'Europe/Helsinki',
      date: '2026-12-31',
      monthDay: '12-31',
      year: 2026,
      isoWeek: 53,
      isoWeekYear: 2026,
      isoWeekday: 4,
      minutes: 23 * 60 + 30,
    });
    expect(moment.previousDay.date).toBe('2026-12-30');
  });
});
