import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSchedule } from './compile.js';
import { resolvePlaylist } from './resolve.js';
import { AUTUMN_DST, instantArb, rulesArb, SPRING_DST, screenArb, slidesArb } from './test-arbitraries.js';
import { buildTimeline } from './timeline.js';

const RUNS = { numRuns: 150 };
const HOUR = 3_600_000;

/** Ranges that start anywhere, or a few hours before a DST change so that they cross it. */
const fromArb = fc.oneof(
  instantArb,
  fc
    .constantFrom(AUTUMN_DST, SPRING_DST)
    .chain((change) => fc.integer({ min: change - 30 * HOUR, max: change - HOUR }).map((ms) => new Date(ms))),
);
const hoursArb = fc.oneof(fc.integer({ min: 1, max: 48 }), fc.double({ min: 0.25, max: 30, noNaN: true }));

describe('buildTimeline properties', () => {
  it('gives contiguous segments that cover the range, adjacent ones differing', () => {
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, fromArb, hoursArb, (slides, rules, screen, from, hours) => {
        const segments = buildTimeline(compileSchedule(slides, rules), screen, from, hours);
        expect(segments[0]?.start).toEqual(from);
        expect(segments.at(-1)?.end).toEqual(new Date(from.getTime() + hours * HOUR));
        for (const [i, segment] of segments.entries()) {
          expect(segment.end.getTime()).toBeGreaterThan(segment.start.getTime());
          const next = segments[i + 1];
          if (next === undefined) continue;
          expect(next.start).toEqual(segment.end);
          expect(next.result).not.toEqual(segment.result);
        }
      }),
      RUNS,
    );
  });

  it('matches resolvePlaylist at every instant inside a segment, across the DST changes', () => {
    fc.assert(
      fc.property(
        slidesArb,
        rulesArb,
        screenArb,
        fromArb,
        hoursArb,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 1,
          maxLength: 3,
        }),
        (slides, rules, screen, from, hours, fractions) => {
          const schedule = compileSchedule(slides, rules);
          for (const { start, end, result } of buildTimeline(schedule, screen, from, hours)) {
            const [startMs, endMs] = [start.getTime(), end.getTime()];
            // Clamped: f * length can round up to the (excluded) end.
            const inside = fractions.map((f) =>
              Math.min(endMs - 1, Math.floor(startMs + f * (endMs - startMs))),
            );
            const instants = [startMs, endMs - 1, ...inside];
            for (const instant of instants) {
              expect(
                resolvePlaylist(schedule, screen, new Date(instant)),
                new Date(instant).toISOString(),
              ).toEqual(result);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
