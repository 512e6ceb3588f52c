import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { item, manifest, segment } from './manifest-builder.js';
import { playerModule, type ScheduleModule } from './player-modules.js';

let schedule: ScheduleModule;
beforeAll(async () => {
  schedule = await playerModule<ScheduleModule>('schedule.js');
});

const at = (iso: string) => Date.parse(iso);
const H10 = '2026-11-23T10:00:00Z';
const H11 = '2026-11-23T11:00:00Z';
const H12 = '2026-11-23T12:00:00Z';
const NEXT_DAY_11 = '2026-11-24T11:00:00Z';

// 10:00-11:00 plays a (10 s), b (20 s), c (7 s); 11:00-12:00 closed; 12:00-next day 11:00 plays c, a.
const day = () =>
  manifest(
    [segment(H10, H11, [0, 1, 2]), segment(H11, H12, null), segment(H12, NEXT_DAY_11, [2, 0])],
    [item('a', 10), item('b', 20), item('c', 7)],
  );

describe('what plays when', () => {
  it('plays the loop in order from the start of its segment', () => {
    const m = day();
    expect(schedule.showingAt(m, at('2026-11-23T10:00:00Z')).item?.url).toBe('/media/a.webp');
    expect(schedule.showingAt(m, at('2026-11-23T10:00:09.999Z')).item?.url).toBe('/media/a.webp');
    const b = schedule.showingAt(m, at('2026-11-23T10:00:10Z'));
    expect([b.item?.url, b.startsAt, b.endsAt]).toEqual([
      '/media/b.webp',
      at('2026-11-23T10:00:10Z'),
      at('2026-11-23T10:00:30Z'),
    ]);
    expect(schedule.showingAt(m, at('2026-11-23T10:00:31Z')).item?.url).toBe('/media/c.webp');
  });

  it('repeats the loop, each repetition a showing of its own', () => {
    const m = day();
    const first = schedule.showingAt(m, at('2026-11-23T10:00:01Z'));
    const again = schedule.showingAt(m, at('2026-11-23T10:00:38Z'));
    expect(again.item?.url).toBe('/media/a.webp');
    expect(again.startsAt).toBe(at('2026-11-23T10:00:37Z'));
    expect(again.key).not.toBe(first.key);
  });

  it('cuts the last item at the end of its segment and starts the next loop there', () => {
    const m = day();
    // 3600 s is 97 loops of 37 s and 11 s more: a whole a, then 1 s of b.
    const last = schedule.showingAt(m, at('2026-11-23T10:59:59.5Z'));
    expect([last.item?.url, last.startsAt, last.endsAt]).toEqual([
      '/media/b.webp',
      at('2026-11-23T10:59:59Z'),
      at(H11),
    ]);
    const next = schedule.showingAt(m, at(H12));
    expect([next.item?.url, next.startsAt]).toEqual(['/media/c.webp', at(H12)]);
  });

  it('shows a calm blank while the shop is closed, until the segment ends', () => {
    const closed = schedule.showingAt(day(), at('2026-11-23T11:30:00Z'));
    expect(closed.item).toBeNull();
    expect(closed.endsAt).toBe(at(H12));
  });

  it('shows a blank for a playing segment with an empty loop', () => {
    const m = manifest([segment(H10, H11, [])], [item('a')]);
    expect(schedule.showingAt(m, at('2026-11-23T10:20:00Z')).item).toBeNull();
  });

  it('shows a blank in a gap between segments until the next one starts', () => {
    const m = manifest([segment(H10, H11, [0]), segment(H12, NEXT_DAY_11, [0])], [item('a')]);
    const gap = schedule.showingAt(m, at('2026-11-23T11:15:00Z'));
    expect([gap.item, gap.endsAt]).toEqual([null, at(H12)]);
  });

  it('beyond the horizon replays the same time a day earlier, opening hours and all', () => {
    const m = day();
    const later = schedule.showingAt(m, at('2026-11-24T11:30:00Z'));
    expect(later.item).toBeNull();
    expect(later.endsAt).toBe(at('2026-11-24T12:00:00Z'));
    const weekLater = schedule.showingAt(m, at('2026-11-30T10:00:10Z'));
    expect([weekLater.item?.url, weekLater.startsAt]).toEqual(['/media/b.webp', at('2026-11-30T10:00:10Z')]);
  });

  it('before the manifest starts, plays as it will at that time of day', () => {
    const early = schedule.showingAt(day(), at('2026-11-22T10:00:11Z'));
    expect(early.item?.url).toBe('/media/b.webp');
  });

  it('names a showing by its start and content, so a changed loop at the same instant is a new showing', () => {
    const m = day();
    const changed = manifest(m.segments, [item('z', 10), item('b', 20), item('c', 7)]);
    const t = at('2026-11-23T10:00:05Z');
    expect(schedule.showingAt(changed, t).key).not.toBe(schedule.showingAt(m, t).key);
    expect(schedule.showingAt(day(), t).key).toBe(schedule.showingAt(m, t).key);
  });

  it('covers time without holes: each showing contains its instant and the next starts where it ends', () => {
    const m = day();
    const from = at('2026-11-22T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 86_400_000 }), (offset) => {
        const t = from + offset;
        const showing = schedule.showingAt(m, t);
        expect(showing.startsAt).toBeLessThanOrEqual(t);
        expect(showing.endsAt).toBeGreaterThan(t);
        const next = schedule.showingAt(m, showing.endsAt);
        expect(next.startsAt).toBe(showing.endsAt);
        expect(next.key).not.toBe(showing.key);
      }),
    );
  });
});

describe('manifest validation', () => {
  it('accepts a manifest of the hub’s shape', () => {
    expect(schedule.manifestIsValid(day())).toBe(true);
  });

  const broken: Array<[string, (m: Record<string, unknown>) => unknown]> = [
    ['null', () => null],
    ['a string', () => 'manifest'],
    ['no version', (m) => ({ ...m, version: undefined })],
    ['no poll interval', (m) => ({ ...m, pollSeconds: undefined })],
    ['no segments', (m) => ({ ...m, segments: [] })],
    ['items that are not a list', (m) => ({ ...m, items: {} })],
    ['a loop index past the items', (m) => ({ ...m, segments: [segment(H10, H11, [7])] })],
    ['a segment ending before it starts', (m) => ({ ...m, segments: [segment(H11, H10, [0])] })],
    [
      'an unknown segment status',
      (m) => ({ ...m, segments: [{ ...segment(H10, H11, [0]), status: 'paused' }] }),
    ],
    ['a zero duration', (m) => ({ ...m, items: [item('a', 0), item('b'), item('c')] })],
    [
      'a media URL on another host',
      (m) => ({ ...m, items: [item('a', 10, { url: '//evil.example/a.webp' }), item('b'), item('c')] }),
    ],
    ['an absolute media URL', (m) => ({ ...m, media: [{ url: 'https://evil.example/a.webp' }] })],
    [
      'an unknown kind',
      (m) => ({ ...m, items: [item('a', 10, { kind: 'html' as never }), item('b'), item('c')] }),
    ],
  ];
  it.each(broken)('refuses %s', (_name, breakIt) => {
    expect(schedule.manifestIsValid(breakIt(day() as unknown as Record<string, unknown>))).toBe(false);
  });
});

describe('hourly manifests', () => {
  it('continue the loop where the previous manifest began it, so the slide on screen is not cut short', () => {
    const previous = manifest(
      [segment(H10, NEXT_DAY_11, [0, 1, 2])],
      [item('a', 10), item('b', 20), item('c', 5)],
      'v1',
    );
    // The next hour's manifest starts at 11:00 with the same loop (its items listed in another order).
    const next = manifest(
      [segment(H11, '2026-11-24T12:00:00Z', [1, 2, 0])],
      [item('c', 5), item('a', 10), item('b', 20)],
      'v2',
    );
    const continued = schedule.continueLoop(previous, next);
    expect(continued.segments[0]?.start).toBe(new Date(H10).toISOString());
    const t = at('2026-11-23T11:00:02Z');
    expect(schedule.showingAt(continued, t).key).toBe(schedule.showingAt(previous, t).key);
  });

  it('start the loop afresh when it changed', () => {
    const previous = manifest([segment(H10, NEXT_DAY_11, [0, 1])], [item('a'), item('b')], 'v1');
    const next = manifest([segment(H11, '2026-11-24T12:00:00Z', [0, 1])], [item('a'), item('b', 15)], 'v2');
    expect(schedule.continueLoop(previous, next)).toBe(next);
    expect(schedule.continueLoop(null, next)).toBe(next);
  });
});

describe('the watchdog’s measure', () => {
  it('is the longest item of the manifest', () => {
    expect(schedule.longestItemMs(day())).toBe(20_000);
    expect(schedule.longestItemMs(null)).toBe(0);
  });
});
