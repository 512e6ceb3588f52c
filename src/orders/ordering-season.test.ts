import { describe, expect, it } from 'vitest';
import type { Window } from '../windows/window-schema.js';
import { orderingStateAt, seasonKeyAt } from './ordering-season.js';

const svartsjuka: Window = { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] };

describe('orderingStateAt', () => {
  it('is open from 15 December (Stockholm midnight) to the end of 31 March, keyed by the season start', () => {
    expect(orderingStateAt(svartsjuka, new Date('2026-12-14T22:59:59Z'))).toMatchObject({
      open: false,
      reason: 'closed',
    });
    expect(orderingStateAt(svartsjuka, new Date('2026-12-14T23:00:00Z'))).toEqual({
      open: true,
      seasonKey: '2026-12-15',
      closesAt: new Date('2027-03-31T22:00:00Z'),
    });
    expect(orderingStateAt(svartsjuka, new Date('2027-02-10T12:00:00Z'))).toMatchObject({
      open: true,
      seasonKey: '2026-12-15',
    });
    expect(orderingStateAt(svartsjuka, new Date('2027-03-31T22:00:00Z'))).toEqual({
      open: false,
      reason: 'closed',
      nextOpensAt: new Date('2027-12-14T23:00:00Z'),
    });
  });

  it('is closed with no next opening for a campaign without ordering window', () => {
    expect(orderingStateAt(null, new Date('2026-12-16T09:00:00Z'))).toEqual({
      open: false,
      reason: 'no_ordering_window',
      nextOpensAt: null,
    });
  });

  it('keeps one season across the days of a window open only on weekday office hours', () => {
    const officeHours: Window = {
      ...svartsjuka,
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: [{ from: '08:00', to: '17:00' }],
    };
    const wednesday = orderingStateAt(officeHours, new Date('2026-12-16T09:00:00Z'));
    const nextMonday = orderingStateAt(officeHours, new Date('2027-01-11T09:00:00Z'));
    expect(wednesday).toMatchObject({
      open: true,
      seasonKey: '2026-12-15',
      closesAt: new Date('2026-12-16T16:00:00Z'),
    });
    expect(nextMonday).toMatchObject({ open: true, seasonKey: '2026-12-15' });
    expect(orderingStateAt(officeHours, new Date('2026-12-19T09:00:00Z'))).toMatchObject({ open: false });
  });

  it('gives an always-open window one endless season', () => {
    expect(seasonKeyAt({ spans: [{ kind: 'always' }] }, new Date('2026-12-16T09:00:00Z'))).toBe('always');
    expect(seasonKeyAt({ spans: [{ kind: 'always' }] }, new Date('2031-06-01T09:00:00Z'))).toBe('always');
  });

  it('reads the season in the window’s own zone', () => {
    const helsinki: Window = { ...svartsjuka, timeZone: 'Europe/Helsinki' };
    expect(orderingStateAt(helsinki, new Date('2026-12-14T22:30:00Z'))).toMatchObject({
      open: true,
      seasonKey: '2026-12-15',
    });
  });
});
