import { describe, expect, it } from 'vitest';
import { compileSchedule } from './compile.js';
import { buildTimeline, slidePlayIntervals } from './timeline.js';
import {
  arbogaCandleVigil,
  realCampaignSlides,
  rules,
  screen,
  supportLineNovember,
  vastmanlandNovember,
  weekFreeFromViolence,
} from './test-fixtures.js';
import type { TimelineSegment } from './types.js';

const schedule = compileSchedule(realCampaignSlides, rules);

function describeSegments(segments: TimelineSegment[]) {
  return segments.map(({ start, end, result }) => ({
    start: start.toISOString(),
    end: end.toISOString(),
    plays: result.status === 'playing' ? [...new Set(result.items.map((item) => item.slideId))] : 'closed',
  }));
}

describe('buildTimeline', () => {
  it('splits the day at closing, opening, the start of week 48 and the evening slide', () => {
    // From Sunday 22 November 2026 19:00 local (UTC+1) for 24 hours.
    const segments = buildTimeline(schedule, screen(), new Date('2026-11-22T18:00:00Z'), 24);
    expect(describeSegments(segments)).toEqual([
      {
        start: '2026-11-22T18:00:00.000Z',
        end: '2026-11-22T20:00:00.000Z',
        plays: [supportLineNovember.id, vastmanlandNovember.id],
      },
      { start: '2026-11-22T20:00:00.000Z', end: '2026-11-23T07:00:00.000Z', plays: 'closed' },
      {
        start: '2026-11-23T07:00:00.000Z',
        end: '2026-11-23T14:00:00.000Z',
        plays: [supportLineNovember.id, weekFreeFromViolence.id, vastmanlandNovember.id],
      },
      {
        start: '2026-11-23T14:00:00.000Z',
        end: '2026-11-23T18:00:00.000Z',
        plays: [
          supportLineNovember.id,
          weekFreeFromViolence.id,
          arbogaCandleVigil.id,
          vastmanlandNovember.id,
        ],
      },
    ]);
    expect(segments[1]?.result).toEqual({ status: 'closed', opensAt: new Date('2026-11-23T07:00:00Z') });
  });

  it('merges stretches whose playlist does not change', () => {
    const allDay = screen({ openingHours: null });
    const segments = buildTimeline(schedule, allDay, new Date('2026-11-10T00:00:00Z'), 48);
    expect(segments).toHaveLength(1);
    expect(segments[0]?.end).toEqual(new Date('2026-11-12T00:00:00Z'));
  });

  it('switches to the default loop at the end of November, local time', () => {
    const allDay = screen({ openingHours: null, countyCode: null, municipalityCode: null });
    const segments = buildTimeline(schedule, allDay, new Date('2026-11-30T12:00:00Z'), 24);
    expect(describeSegments(segments).map((segment) => [segment.start, segment.plays])).toEqual([
      ['2026-11-30T12:00:00.000Z', [supportLineNovember.id]],
      ['2026-11-30T23:00:00.000Z', ['default-kvinnofridslinjen']],
    ]);
  });

  it('refuses a non-positive length as a fault', () => {
    expect(() => buildTimeline(schedule, screen(), new Date('2026-11-10T00:00Z'), 0)).toThrow(/hours/);
  });
});

describe('slidePlayIntervals', () => {
  it("gives each slide the stretches during which it is in the screen's playlist", () => {
    const segments = buildTimeline(schedule, screen(), new Date('2026-11-22T18:00:00Z'), 24);
    const intervals = slidePlayIntervals(segments);
    expect(intervals.get(arbogaCandleVigil.id)).toEqual([
      { start: new Date('2026-11-23T14:00:00Z'), end: new Date('2026-11-23T18:00:00Z') },
    ]);
    expect(intervals.get(weekFreeFromViolence.id)).toEqual([
      { start: new Date('2026-11-23T07:00:00Z'), end: new Date('2026-11-23T18:00:00Z') },
    ]);
    expect(intervals.get(supportLineNovember.id)).toHaveLength(2);
  });
});
