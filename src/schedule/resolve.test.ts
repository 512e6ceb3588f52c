import { describe, expect, it } from 'vitest';
import { compileSchedule } from './compile.js';
import { resolvePlaylist } from './resolve.js';
import {
  arbogaCandleVigil,
  imageVariant,
  jealousyCampaign,
  realCampaignSlides,
  rules,
  screen,
  slide,
  stockholmScreen,
  supportLineNovember,
  vastmanlandNovember,
  weekFreeFromViolence,
} from './test-fixtures.js';
import type { PlaylistResult, ScreenProfile } from './types.js';

const schedule = compileSchedule(realCampaignSlides, rules);

function playing(result: PlaylistResult) {
  if (result.status !== 'playing')
    throw new Error(`expected a playing result, got ${JSON.stringify(result)}`);
  return result;
}

const slideIdsAt = (iso: string, target: ScreenProfile = screen()) =>
  playing(resolvePlaylist(schedule, target, new Date(iso))).items.map((item) => item.slideId);

describe('resolvePlaylist with the real campaigns', () => {
  it('plays Tillsammans mot våld and the Västmanland slide in an Arboga shop in November', () => {
    // Tuesday 10 November 2026, 13:00 local (UTC+1).
    const result = playing(resolvePlaylist(schedule, screen(), new Date('2026-11-10T12:00:00Z')));
    expect(result.items.map((item) => item.slideId)).toEqual([
      supportLineNovember.id,
      vastmanlandNovember.id,
    ]);
    expect(result).toMatchObject({ loopSeconds: 20, nationalSeconds: 10, usedDefaultLoop: false });
  });

  it('adds the week 48 county programme and the Arboga evening slide, national slides between them', () => {
    // Tuesday 24 November 2026 (ISO week 48), 17:00 local.
    expect(slideIdsAt('2026-11-24T16:00:00Z')).toEqual([
      supportLineNovember.id,
      weekFreeFromViolence.id,
      supportLineNovember.id,
      arbogaCandleVigil.id,
      supportLineNovember.id,
      vastmanlandNovember.id,
    ]);
    // The candle vigil slide only plays 15:00–21:00.
    expect(slideIdsAt('2026-11-24T09:00:00Z')).not.toContain(arbogaCandleVigil.id);
  });

  it('keeps Västmanland and Arboga slides off a Stockholm screen', () => {
    expect(slideIdsAt('2026-11-24T16:00:00Z', stockholmScreen)).toEqual([supportLineNovember.id]);
  });

  it('gives an Arabic screen the Arabic variant and a Finnish-only screen the Swedish one', () => {
    const arabic = playing(
      resolvePlaylist(schedule, screen({ languages: ['ar', 'sv'] }), new Date('2026-11-10T12:00Z')),
    );
    expect(arabic.items.map((item) => [item.assetId, item.language, item.fallbackLanguageUsed])).toEqual([
      ['kvinnofridslinjen-ar', 'ar', false],
      [`${vastmanlandNovember.id}-sv`, 'sv', false],
    ]);
    const finnish = playing(
      resolvePlaylist(schedule, screen({ languages: ['fi'] }), new Date('2026-11-10T12:00Z')),
    );
    expect(finnish.items.map((item) => [item.language, item.fallbackLanguageUsed])).toEqual([
      ['sv', true],
      ['sv', true],
    ]);
  });

  it('plays Svartsjuka är inte romantiskt from 1 February to 31 March, portrait art on a portrait screen', () => {
    const portrait = screen({ orientation: 'portrait', width: 1080, height: 1920 });
    const result = playing(resolvePlaylist(schedule, portrait, new Date('2027-02-01T07:00:00Z')));
    expect(result.items.map((item) => item.slideId)).toEqual([jealousyCampaign.id]);
    expect(result.items[0]?.media).toMatchObject({ width: 1080, height: 1920, format: 'webp' });
    // 31 March is summer time (UTC+2): 20:59 local, a minute before closing.
    expect(slideIdsAt('2027-03-31T18:59:00Z')).toEqual([jealousyCampaign.id]);
  });

  it('falls back to the default loop when no campaign is open', () => {
    const result = playing(resolvePlaylist(schedule, screen(), new Date('2027-04-14T10:00:00Z')));
    expect(result.usedDefaultLoop).toBe(true);
    expect(result.items.map((item) => item.slideId)).toEqual(['default-kvinnofridslinjen']);
  });

  it('starts November at local midnight, not UTC midnight', () => {
    const allNight = screen({ playWhenClosed: true });
    expect(slideIdsAt('2026-10-31T22:59:59Z', allNight)).toEqual(['default-kvinnofridslinjen']);
    expect(slideIdsAt('2026-10-31T23:00:00Z', allNight)).toContain(supportLineNovember.id);
  });
});

describe('resolvePlaylist and opening hours', () => {
  it('is closed after closing time and says when the shop opens', () => {
    // Tuesday 22:30 local; the shop opens 08:00 local (07:00 UTC) on Wednesday.
    expect(resolvePlaylist(schedule, screen(), new Date('2026-11-10T21:30:00Z'))).toEqual({
      status: 'closed',
      opensAt: new Date('2026-11-11T07:00:00Z'),
    });
  });

  it('plays while closed when the screen is asked to, or has no opening hours', () => {
    expect(
      resolvePlaylist(schedule, screen({ playWhenClosed: true }), new Date('2026-11-10T21:30Z')).status,
    ).toBe('playing');
    expect(
      resolvePlaylist(schedule, screen({ openingHours: null }), new Date('2026-11-10T02:00Z')).status,
    ).toBe('playing');
  });

  it('is closed for good when the opening hours have no span', () => {
    expect(resolvePlaylist(schedule, screen({ openingHours: {} }), new Date('2026-11-10T12:00Z'))).toEqual({
      status: 'closed',
      opensAt: null,
    });
  });

  it('reopens at 08:00 local across both DST changes', () => {
    // Saturday 22:00 CEST → Sunday 25 October 2026 08:00 CET.
    expect(resolvePlaylist(schedule, screen(), new Date('2026-10-24T20:00:00Z'))).toEqual({
      status: 'closed',
      opensAt: new Date('2026-10-25T07:00:00Z'),
    });
    // Saturday 22:00 CET → Sunday 28 March 2027 08:00 CEST.
    expect(resolvePlaylist(schedule, screen(), new Date('2027-03-27T21:00:00Z'))).toEqual({
      status: 'closed',
      opensAt: new Date('2027-03-28T06:00:00Z'),
    });
  });
});

describe('resolvePlaylist rules', () => {
  it('never lets lower tiers push a locked national slide out of a full loop', () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      slide({ id: `local-${i}`, tier: 'local', position: i, targeting: { municipalities: ['1984'] } }),
    );
    const crowded = compileSchedule([supportLineNovember, ...many], { ...rules, maxLoopSeconds: 120 });
    const result = playing(resolvePlaylist(crowded, screen(), new Date('2026-11-10T12:00Z')));
    expect(result.items.map((item) => item.slideId)).toContain(supportLineNovember.id);
    expect(result.loopSeconds).toBeLessThanOrEqual(120);
    expect(result.nationalSeconds / result.loopSeconds).toBeGreaterThanOrEqual(0.5);
  });

  it('gives the same playlist whatever order the slides come in', () => {
    const reversed = compileSchedule([...realCampaignSlides].reverse(), rules);
    const at = new Date('2026-11-24T16:00:00Z');
    expect(resolvePlaylist(reversed, screen(), at)).toEqual(resolvePlaylist(schedule, screen(), at));
  });

  it('keeps media choices apart for screens that differ in language, orientation or size', () => {
    const shared = compileSchedule(realCampaignSlides, rules);
    const at = new Date('2026-11-10T12:00Z');
    const assetsFor = (target: ScreenProfile) =>
      playing(resolvePlaylist(shared, target, at)).items.map((item) => `${item.assetId} ${item.media.width}`);
    const swedish = assetsFor(screen());
    const arabic = assetsFor(screen({ languages: ['ar'] }));
    const fourK = assetsFor(screen({ width: 3840, height: 2160 }));
    expect(arabic[0]).toBe('kvinnofridslinjen-ar 1920');
    expect(fourK[0]).toBe('kvinnofridslinjen-sv 3840');
    expect(assetsFor(screen())).toEqual(swedish);
    expect(swedish[0]).toBe('kvinnofridslinjen-sv 1920');
  });

  it('stays correct when more screen profiles pass through than are remembered', () => {
    const shared = compileSchedule(realCampaignSlides, rules);
    const at = new Date('2026-11-10T12:00Z');
    const sizes = Array.from({ length: 300 }, (_, i) => screen({ width: 1000 + i * 10, height: 1080 }));
    const first = sizes.map((target) => resolvePlaylist(shared, target, at));
    const fresh = compileSchedule(realCampaignSlides, rules);
    expect(sizes.map((target) => resolvePlaylist(shared, target, at))).toEqual(first);
    expect(sizes.map((target) => resolvePlaylist(fresh, target, at))).toEqual(first);
  });

  it('skips a slide whose media is still processing', () => {
    const processing = slide({
      id: 'processing',
      variants: [{ ...imageVariant('x', 'sv'), renditions: [] }],
    });
    const withProcessing = compileSchedule([processing, supportLineNovember], rules);
    expect(
      playing(resolvePlaylist(withProcessing, screen(), new Date('2026-11-10T12:00Z'))).items,
    ).toHaveLength(1);
  });
});

describe('compileSchedule', () => {
  it('refuses faulty data', () => {
    expect(() => compileSchedule([supportLineNovember, supportLineNovember], rules)).toThrow(
      /duplicate slide id/,
    );
    expect(() => compileSchedule([], { ...rules, nationalShare: 1.5 })).toThrow(/nationalShare/);
    expect(() => compileSchedule([], { ...rules, defaultLoop: [] })).toThrow(/default loop/);
    expect(() => compileSchedule([slide({ id: 'x', durationSeconds: 0 })], rules)).toThrow(/durationSeconds/);
  });
});
