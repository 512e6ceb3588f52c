import { describe, expect, it } from 'vitest';
import { isOpenAt, isOpenAtLocal, localMomentOf, nextOpening, openIntervals } from './evaluate.js';
import type { Window } from './window-schema.js';

// Europe/Stockholm: spring forward 2027-03-28 at 01:00 UTC (02:00 CET becomes 03:00 CEST),
// fall back 2026-10-25 at 01:00 UTC (03:00 CEST becomes 02:00 CET, so 02:00–03:00 happens twice).
// Instants are written with explicit offsets so the repeated hour is unambiguous.
const HOUR = 3_600_000;
const instant = (iso: string): Date => new Date(iso);
const hoursOf = ({ start, end }: { start: Date; end: Date }): number =>
  (end.getTime() - start.getTime()) / HOUR;

const onDay = (date: string, from?: string, to?: string): Window => ({
  spans: [{ kind: 'dates', from: date, to: date }],
  ...(from !== undefined && to !== undefined ? { timesOfDay: [{ from, to }] } : {}),
});

function intervalsAround(window: Window, date: string): { start: string; end: string; hours: number }[] {
  const from = instant(`${date}T00:00:00Z`);
  return openIntervals(
    window,
    new Date(from.getTime() - 2 * 24 * HOUR),
    new Date(from.getTime() + 3 * 24 * HOUR),
  ).map((interval) => ({
    start: interval.start.toISOString(),
    end: interval.end.toISOString(),
    hours: hoursOf(interval),
  }));
}

describe('spring forward in Stockholm, 2027-03-28', () => {
  it('makes a whole-day window 23 real hours long', () => {
    expect(intervalsAround(onDay('2027-03-28'), '2027-03-28')).toEqual([
      { start: '2027-03-27T23:00:00.000Z', end: '2027-03-28T22:00:00.000Z', hours: 23 },
    ]);
  });

  it('moves a start inside the gap forward to 03:00 CEST, the first valid instant', () => {
    expect(intervalsAround(onDay('2027-03-28', '02:30', '05:00'), '2027-03-28')).toEqual([
      { start: '2027-03-28T01:00:00.000Z', end: '2027-03-28T03:00:00.000Z', hours: 2 },
    ]);
  });

  it('moves an end inside the gap forward too, so 00:00–02:30 lasts two real hours', () => {
    expect(intervalsAround(onDay('2027-03-28', '00:00', '02:30'), '2027-03-28')).toEqual([
      { start: '2027-03-27T23:00:00.000Z', end: '2027-03-28T01:00:00.000Z', hours: 2 },
    ]);
  });

  it('never opens a time of day that lies wholly inside the gap on that day, but does on the days around it', () => {
    const nightly: Window = { spans: [{ kind: 'always' }], timesOfDay: [{ from: '02:15', to: '02:45' }] };
    expect(intervalsAround(nightly, '2027-03-28').map((i) => i.start)).toEqual([
      '2027-03-26T01:15:00.000Z',
      '2027-03-27T01:15:00.000Z',
      '2027-03-29T00:15:00.000Z',
      '2027-03-30T00:15:00.000Z',
    ]);
    expect(nextOpening(nightly, instant('2027-03-27T02:00:00Z'))?.toISOString()).toBe(
      '2027-03-29T00:15:00.000Z',
    );
  });

  it('opens a window starting in the gap exactly at the jump and not a millisecond before', () => {
    const window = onDay('2027-03-28', '02:30', '05:00');
    expect(isOpenAt(window, instant('2027-03-28T00:59:59.999Z'))).toBe(false);
    expect(isOpenAt(window, instant('2027-03-28T01:00:00Z'))).toBe(true);
    expect(isOpenAt(window, instant('2027-03-28T02:59:59.999Z'))).toBe(true);
    expect(isOpenAt(window, instant('2027-03-28T03:00:00Z'))).toBe(false);
  });

  it('closes a window ending in the gap exactly at the jump', () => {
    const window = onDay('2027-03-28', '00:00', '02:30');
    expect(isOpenAt(window, instant('2027-03-28T00:59:59.999Z'))).toBe(true);
    expect(isOpenAt(window, instant('2027-03-28T01:00:00Z'))).toBe(false);
  });

  it('closes a whole-day window at midnight CEST', () => {
    const window = onDay('2027-03-28');
    expect(isOpenAt(window, instant('2027-03-27T22:59:59.999Z'))).toBe(false);
    expect(isOpenAt(window, instant('2027-03-27T23:00:00Z'))).toBe(true);
    expect(isOpenAt(window, instant('2027-03-28T21:59:59.999Z'))).toBe(true);
    expect(isOpenAt(window, instant('2027-03-28T22:00:00Z'))).toBe(false);
  });
});

describe('fall back in Stockholm, 2026-10-25', () => {
  it('makes a whole-day window 25 real hours long', () => {
    expect(intervalsAround(onDay('2026-10-25'), '2026-10-25')).toEqual([
      { start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z', hours: 25 },
    ]);
  });

  it('starts a window at the first occurrence of a repeated time and keeps it open through the second pass', () => {
    const window = onDay('2026-10-25', '02:30', '05:00');
    expect(intervalsAround(window, '2026-10-25')).toEqual([
      { start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T04:00:00.000Z', hours: 3.5 },
    ]);
    expect(isOpenAt(window, instant('2026-10-25T02:29:59.999+02:00'))).toBe(false);
    expect(isOpenAt(window, instant('2026-10-25T02:30:00+02:00'))).toBe(true);
    expect(isOpenAt(window, instant('2026-10-25T02:10:00+01:00'))).toBe(true);
  });

  it('ends a window at the first occurrence of a repeated time and does not reopen it in the second pass', () => {
    const window = onDay('2026-10-25', '00:00', '02:30');
    expect(intervalsAround(window, '2026-10-25')).toEqual([
      { start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T00:30:00.000Z', hours: 2.5 },
    ]);
    expect(isOpenAt(window, instant('2026-10-25T02:29:59.999+02:00'))).toBe(true);
    expect(isOpenAt(window, instant('2026-10-25T02:30:00+02:00'))).toBe(false);
    expect(isOpenAt(window, instant('2026-10-25T02:10:00+01:00'))).toBe(false);
    expect(isOpenAt(window, instant('2026-10-25T02:40:00+01:00'))).toBe(false);
  });

  it('counts both passes of the repeated hour in a 02:00–03:00 window', () => {
    expect(intervalsAround(onDay('2026-10-25', '02:00', '03:00'), '2026-10-25')).toEqual([
      { start: '2026-10-25T00:00:00.000Z', end: '2026-10-25T02:00:00.000Z', hours: 2 },
    ]);
  });

  it('opens a window starting at 03:00 only when 03:00 CET arrives, after the second pass', () => {
    const window = onDay('2026-10-25', '03:00', '06:00');
    expect(isOpenAt(window, instant('2026-10-25T02:59:59.999+02:00'))).toBe(false);
    expect(isOpenAt(window, instant('2026-10-25T02:59:59.999+01:00'))).toBe(false);
    expect(isOpenAt(window, instant('2026-10-25T03:00:00+01:00'))).toBe(true);
    expect(nextOpening(window, instant('2026-10-25T00:00:00Z'))?.toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    );
  });

  it('reads the second pass of the repeated hour as just before 03:00 in the fast path', () => {
    const firstPass = localMomentOf(instant('2026-10-25T02:10:00+02:00'), 'Europe/Stockholm');
    const secondPass = localMomentOf(instant('2026-10-25T02:10:00+01:00'), 'Europe/Stockholm');
    expect(firstPass.minutes).toBe(130);
    expect(secondPass.date).toBe('2026-10-25');
    expect(secondPass.minutes).toBeGreaterThan(179.99);
    expect(secondPass.minutes).toBeLessThan(180);
    expect(isOpenAtLocal(onDay('2026-10-25', '02:00', '03:00'), secondPass)).toBe(true);
    expect(isOpenAtLocal(onDay('2026-10-25', '03:00', '04:00'), secondPass)).toBe(false);
  });
});
