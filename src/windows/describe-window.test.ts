import { describe, expect, it } from 'vitest';
import { describeWindow } from './describe-window.js';
import type { Window } from './window-schema.js';

const both = (window: Window) => ({ sv: describeWindow(window, 'sv'), en: describeWindow(window, 'en') });

describe('describeWindow', () => {
  it('describes a yearly span', () => {
    expect(both({ spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] })).toEqual({
      sv: '1 feb–31 mar varje år',
      en: '1 Feb–31 Mar every year',
    });
  });

  it('describes a yearly span across New Year and a single yearly day', () => {
    expect(both({ spans: [{ kind: 'yearly', from: '12-15', to: '01-31' }] }).sv).toBe(
      '15 dec–31 jan varje år',
    );
    expect(both({ spans: [{ kind: 'yearly', from: '05-17', to: '05-17' }] }).en).toBe('17 May every year');
    expect(both({ spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] }).sv).toBe('1–30 nov varje år');
    expect(both({ spans: [{ kind: 'yearly', from: '03-20', to: '03-10' }] }).sv).toBe(
      '20 mar–10 mar varje år',
    );
  });

  it('describes an ISO week', () => {
    expect(both({ spans: [{ kind: 'isoWeek', week: 48 }] })).toEqual({
      sv: 'vecka 48 varje år',
      en: 'week 48 every year',
    });
  });

  it('describes fixed dates, with the year once when both ends share it', () => {
    expect(both({ spans: [{ kind: 'dates', from: '2026-11-23', to: '2026-11-29' }] })).toEqual({
      sv: '23–29 nov 2026',
      en: '23–29 Nov 2026',
    });
    expect(both({ spans: [{ kind: 'dates', from: '2026-12-28', to: '2027-01-03' }] }).sv).toBe(
      '28 dec 2026–3 jan 2027',
    );
    expect(both({ spans: [{ kind: 'dates', from: '2026-11-25', to: '2026-11-25' }] }).en).toBe('25 Nov 2026');
    expect(both({ spans: [{ kind: 'dates', from: '2027-05-01' }] })).toEqual({
      sv: 'från 1 maj 2027',
      en: 'from 1 May 2027',
    });
  });

  it('adds weekday and time-of-day rules', () => {
    const window: Window = {
      spans: [{ kind: 'isoWeek', week: 48 }],
      weekdays: [5, 1, 2, 3, 4],
      timesOfDay: [
        { from: '08:00', to: '17:00' },
        { from: '22:00', to: '02:00' },
      ],
    };
    expect(both(window)).toEqual({
      sv: 'vecka 48 varje år, mån–fre 08:00–17:00, 22:00–02:00',
      en: 'week 48 every year, Mon–Fri 08:00–17:00, 22:00–02:00',
    });
    expect(both({ spans: [{ kind: 'always' }], weekdays: [1, 3, 6, 7] }).sv).toBe(
      'alltid, mån, ons, lör–sön',
    );
    expect(both({ spans: [{ kind: 'always' }], weekdays: [1, 2, 3, 4, 5, 6, 7] }).en).toBe('always');
  });

  it('joins several spans and names a pinned zone', () => {
    const window: Window = {
      timeZone: 'Europe/Helsinki',
      spans: [
        { kind: 'yearly', from: '02-01', to: '02-14' },
        { kind: 'yearly', from: '03-01', to: '03-08' },
        { kind: 'isoWeek', week: 48 },
      ],
    };
    expect(both(window)).toEqual({
      sv: '1–14 feb varje år, 1–8 mar varje år och vecka 48 varje år (Europe/Helsinki)',
      en: '1–14 Feb every year, 1–8 Mar every year and week 48 every year (Europe/Helsinki)',
    });
  });
});
