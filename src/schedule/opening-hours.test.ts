import { describe, expect, it } from 'vitest';
import { isOpenAt } from '../windows/evaluate.js';
import { openingHoursWindows } from './opening-hours.js';
import { shopHours } from './test-fixtures.js';
import type { OpeningHours } from './types.js';

const ZONE = 'Europe/Stockholm';
const openAt = (hours: OpeningHours, iso: string) =>
  openingHoursWindows(hours).some((window) => isOpenAt(window, new Date(iso), ZONE));

describe('openingHoursWindows', () => {
  it('joins days with the same hours into one window', () => {
    expect(openingHoursWindows(shopHours)).toEqual([
      {
        spans: [{ kind: 'always' }],
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        timesOfDay: [{ from: '08:00', to: '21:00' }],
      },
    ]);
  });

  it('is open inside the hours and closed outside, in local time', () => {
    // 2026-11-23 is a Monday; Stockholm is UTC+1 in November.
    expect(openAt(shopHours, '2026-11-23T07:00:00Z')).toBe(true);
    expect(openAt(shopHours, '2026-11-23T06:59:59Z')).toBe(false);
    expect(openAt(shopHours, '2026-11-23T19:59:59Z')).toBe(true);
    expect(openAt(shopHours, '2026-11-23T20:00:00Z')).toBe(false);
  });

  it('keeps a span that runs past midnight open into the next morning only', () => {
    const lateFriday: OpeningHours = { 5: [{ from: '22:00', to: '02:00' }] };
    // Friday 2026-11-27 23:30 and Saturday 01:30 local are open; Friday 01:30 is not.
    expect(openAt(lateFriday, '2026-11-27T22:30:00Z')).toBe(true);
    expect(openAt(lateFriday, '2026-11-28T00:30:00Z')).toBe(true);
    expect(openAt(lateFriday, '2026-11-28T01:00:00Z')).toBe(false);
    expect(openAt(lateFriday, '2026-11-27T00:30:00Z')).toBe(false);
  });

  it('reads equal from and to as 24 hours, and 24:00 as midnight', () => {
    expect(openAt({ 1: [{ from: '00:00', to: '00:00' }] }, '2026-11-23T22:59:00Z')).toBe(true);
    expect(openAt({ 1: [{ from: '00:00', to: '00:00' }] }, '2026-11-23T23:00:00Z')).toBe(false);
    expect(openAt({ 1: [{ from: '18:00', to: '24:00' }] }, '2026-11-23T22:59:00Z')).toBe(true);
  });

  it('gives no window for hours without any span', () => {
    expect(openingHoursWindows({})).toEqual([]);
    expect(openingHoursWindows({ 1: [] })).toEqual([]);
  });

  it('refuses malformed times as a fault', () => {
    expect(() => openingHoursWindows({ 1: [{ from: '8:00', to: '21:00' }] })).toThrow(
      /invalid opening-hours time/,
    );
    expect(() => openingHoursWindows({ 1: [{ from: '08:00', to: '24:30' }] })).toThrow(
      /invalid opening-hours time/,
    );
  });
});
