import { describe, expect, it } from 'vitest';
import { eventInstants } from './event-times.js';
import type { ProgrammeEventInput } from './programme.js';
import { planProgrammeSlide, programmeRenditionSpec } from './programme-slide.js';

const base: ProgrammeEventInput = {
  title: { sv: 'Föreläsning', ar: 'محاضرة' },
  startDate: '2026-11-24',
  startTime: '18:00',
  endDate: '2026-11-24',
  endTime: '19:30',
  placeKind: 'venue',
  placeName: 'Biblioteket',
  placeAddress: 'Arboga',
  registrationRequired: false,
  registrationDeadline: null,
  cancelled: false,
};
const event = { ...base, ...eventInstants(base) };

function plan(languages: string[], events = [event]) {
  const planned = planProgrammeSlide({
    campaign: { title: { sv: 'En vecka fri från våld' }, tier: 'county', municipalityCode: null, languages },
    countyCode: '19',
    events,
    at: new Date('2026-11-20T12:00:00Z'),
  });
  if (!planned) throw new Error('no programme planned');
  return planned;
}

describe('the programme slide plan', () => {
  it("makes a landscape and a portrait image in each of the campaign's writable languages, titled in it", () => {
    const planned = plan(['sv', 'en', 'ar', 'ti']);
    expect(planned.variants.map((variant) => `${variant.language} ${variant.orientation}`)).toEqual([
      'sv landscape',
      'sv portrait',
      'en landscape',
      'en portrait',
      'ar landscape',
      'ar portrait',
    ]);
    expect(planned.variants.map((variant) => variant.title)).toEqual([
      'Evenemang i Västmanlands län – liggande',
      'Evenemang i Västmanlands län – stående',
      'Events in Västmanland County – landscape',
      'Events in Västmanland County – portrait',
      'فعاليات في محافظة Västmanland – أفقي',
      'فعاليات في محافظة Västmanland – عمودي',
    ]);
    const arabic = planned.variants.find((variant) => variant.language === 'ar');
    expect(arabic?.altText).toContain('محاضرة');
    expect(arabic?.svg).toContain('lang="ar"');
    // Slides are made in Swedish even when a campaign forgets to list it: it is every screen's fallback.
    expect(plan(['en']).variants.map((variant) => variant.language)).toEqual(['sv', 'sv', 'en', 'en']);
  });

  it('hashes the same programme the same way whatever order the campaign lists its languages in', () => {
    expect(plan(['sv', 'en', 'ar']).contentHash).toBe(plan(['ar', 'sv', 'en']).contentHash);
    expect(plan(['sv', 'en', 'ar']).contentHash).toBe(plan(['sv', 'en', 'ar', 'ti']).contentHash);
    expect(plan(['sv', 'en', 'ar']).contentHash).not.toBe(plan(['sv', 'en']).contentHash);
  });

  it("names a venue's town from its municipality, hashing the same programme the same way each time", () => {
    const inKoping = { ...event, placeName: 'Hökartorget', placeAddress: null, placeMunicipalityCode: '1983' };
    const planned = plan(['sv', 'en'], [inKoping]);
    expect(planned.variants[0]?.altText).toContain('Plats: Hökartorget, Köping.');
    expect(planned.variants[2]?.altText).toContain('Place: Hökartorget, Köping.');
    expect(planned.variants[0]?.svg).toContain('Hökartorget, Köping');
    expect(plan(['sv', 'en'], [{ ...inKoping }]).contentHash).toBe(planned.contentHash);
    expect(plan(['sv', 'en'], [{ ...inKoping, placeMunicipalityCode: '1984' }]).contentHash).not.toBe(
      planned.contentHash,
    );
  });

  it('keeps the reading time long enough for the longest alt text of any language', () => {
    const planned = plan(['sv', 'en', 'ar', 'fa', 'uk']);
    const words = Math.max(...planned.variants.map((variant) => variant.altText.split(/\s+/).length));
    expect(planned.durationSeconds).toBeGreaterThanOrEqual(Math.ceil(words / 3));
  });

  it("cuts each image only to its own orientation's screen size and the thumbnails", () => {
    expect(programmeRenditionSpec('landscape').targets.map((target) => target.name)).toEqual([
      'screen-1920x1080',
      'thumb-320',
      'thumb-640',
    ]);
    expect(programmeRenditionSpec('portrait').targets.map((target) => target.name)).toEqual([
      'screen-1080x1920',
      'thumb-320',
      'thumb-640',
    ]);
  });
});
