import { describe, expect, it } from 'vitest';
import { compileSchedule } from './compile.js';
import { resolvePlaylist } from './resolve.js';
import { makeSyntheticSchedule, makeSyntheticScreens } from './synthetic.js';

describe('makeSyntheticSchedule', () => {
  it('gives the same schedule for the same seed and another for another seed', () => {
    const options = { campaigns: 50, slides: 200, seed: 7 };
    expect(makeSyntheticSchedule(options)).toEqual(makeSyntheticSchedule(options));
    expect(makeSyntheticSchedule({ ...options, seed: 8 }).slides).not.toEqual(
      makeSyntheticSchedule(options).slides,
    );
  });

  it('holds the asked numbers of campaigns and slides with every tier represented', () => {
    const { slides } = makeSyntheticSchedule({ campaigns: 1000, slides: 5000, seed: 1 });
    expect(slides).toHaveLength(5000);
    expect(new Set(slides.map((slide) => slide.campaignId)).size).toBe(1000);
    const tiers = new Set(slides.map((slide) => slide.tier));
    expect(tiers).toEqual(new Set(['national', 'county', 'local']));
    expect(slides.some((slide) => slide.window !== undefined)).toBe(true);
    expect(slides.some((slide) => slide.variants.some((variant) => variant.language === 'ar'))).toBe(true);
  });

  it('compiles, and gives open synthetic screens non-empty loops mixing tiers', () => {
    const { slides, rules } = makeSyntheticSchedule({ campaigns: 1000, slides: 5000, seed: 1 });
    const schedule = compileSchedule(slides, rules);
    const results = makeSyntheticScreens({ count: 50, seed: 1 }).map((screen) =>
      resolvePlaylist(schedule, screen, new Date('2026-11-24T12:00:00Z')),
    );
    const playing = results.flatMap((result) => (result.status === 'playing' ? [result] : []));
    expect(playing.length).toBeGreaterThan(40);
    expect(playing.every((result) => result.items.length > 0)).toBe(true);
    expect(playing.some((result) => result.items.some((item) => item.tier === 'national'))).toBe(true);
    expect(playing.some((result) => result.items.some((item) => item.tier !== 'national'))).toBe(true);
  });
});

describe('makeSyntheticScreens', () => {
  it('is deterministic and places screens in real municipalities of their county', () => {
    const screens = makeSyntheticScreens({ count: 100, seed: 3 });
    expect(makeSyntheticScreens({ count: 100, seed: 3 })).toEqual(screens);
    expect(screens.every((screen) => screen.municipalityCode?.startsWith(screen.countyCode ?? '-'))).toBe(
      true,
    );
  });
});
