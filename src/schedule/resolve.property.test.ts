import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpenAt } from '../windows/evaluate.js';
import { compileSchedule } from './compile.js';
import { resolvePlaylist } from './resolve.js';
import { instantArb, rulesArb, screenArb, slidesArb } from './test-arbitraries.js';
import { shopOpenByLuxon, shuffle, targetsScreen } from './test-oracles.js';
import type { PlaylistItem, ScheduleRules, ScheduleSlide, ScreenProfile } from './types.js';

const RUNS = { numRuns: 300 };
const EPSILON = 1e-9;

const isPlayable = (slide: ScheduleSlide) => slide.variants.some((variant) => variant.renditions.length > 0);

/** The slides that should be candidates: open in the screen's zone, targeting it, playable. */
function eligibleSlides(slides: ScheduleSlide[], screen: ScreenProfile, instant: Date): ScheduleSlide[] {
  return slides.filter(
    (slide) =>
      isPlayable(slide) &&
      targetsScreen(slide.targeting, screen) &&
      isOpenAt(slide.campaignWindow, instant, screen.timeZone) &&
      (slide.window === undefined || isOpenAt(slide.window, instant, screen.timeZone)),
  );
}

function shopIsClosed(screen: ScreenProfile, instant: Date): boolean | null {
  if (screen.playWhenClosed || screen.openingHours === null) return false;
  const open = shopOpenByLuxon(screen.openingHours, instant, screen.timeZone);
  return open === null ? null : !open;
}

/** Loop length if nothing were dropped: national set repeated until it holds the share. */
function undroppedLoopSeconds(national: number, lower: number, share: number): number {
  if (national === 0 || lower === 0) return national + lower;
  // Shares at or just below 1 need more passes than any loop cap allows.
  if (share >= 1 || (share * lower) / (national * (1 - share)) > 1e6) return Number.POSITIVE_INFINITY;
  let k = 1;
  while (national * k + EPSILON < share * (national * k + lower)) k++;
  return national * k + lower;
}

const sum = (items: Array<{ durationSeconds: number }>) =>
  items.reduce((total, item) => total + item.durationSeconds, 0);

function playingAt(slides: ScheduleSlide[], rules: ScheduleRules, screen: ScreenProfile, instant: Date) {
  const result = resolvePlaylist(compileSchedule(slides, rules), screen, instant);
  return result.status === 'playing' ? result : null;
}

describe('resolvePlaylist properties', () => {
  it('plays only open, matching slides, every open national one, and drops lower tiers only for the cap', () => {
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, instantArb, (slides, rules, screen, instant) => {
        const result = playingAt(slides, rules, screen, instant);
        if (result === null || result.usedDefaultLoop) return;
        const eligible = eligibleSlides(slides, screen, instant);
        const played = new Set(result.items.map((item) => item.slideId));
        expect([...played].every((id) => eligible.some((slide) => slide.id === id))).toBe(true);
        const national = eligible.filter((slide) => slide.tier === 'national');
        expect(national.every((slide) => played.has(slide.id))).toBe(true);
        const lower = eligible.filter((slide) => slide.tier !== 'national');
        if (lower.some((slide) => !played.has(slide.id))) {
          const full = undroppedLoopSeconds(sum(national), sum(lower), rules.nationalShare);
          expect(full).toBeGreaterThan(rules.maxLoopSeconds ?? 600);
        }
      }),
      RUNS,
    );
  });

  it('gives national slides at least the configured share of the loop whenever one plays', () => {
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, instantArb, (slides, rules, screen, instant) => {
        const result = playingAt(slides, rules, screen, instant);
        if (result === null) return;
        const nationalItems = result.items.filter((item) => item.tier === 'national');
        expect(result.loopSeconds).toBeCloseTo(sum(result.items), 9);
        expect(result.nationalSeconds).toBeCloseTo(sum(nationalItems), 9);
        if (nationalItems.length > 0) {
          expect(result.nationalSeconds).toBeGreaterThanOrEqual(
            rules.nationalShare * result.loopSeconds - EPSILON,
          );
        }
      }),
      RUNS,
    );
  });

  it('spreads lower-tier items between national ones: no cyclic run longer than ⌈m/n⌉', () => {
    // With n national and m lower-tier items in a loop, runs of lower-tier items (the loop wraps
    // around) are never longer than ⌈m/n⌉; in particular no two are adjacent when m <= n.
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, instantArb, (slides, rules, screen, instant) => {
        const result = playingAt(slides, rules, screen, instant);
        if (result === null) return;
        const n = result.items.filter((item) => item.tier === 'national').length;
        const m = result.items.length - n;
        if (n === 0 || m === 0) return;
        expect(longestCyclicLowerRun(result.items)).toBeLessThanOrEqual(Math.ceil(m / n));
      }),
      RUNS,
    );
  });

  it('is closed exactly while the shop is closed, unless the screen plays anyway', () => {
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, instantArb, (slides, rules, screen, instant) => {
        const closed = shopIsClosed(screen, instant);
        fc.pre(closed !== null);
        const result = resolvePlaylist(compileSchedule(slides, rules), screen, instant);
        expect(result.status).toBe(closed ? 'closed' : 'playing');
        if (result.status === 'closed' && result.opensAt !== null && screen.openingHours !== null) {
          expect(result.opensAt.getTime()).toBeGreaterThan(instant.getTime());
          expect(shopOpenByLuxon(screen.openingHours, result.opensAt, screen.timeZone)).not.toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('never plays an empty loop, and uses the default loop exactly when nothing else is open', () => {
    fc.assert(
      fc.property(slidesArb, rulesArb, screenArb, instantArb, (slides, rules, screen, instant) => {
        const result = playingAt(slides, rules, screen, instant);
        if (result === null) return;
        expect(result.items.length).toBeGreaterThan(0);
        expect(result.usedDefaultLoop).toBe(eligibleSlides(slides, screen, instant).length === 0);
      }),
      RUNS,
    );
  });

  it('is deterministic and independent of the order of slides and renditions', () => {
    fc.assert(
      fc.property(
        slidesArb,
        rulesArb,
        screenArb,
        instantArb,
        fc.integer(),
        (slides, rules, screen, instant, seed) => {
          const expected = resolvePlaylist(compileSchedule(slides, rules), screen, instant);
          expect(resolvePlaylist(compileSchedule(slides, rules), screen, instant)).toEqual(expected);
          const reordered = shuffle(slides, seed).map((slide) => ({
            ...slide,
            variants: slide.variants.map((variant) => ({
              ...variant,
              renditions: shuffle(variant.renditions, seed),
            })),
          }));
          expect(resolvePlaylist(compileSchedule(reordered, rules), screen, instant)).toEqual(expected);
        },
      ),
      RUNS,
    );
  });
});

function longestCyclicLowerRun(items: PlaylistItem[]): number {
  const doubled = [...items, ...items];
  let longest = 0;
  let run = 0;
  for (const item of doubled) {
    run = item.tier === 'national' ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return Math.min(longest, items.length);
}
