import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  currentOrNextInterval,
  isOpenAt,
  isOpenAtLocal,
  localMomentOf,
  nextOpening,
  openIntervals,
  windowZone,
} from './evaluate.js';
import type { Span, TimeOfDay, Window } from './window-schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST = Date.UTC(2024, 0, 1);
const LAST = Date.UTC(2035, 0, 1);

// Zones with DST at 02:00 (Europe), at local midnight with the fall-back repeating the previous
// evening (Santiago), half-hour DST (Lord Howe), and none at all (Kolkata).
const ZONES = [
  'Europe/Stockholm',
  'Europe/Helsinki',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
] as const;

/** Offset changes of a zone in 2024–2034, found with luxon independently of the engine. */
function transitionsOf(zoneName: string): number[] {
  const zone = IANAZone.create(zoneName);
  const found: number[] = [];
  for (let day = FIRST; day < LAST; day += DAY) {
    if (zone.offset(day) === zone.offset(day + DAY)) continue;
    let [lo, hi] = [day, day + DAY];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offset(mid) === zone.offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}
const TRANSITIONS = new Map(ZONES.map((zone) => [zone, transitionsOf(zone)]));

const pad = (n: number): string => String(n).padStart(2, '0');
const dayText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const clock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

const dayArb = fc.integer({ min: FIRST / DAY, max: LAST / DAY - 1 }).map((d) => d * DAY);
const monthDayArb = fc
  .integer({ min: 1, max: 12 })
  .chain((month) =>
    fc
      .integer({ min: 1, max: [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 28 })
      .map((day) => `${pad(month)}-${pad(day)}`),
  );
const spanArb: fc.Arbitrary<Span> = fc.oneof(
  fc.tuple(dayArb, fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined })).map(([from, length]) => ({
    kind: 'dates' as const,
    from: dayText(from),
    to: length === undefined ? undefined : dayText(from + length * DAY),
  })),
  fc.tuple(monthDayArb, monthDayArb).map(([from, to]) => ({ kind: 'yearly' as const, from, to })),
  fc.integer({ min: 1, max: 53 }).map((week) => ({ kind: 'isoWeek' as const, week })),
  fc.constant({ kind: 'always' as const }),
);
// Quarter hours, half of them in the small hours, so boundaries often land on DST changes.
const quarterArb = (min: number, max: number) =>
  fc.oneof(fc.integer({ min, max }), fc.integer({ min: Math.max(min, 0), max: 16 })).map((q) => q * 15);
const timeArb: fc.Arbitrary<TimeOfDay> = fc
  .tuple(quarterArb(0, 95), quarterArb(1, 96))
  .map(([from, to]) => ({ from: clock(from), to: clock(to) }));

const windowArb: fc.Arbitrary<Window> = fc
  .record({
    timeZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined, freq: 3 }),
    spans: fc.array(spanArb, { minLength: 1, maxLength: 3 }),
    weekdays: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }), {
      nil: undefined,
    }),
    timesOfDay: fc.option(fc.array(timeArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  })
  .map((window) => JSON.parse(JSON.stringify(window)) as Window);

/** A window, a screen zone, and an instant that is often within hours of a DST change in the window's zone. */
const scenarioArb = fc
  .record({ window: windowArb, zone: fc.constantFrom(...ZONES) })
  .chain(({ window, zone }) => {
    const transitions = TRANSITIONS.get(windowZone(window, zone) as (typeof ZONES)[number]) ?? [];
    const anywhere = fc.integer({ min: FIRST, max: LAST - 1 });
    const nearChange =
      transitions.length === 0
        ? anywhere
        : fc
            .tuple(
              fc.constantFrom(...transitions),
              fc.integer({ min: -6 * 60, max: 6 * 60 }),
              fc.constantFrom(-1, 0, 1),
            )
            .map(([change, minutes, ms]) => change + minutes * 60_000 + ms);
    return fc.record({
      window: fc.constant(window),
      zone: fc.constant(zone),
      instant: fc.oneof(anywhere, nearChange),
      aroundDays: fc.option(fc.tuple(fc.nat(2), fc.nat(2)), { nil: undefined }),
    });
  })
  // Half the time the window also has a span around the instant, so that its rules are tested there.
  .map(({ window, zone, instant, aroundDays }) => {
    if (aroundDays === undefined) return { window, zone, instant };
    const [before, after] = aroundDays;
    const around: Span = {
      kind: 'dates',
      from: dayText(instant - before * DAY),
      to: dayText(instant + after * DAY),
    };
    return { window: { ...window, spans: [...window.spans, around] }, zone, instant };
  });

const contains = (interval: { start: Date; end: Date }, t: number): boolean =>
  interval.start.getTime() <= t && t < interval.end.getTime();

describe('window evaluation properties', () => {
  it('isOpenAt agrees with openIntervals around the instant', () => {
    fc.assert(
      fc.property(scenarioArb, ({ window, zone, instant }) => {
        const intervals = openIntervals(
          window,
          new Date(instant - 3 * DAY),
          new Date(instant + 3 * DAY),
          zone,
        );
        expect(isOpenAt(window, new Date(instant), zone)).toBe(intervals.some((i) => contains(i, instant)));
        for (const [a, b] of intervals.slice(1).map((next, i) => [intervals[i], next] as const)) {
          expect(a && a.end.getTime() < b.start.getTime()).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('nextOpening answers an open instant with nothing open before it', () => {
    const horizonDays = 400;
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (scenario, samples) => {
          const { window, zone, instant } = scenario;
          const opening = nextOpening(window, new Date(instant), zone, horizonDays);
          if (opening === null) {
            expect(
              openIntervals(window, new Date(instant), new Date(instant + (horizonDays - 1) * DAY), zone),
            ).toEqual([]);
            return;
          }
          const next = opening.getTime();
          expect(next).toBeGreaterThanOrEqual(instant);
          expect(isOpenAt(window, opening, zone)).toBe(true);
          if (next === instant) return;
          const before = [
            instant,
            next - 1,
            ...samples.map((s) => Math.floor(instant + s * (next - instant))),
          ];
          for (const t of before.filter((t) => t < next))
            expect(isOpenAt(window, new Date(t), zone)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('isOpenAtLocal on a precomputed moment equals isOpenAt', () => {
    fc.assert(
      fc.property(scenarioArb, ({ window, zone, instant }) => {
        const moment = localMomentOf(new Date(instant), zone);
        expect(isOpenAtLocal(window, moment)).toBe(isOpenAt(window, new Date(instant), zone));
      }),
      { numRuns: 1500 },
    );
  });

  it('currentOrNextInterval is a maximal open interval at or after the instant', () => {
    const horizonDays = 60;
    fc.assert(
      fc.property(scenarioArb, ({ window, zone, instant }) => {
        const interval = currentOrNextInterval(window, new Date(instant), zone, horizonDays);
        const opening = nextOpening(window, new Date(instant), zone, horizonDays);
        expect(interval === null).toBe(opening === null);
        if (interval === null || opening === null) return;
        const [start, end] = [interval.start.getTime(), interval.end.getTime()];
        expect(contains(interval, opening.getTime())).toBe(true);
        expect(isOpenAt(window, new Date(end - 1), zone)).toBe(true);
        if (start > instant - horizonDays * DAY)
          expect(isOpenAt(window, new Date(start - 1), zone)).toBe(false);
        if (end < opening.getTime() + horizonDays * DAY)
          expect(isOpenAt(window, interval.end, zone)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** A deliberately naive reading of a window with luxon's local fields, valid where wall time never repeats. */
function naiveIsOpen(window: Window, instant: number, zone: string): boolean {
  const now = DateTime.fromMillis(instant, { zone });
  const dayIsActive = (day: DateTime): boolean =>
    (window.weekdays?.includes(day.weekday) ?? true) &&
    window.spans.some((span) => {
      const date = day.toISODate() ?? '';
      const monthDay = day.toFormat('MM-dd');
      const lastFeb = (md: string): string => (md === '02-29' && !day.isInLeapYear ? '02-28' : md);
      if (span.kind === 'dates') return date >= span.from && (span.to === undefined || date <= span.to);
      if (span.kind === 'isoWeek') return day.weekNumber === span.week;
      if (span.kind === 'always') return true;
      const [from, to] = [lastFeb(span.from), lastFeb(span.to)];
      return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
    });
  if (!window.timesOfDay) return dayIsActive(now);
  const minutes = now.hour * 60 + now.minute;
  const toMinutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  return window.timesOfDay.some(({ from, to }) => {
    const [f, t] = [toMinutes(from), toMinutes(to)];
    if (f < t) return minutes >= f && minutes < t && dayIsActive(now);
    return (minutes >= f && dayIsActive(now)) || (minutes < t && dayIsActive(now.minus({ days: 1 })));
  });
}

describe('window evaluation against a naive luxon reading', () => {
  it('agrees in a zone without DST for any window', () => {
    const unpinned = windowArb.map(({ timeZone: _, ...window }) => window);
    fc.assert(
      fc.property(unpinned, fc.integer({ min: FIRST, max: LAST - 1 }), (window, instant) => {
        expect(isOpenAt(window, new Date(instant), 'Asia/Kolkata')).toBe(
          naiveIsOpen(window, instant, 'Asia/Kolkata'),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees in Stockholm, DST changes included, for windows without times of day', () => {
    const wholeDays = windowArb.map(({ timeZone: _, timesOfDay: __, ...window }) => window);
    const stockholmChanges = TRANSITIONS.get('Europe/Stockholm') ?? [];
    const instants = fc.oneof(
      fc.integer({ min: FIRST, max: LAST - 1 }),
      fc
        .tuple(fc.constantFrom(...stockholmChanges), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }))
        .map(([c, d]) => c + d),
    );
    fc.assert(
      fc.property(wholeDays, instants, (window, instant) => {
        expect(isOpenAt(window, new Date(instant), 'Europe/Stockholm')).toBe(
          naiveIsOpen(window, instant, 'Europe/Stockholm'),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
