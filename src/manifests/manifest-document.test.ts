import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileSchedule } from '../schedule/compile.js';
import { supportLineSlide } from '../schedule/synthetic.js';
import type { ScheduleSlide, ScreenProfile } from '../schedule/types.js';
import { manifestContent, manifestStart, manifestTextBeforeTime, manifestTimeline, pollSecondsFor, statusHoldsUntil, versionContent } from './manifest-document.js';

const screen: ScreenProfile = {
  id: 'screen-1',
  countyCode: '19',
  municipalityCode: '1980',
  chain: null,
  groups: [],
  tags: [],
  orientation: 'landscape',
  width: 1920,
  height: 1080,
  languages: ['sv'],
  timeZone: 'Europe/Stockholm',
  openingHours: null,
  playWhenClosed: false,
};
const manifestScreen = { id: 'screen-1', name: 'Entré', orientation: 'landscape' as const, width: 1920, height: 1080, languages: ['sv'], timeZone: 'Europe/Stockholm' };

function slide(id: string, rightsExpiring: boolean): ScheduleSlide {
  const base = supportLineSlide();
  return { ...base, id, campaignId: 'c', campaignSlug: 'c', locked: false, variants: base.variants.slice(0, 1).map((variant) => ({ ...variant, assetId: `${id}-${rightsExpiring}` })) };
}

describe('manifest documents', () => {
  it('starts at the top of the hour and gives each screen a steady poll interval within 60 s ± 20 %', () => {
    expect(manifestStart(new Date('2026-11-23T10:59:59.999Z')).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    const intervals = Array.from({ length: 500 }, (_, i) => pollSecondsFor(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(Math.min(...intervals)).toBeGreaterThanOrEqual(48);
    expect(Math.max(...intervals)).toBeLessThanOrEqual(72);
    expect(new Set(intervals).size).toBeGreaterThan(10);
    expect(pollSecondsFor('screen-1')).toBe(pollSecondsFor('screen-1'));
  });

  it('cuts the timeline at the local midnight after a day on which rights end', () => {
    const withRights = compileSchedule([slide('kept', false), slide('expiring', true)], { nationalShare: 0.5, fallbackLanguage: 'sv', defaultLoop: [supportLineSlide()] });
    const without = compileSchedule([slide('kept', false)], { nationalShare: 0.5, fallbackLanguage: 'sv', defaultLoop: [supportLineSlide()] });
    const from = new Date('2026-11-25T12:00:00Z');
    const timeline = manifestTimeline((day) => (day <= '2026-11-25' ? withRights : without), new Set(['2026-11-25']), screen, from, 25);
    const content = manifestContent(manifestScreen, timeline, from);
    // 26 November starts at 23:00 UTC on the 25th in Stockholm (UTC+1).
    expect(content.segments.map((segment) => segment.start)).toEqual(['2026-11-25T12:00:00.000Z', '2026-11-25T23:00:00.000Z']);
    const slidesIn = (index: number) => content.segments[index]?.loop.map((item) => content.items[item]?.slideId);
    expect(slidesIn(0)).toContain('expiring');
    expect(slidesIn(1)).not.toContain('expiring');
    expect(content.validUntil).toBe('2026-11-26T13:00:00.000Z');
  });

  it('gives equal content the same version and different content another', () => {
    const schedule = compileSchedule([slide('kept', false)], { nationalShare: 0.5, fallbackLanguage: 'sv', defaultLoop: [supportLineSlide()] });
    const from = new Date('2026-11-25T12:00:00Z');
    const build = (at: Date) => manifestContent(manifestScreen, manifestTimeline(() => schedule, new Set(), screen, from, 25), at);
    expect(versionContent(build(new Date('2026-11-25T12:10:00Z'))).version).toBe(versionContent(build(new Date('2026-11-25T12:50:00Z'))).version);
    expect(versionContent({ ...build(from), pollSeconds: 1 }).version).not.toBe(versionContent(build(from)).version);
  });

  it('splits the JSON into the screen\'s own part and the shared programme, versioned as the whole content', () => {
    const schedule = compileSchedule([slide('kept', false)], { nationalShare: 0.5, fallbackLanguage: 'sv', defaultLoop: [supportLineSlide()] });
    const from = new Date('2026-11-25T12:00:00Z');
    const content = manifestContent(manifestScreen, manifestTimeline(() => schedule, new Set(), screen, from, 25), from);
    const versioned = versionContent(content);
    expect(versioned.version).toBe(createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32));
    const text = manifestTextBeforeTime(versioned, from);
    expect(text.own).not.toContain('"segments"');
    expect(text.shared).not.toContain('"screen"');
    const manifest = JSON.parse(`${text.own}${text.shared}"${from.toISOString()}"}`);
    expect(manifest).toEqual({ version: versioned.version, generatedAt: from.toISOString(), ...content, serverTime: from.toISOString() });
  });

  it('holds a manifest until the screen\'s status changes, across changes of loop', () => {
    const segment = (start: string, end: string, status: 'playing' | 'closed', loop: number[]) => ({ start: `2026-11-25T${start}:00.000Z`, end: `2026-11-25T${end}:00.000Z`, status, opensAt: null, usedDefaultLoop: false, loopSeconds: loop.length * 10, loop });
    const content = { segments: [segment('10:00', '10:20', 'playing', [0]), segment('10:20', '10:40', 'playing', [1]), segment('10:40', '11:00', 'closed', []), segment('11:00', '12:00', 'playing', [0])] };
    expect(statusHoldsUntil(content, new Date('2026-11-25T10:05:00Z'))).toBe(Date.parse('2026-11-25T10:40:00Z'));
    expect(statusHoldsUntil(content, new Date('2026-11-25T10:45:00Z'))).toBe(Date.parse('2026-11-25T11:00:00Z'));
    expect(statusHoldsUntil(content, new Date('2026-11-25T12:00:00Z'))).toBeNull();
  });
});
