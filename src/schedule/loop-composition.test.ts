import { describe, expect, it } from 'vitest';
import {
  composeLoop,
  interleave,
  type LoopEntry,
  mergeEvenly,
  nationalRepetitions,
} from './loop-composition.js';
import type { Tier } from './types.js';

function entry(slideId: string, tier: Tier, durationSeconds = 10, extra: Partial<LoopEntry> = {}): LoopEntry {
  return { slideId, tier, position: 0, durationSeconds, locked: false, ...extra };
}

const ids = (entries: readonly LoopEntry[]) => entries.map((e) => e.slideId);
const policy = { nationalShare: 0.5, maxLoopSeconds: 600 };

describe('nationalRepetitions', () => {
  it('repeats the national set just enough to reach the share', () => {
    expect(nationalRepetitions(10, 30, 0.5)).toBe(3);
    expect(nationalRepetitions(10, 25, 0.5)).toBe(3);
    expect(nationalRepetitions(10, 20, 0.5)).toBe(2);
    expect(nationalRepetitions(30, 10, 0.5)).toBe(1);
  });

  it('needs one pass when there is nothing else or no share is asked', () => {
    expect(nationalRepetitions(10, 0, 0.9)).toBe(1);
    expect(nationalRepetitions(10, 100, 0)).toBe(1);
  });

  it('cannot reach a share of 1 while lower tiers remain', () => {
    expect(nationalRepetitions(10, 5, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('holds with fractional durations and shares', () => {
    const k = nationalRepetitions(7.5, 12.25, 0.6);
    expect(7.5 * k).toBeGreaterThanOrEqual(0.6 * (7.5 * k + 12.25) - 1e-9);
    expect(7.5 * (k - 1)).toBeLessThan(0.6 * (7.5 * (k - 1) + 12.25));
  });
});

describe('interleave', () => {
  it('puts at most one lower item between national items when there are enough of them', () => {
    expect(interleave(['N1', 'N2', 'N3', 'N4'], ['a', 'b'])).toEqual(['N1', 'N2', 'a', 'N3', 'N4', 'b']);
  });

  it('spreads more lower items evenly, runs differing by at most one', () => {
    expect(interleave(['N1', 'N2'], ['a', 'b', 'c', 'd', 'e'])).toEqual([
      'N1',
      'a',
      'b',
      'N2',
      'c',
      'd',
      'e',
    ]);
  });

  it('returns the lower items alone when there is no national one', () => {
    expect(interleave([], ['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('mergeEvenly', () => {
  it('spreads the shorter list through the longer one', () => {
    expect(mergeEvenly(['c1', 'c2', 'c3', 'c4'], ['l1', 'l2'])).toEqual(['c1', 'l1', 'c2', 'c3', 'l2', 'c4']);
  });

  it('keeps every item of both lists in their own order', () => {
    expect(mergeEvenly(['a'], [])).toEqual(['a']);
    expect(mergeEvenly([], ['b', 'c'])).toEqual(['b', 'c']);
  });
});

describe('composeLoop', () => {
  it('repeats a national slide until it holds half the loop, with lower tiers between', () => {
    const loop = composeLoop(
      [entry('c1', 'county'), entry('n1', 'national'), entry('l1', 'local'), entry('c2', 'county')],
      policy,
    );
    expect(ids(loop.items)).toEqual(['n1', 'c1', 'n1', 'l1', 'n1', 'c2']);
    expect(loop.loopSeconds).toBe(60);
    expect(loop.nationalSeconds).toBe(30);
  });

  it('orders by tier, position and id whatever the input order', () => {
    const entries = [
      entry('n-b', 'national', 10, { position: 1 }),
      entry('n-z', 'national', 10, { position: 0 }),
      entry('n-a', 'national', 10, { position: 1 }),
    ];
    expect(ids(composeLoop(entries, policy).items)).toEqual(['n-z', 'n-a', 'n-b']);
    expect(ids(composeLoop([...entries].reverse(), policy).items)).toEqual(['n-z', 'n-a', 'n-b']);
  });

  it('fills the loop with county and local slides when no national slide is open', () => {
    const loop = composeLoop([entry('l1', 'local'), entry('c1', 'county')], policy);
    expect(ids(loop.items)).toEqual(['c1', 'l1']);
    expect(loop.nationalSeconds).toBe(0);
  });

  it('drops local before county, unlocked before locked, later positions first, to stay under the cap', () => {
    const loop = composeLoop(
      [
        entry('n1', 'national', 10),
        entry('c1', 'county', 10),
        entry('l-locked', 'local', 10, { locked: true, position: 9 }),
        entry('l-first', 'local', 10, { position: 1 }),
        entry('l-late', 'local', 10, { position: 5 }),
      ],
      { nationalShare: 0.5, maxLoopSeconds: 50 },
    );
    expect(new Set(ids(loop.items))).toEqual(new Set(['n1', 'c1', 'l-locked']));
    expect(loop.loopSeconds).toBe(40);
  });

  it('never drops a national slide, even when national slides alone exceed the cap', () => {
    const loop = composeLoop(
      [entry('n1', 'national', 400), entry('n2', 'national', 400), entry('c1', 'county', 10)],
      { nationalShare: 0.5, maxLoopSeconds: 600 },
    );
    expect(ids(loop.items)).toEqual(['n1', 'n2']);
  });

  it('plays only national slides when the share is 1', () => {
    const loop = composeLoop([entry('n1', 'national'), entry('c1', 'county')], {
      ...policy,
      nationalShare: 1,
    });
    expect(ids(loop.items)).toEqual(['n1']);
  });

  it('keeps one lower-tier slide when it alone exceeds the cap and nothing national is open', () => {
    const loop = composeLoop([entry('c1', 'county', 900), entry('c2', 'county', 900)], policy);
    expect(ids(loop.items)).toEqual(['c1']);
  });
});

describe('nationalRepetitions near a share of 1', () => {
  it('gives up (Infinity) instead of counting towards an unreachable share', () => {
    expect(nationalRepetitions(1, 30, 1 - Number.EPSILON / 2)).toBe(Number.POSITIVE_INFINITY);
    expect(nationalRepetitions(1, 30, 0.999_999_999)).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets composeLoop drop lower tiers to honour such a share', () => {
    const loop = composeLoop([entry('n1', 'national', 1), entry('c1', 'county', 30)], {
      nationalShare: 1 - Number.EPSILON / 2,
      maxLoopSeconds: 600,
    });
    expect(ids(loop.items)).toEqual(['n1']);
  });
});
