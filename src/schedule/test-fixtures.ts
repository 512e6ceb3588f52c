import type { ContentLanguage } from '../i18n/languages.js';
import type {
  OpeningHours,
  RenditionFormat,
  ScheduleRendition,
  ScheduleRules,
  ScheduleSlide,
  ScheduleVariant,
  ScreenProfile,
} from './types.js';

/**
 * Realistic test data for the schedule tests: the real campaigns (Tillsammans mot våld, En vecka
 * fri från våld, Svartsjuka är inte romantiskt) and shop screens in Västmanland and Stockholm.
 * Only tests import this module.
 */

/** A rendition whose hash names its asset, size and format. */
export function rendition(
  assetId: string,
  width: number,
  height: number,
  format: RenditionFormat,
): ScheduleRendition {
  const hash = `${assetId}@${width}x${height}.${format}`;
  return { hash, url: `/media/${hash}`, width, height, format, bytes: Math.round((width * height) / 10) };
}

/** An image variant with landscape or portrait renditions at HD and 4K in webp and jpeg. */
export function imageVariant(
  assetId: string,
  language: ContentLanguage,
  orientation: ScheduleVariant['orientation'] = 'any',
): ScheduleVariant {
  const sizes: Array<[number, number]> = [
    [1920, 1080],
    [3840, 2160],
  ];
  const renditions = sizes.flatMap(([long, short]) => {
    const [width, height] = orientation === 'portrait' ? [short, long] : [long, short];
    return [rendition(assetId, width, height, 'jpeg'), rendition(assetId, width, height, 'webp')];
  });
  return { assetId, language, orientation, kind: 'image', altText: `${assetId} (${language})`, renditions };
}

const NOVEMBER = { spans: [{ kind: 'yearly' as const, from: '11-01', to: '11-30' }] };
const WEEK_48 = { spans: [{ kind: 'isoWeek' as const, week: 48 }] };
const FEB_MAR = { spans: [{ kind: 'yearly' as const, from: '02-01', to: '03-31' }] };
const ALWAYS = { spans: [{ kind: 'always' as const }] };

/** A slide with sensible defaults; override what the test is about. */
export function slide(overrides: Partial<ScheduleSlide> & Pick<ScheduleSlide, 'id'>): ScheduleSlide {
  return {
    campaignId: 'tillsammans-mot-vald',
    campaignSlug: 'tillsammans-mot-vald',
    tier: 'national',
    campaignWindow: ALWAYS,
    durationSeconds: 10,
    locked: false,
    position: 0,
    fit: 'cover',
    targeting: {},
    variants: [imageVariant(`${overrides.id}-sv`, 'sv')],
    ...overrides,
  };
}

/** Tillsammans mot våld (national, all November): Kvinnofridslinjen in Swedish, Arabic and English. */
export const supportLineNovember = slide({
  id: 'tmv-kvinnofridslinjen',
  campaignWindow: NOVEMBER,
  locked: true,
  variants: [
    imageVariant('kvinnofridslinjen-sv', 'sv'),
    imageVariant('kvinnofridslinjen-ar', 'ar'),
    imageVariant('kvinnofridslinjen-en', 'en'),
  ],
});

/** Västmanland county slide (county 19) within Tillsammans mot våld. */
export const vastmanlandNovember = slide({
  id: 'tmv-vastmanland-stodlinjer',
  campaignId: 'tillsammans-mot-vald-19',
  campaignSlug: 'tillsammans-mot-vald-vastmanland',
  tier: 'county',
  campaignWindow: NOVEMBER,
  targeting: { counties: ['19'] },
});

/** En vecka fri från våld (county, ISO week 48) for Västmanland. */
export const weekFreeFromViolence = slide({
  id: 'evffv-program-19',
  campaignId: 'en-vecka-fri-fran-vald-19',
  campaignSlug: 'en-vecka-fri-fran-vald',
  tier: 'county',
  campaignWindow: WEEK_48,
  targeting: { counties: ['19'] },
});

/** Arboga (municipality 1984) local slide: a candle vigil during week 48, evenings only. */
export const arbogaCandleVigil = slide({
  id: 'arboga-ljusmanifestation',
  campaignId: 'arboga-vecka-48',
  campaignSlug: 'arboga-vecka-48',
  tier: 'local',
  campaignWindow: WEEK_48,
  window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: '15:00', to: '21:00' }] },
  targeting: { municipalities: ['1984'] },
});

/** Svartsjuka är inte romantiskt (national, 1 Feb to 31 Mar every year). */
export const jealousyCampaign = slide({
  id: 'svartsjuka-ar-inte-romantiskt',
  campaignId: 'svartsjuka',
  campaignSlug: 'svartsjuka-ar-inte-romantiskt',
  campaignWindow: FEB_MAR,
  variants: [
    imageVariant('svartsjuka-landscape-sv', 'sv', 'landscape'),
    imageVariant('svartsjuka-portrait-sv', 'sv', 'portrait'),
  ],
});

/** The year-round default loop slide. */
export const defaultSupportLine = slide({
  id: 'default-kvinnofridslinjen',
  campaignId: 'kvinnofridslinjen',
  campaignSlug: 'kvinnofridslinjen',
  locked: true,
  variants: [
    imageVariant('default-kvinnofridslinjen-sv', 'sv'),
    imageVariant('default-kvinnofridslinjen-ar', 'ar'),
  ],
});

export const realCampaignSlides: ScheduleSlide[] = [
  supportLineNovember,
  vastmanlandNovember,
  weekFreeFromViolence,
  arbogaCandleVigil,
  jealousyCampaign,
];

export const rules: ScheduleRules = {
  nationalShare: 0.5,
  defaultLoop: [defaultSupportLine],
  fallbackLanguage: 'sv',
  maxLoopSeconds: 600,
};

const weekdayHours = [{ from: '08:00', to: '21:00' }];
/** A grocery store open 08–21 every day. */
export const shopHours: OpeningHours = {
  1: weekdayHours,
  2: weekdayHours,
  3: weekdayHours,
  4: weekdayHours,
  5: weekdayHours,
  6: weekdayHours,
  7: weekdayHours,
};

/** A landscape Full HD screen in a shop in Arboga (Västmanland). */
export function screen(overrides: Partial<ScreenProfile> = {}): ScreenProfile {
  return {
    id: 'ica-arboga-entre',
    countyCode: '19',
    municipalityCode: '1984',
    chain: 'ica',
    groups: [],
    tags: [],
    orientation: 'landscape',
    width: 1920,
    height: 1080,
    languages: ['sv'],
    timeZone: 'Europe/Stockholm',
    openingHours: shopHours,
    playWhenClosed: false,
    ...overrides,
  };
}

/** The same screen placed in Stockholm municipality (county 01). */
export const stockholmScreen = screen({ id: 'coop-stockholm', countyCode: '01', municipalityCode: '0180' });
