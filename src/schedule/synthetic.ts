import type { ContentLanguage } from '../i18n/languages.js';
import { municipalities } from '../regions/regions.js';
import type { Window } from '../windows/window-schema.js';
import type {
  OpeningHours,
  ScheduleRendition,
  ScheduleRules,
  ScheduleSlide,
  ScheduleVariant,
  ScreenProfile,
  SlideTargeting,
  Tier,
} from './types.js';

/**
 * Deterministic synthetic schedules and screens for benchmarks and property tests: the same seed
 * always gives the same data. The mix imitates the real service: few national campaigns reaching
 * every screen, many county and municipal ones, seasonal windows (a month, an ISO week, a yearly
 * range), some slides limited to evenings or weekdays, Swedish artwork with some translations.
 */

export const SYNTHETIC_GROUPS = [
  'ica-maxi',
  'ica-kvantum',
  'coop-forum',
  'pharmacy',
  'library',
  'youth-club',
];
export const SYNTHETIC_TAGS = ['entrance', 'checkout', 'cafe', 'pilot', 'large-screen'];
export const SYNTHETIC_CHAINS = ['ica', 'coop', 'axfood', 'apotek'];
const EXTRA_LANGUAGES: ContentLanguage[] = ['ar', 'en', 'fa', 'so', 'ti', 'fi', 'uk', 'sv-x-easy'];

/** Mulberry32: a small, fast, seedable generator; quality is ample for test data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = ReturnType<typeof createRandom>;

const pick = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;
const chance = (random: Random, probability: number): boolean => random() < probability;
const pad2 = (n: number): string => String(n).padStart(2, '0');

function pickSome<T>(random: Random, values: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, values.length)) chosen.add(pick(random, values));
  return [...chosen];
}

function campaignWindow(random: Random): Window {
  const roll = random();
  if (roll < 0.05) return { spans: [{ kind: 'always' }] };
  if (roll < 0.2) return { spans: [{ kind: 'isoWeek', week: 1 + Math.floor(random() * 52) }] };
  if (roll < 0.6) {
    const month = 1 + Math.floor(random() * 12);
    const endMonth = ((month + Math.floor(random() * 2)) % 12) + 1;
    return { spans: [{ kind: 'yearly', from: `${pad2(month)}-01`, to: `${pad2(endMonth)}-${pad2(28)}` }] };
  }
  const year = chance(random, 0.5) ? 2026 : 2027;
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 20);
  const to = `${year}-${pad2(month)}-${pad2(Math.min(28, day + 7 + Math.floor(random() * 21)))}`;
  return { spans: [{ kind: 'dates', from: `${year}-${pad2(month)}-${pad2(day)}`, to }] };
}

function slideWindow(random: Random): Window | undefined {
  const roll = random();
  if (roll < 0.75) return undefined;
  if (roll < 0.85) return { spans: [{ kind: 'always' }], timesOfDay: [{ from: '16:00', to: '21:00' }] };
  if (roll < 0.95) return { spans: [{ kind: 'always' }], weekdays: [1, 2, 3, 4, 5] };
  return { spans: [{ kind: 'always' }], weekdays: [5, 6], timesOfDay: [{ from: '22:00', to: '02:00' }] };
}

function targetingFor(
  random: Random,
  tier: Tier,
  home: { county: string; municipality: string },
): SlideTargeting {
  const targeting: SlideTargeting = {};
  if (tier === 'county') {
    targeting.counties = [home.county];
    if (chance(random, 0.1)) targeting.municipalities = [pick(random, municipalities).code];
  } else if (tier === 'local') {
    const roll = random();
    if (roll < 0.7) targeting.municipalities = [home.municipality];
    else if (roll < 0.85) targeting.groups = pickSome(random, SYNTHETIC_GROUPS, 1 + Math.floor(random() * 2));
    else targeting.tags = [pick(random, SYNTHETIC_TAGS)];
  } else if (chance(random, 0.1)) {
    targeting.groups = [pick(random, SYNTHETIC_GROUPS)];
  }
  if (chance(random, 0.05)) targeting.chains = [pick(random, SYNTHETIC_CHAINS)];
  if (chance(random, 0.1)) targeting.orientation = chance(random, 0.5) ? 'landscape' : 'portrait';
  return targeting;
}

function renditionsFor(assetId: string, portrait: boolean, video: boolean): ScheduleRendition[] {
  const sizes: Array<[number, number]> = [
    [1280, 720],
    [1920, 1080],
    [3840, 2160],
  ];
  const formats = video ? (['mp4', 'webm'] as const) : (['webp', 'jpeg'] as const);
  return sizes.flatMap(([long, short]) =>
    formats.map((format) => {
      const [width, height] = portrait ? [short, long] : [long, short];
      const hash = `${assetId}-${width}x${height}-${format}`;
      const bytes = Math.round((width * height) / (format === 'webp' ? 12 : 8));
      return { hash, url: `/media/${hash}.${format}`, width, height, format, bytes };
    }),
  );
}

function variantsFor(random: Random, slideId: string): ScheduleVariant[] {
  const video = chance(random, 0.1);
  const languages: ContentLanguage[] = [
    'sv',
    ...(chance(random, 0.4) ? pickSome(random, EXTRA_LANGUAGES, 2) : []),
  ];
  const orientations = chance(random, 0.3) ? (['landscape', 'portrait'] as const) : (['any'] as const);
  return languages.flatMap((language) =>
    orientations.map((orientation) => {
      const assetId = `${slideId}-${language}-${orientation}`;
      return {
        assetId,
        language,
        orientation,
        kind: video ? ('video' as const) : ('image' as const),
        altText: `Synthetic artwork ${assetId}`,
        renditions: renditionsFor(assetId, orientation === 'portrait', video),
      };
    }),
  );
}

/** The national support-line slide (Kvinnofridslinjen) that plays when nothing else is open. */
export function supportLineSlide(): ScheduleSlide {
  const variant = (language: ContentLanguage): ScheduleVariant => ({
    assetId: `support-line-${language}`,
    language,
    orientation: 'any',
    kind: 'image',
    altText: 'Kvinnofridslinjen 020-50 50 50: stöd dygnet runt',
    renditions: renditionsFor(`support-line-${language}`, false, false),
  });
  return {
    id: 'support-line',
    campaignId: 'kvinnofridslinjen',
    campaignSlug: 'kvinnofridslinjen',
    tier: 'national',
    campaignWindow: { spans: [{ kind: 'always' }] },
    durationSeconds: 10,
    locked: true,
    position: 0,
    fit: 'contain',
    targeting: {},
    variants: [variant('sv'), variant('ar'), variant('en')],
  };
}

/** A deterministic schedule of `campaigns` campaigns holding `slides` slides in total. */
export function makeSyntheticSchedule(options: { campaigns: number; slides: number; seed: number }): {
  slides: ScheduleSlide[];
  rules: ScheduleRules;
} {
  const random = createRandom(options.seed);
  const slides: ScheduleSlide[] = [];
  for (let c = 0; c < options.campaigns; c++) {
    const roll = random();
    const tier: Tier = roll < 0.06 ? 'national' : roll < 0.36 ? 'county' : 'local';
    const home = pick(random, municipalities);
    const window = campaignWindow(random);
    const first = Math.floor((c * options.slides) / options.campaigns);
    const next = Math.floor(((c + 1) * options.slides) / options.campaigns);
    for (let s = first; s < next; s++) {
      const id = `slide-${String(s).padStart(5, '0')}`;
      const ownWindow = slideWindow(random);
      slides.push({
        id,
        campaignId: `campaign-${c}`,
        campaignSlug: `${tier}-campaign-${c}`,
        tier,
        campaignWindow: window,
        ...(ownWindow ? { window: ownWindow } : {}),
        durationSeconds: pick(random, [6, 8, 10, 10, 12, 15, 20]),
        locked: tier === 'national' && chance(random, 0.5),
        position: s - first,
        fit: chance(random, 0.8) ? 'cover' : 'contain',
        targeting: targetingFor(random, tier, { county: home.code.slice(0, 2), municipality: home.code }),
        variants: variantsFor(random, id),
      });
    }
  }
  const rules: ScheduleRules = {
    nationalShare: 0.5,
    defaultLoop: [supportLineSlide()],
    fallbackLanguage: 'sv',
    maxLoopSeconds: 600,
  };
  return { slides, rules };
}

const SHOP_HOURS: OpeningHours = {
  1: [{ from: '07:00', to: '22:00' }],
  2: [{ from: '07:00', to: '22:00' }],
  3: [{ from: '07:00', to: '22:00' }],
  4: [{ from: '07:00', to: '22:00' }],
  5: [{ from: '07:00', to: '22:00' }],
  6: [{ from: '08:00', to: '22:00' }],
  7: [{ from: '09:00', to: '21:00' }],
};

/** `count` deterministic screens spread over the counties and municipalities. */
export function makeSyntheticScreens(options: { count: number; seed: number }): ScreenProfile[] {
  const random = createRandom(options.seed ^ 0x5eed);
  return Array.from({ length: options.count }, (_, index) => {
    const home = pick(random, municipalities);
    const portrait = chance(random, 0.3);
    return {
      id: `screen-${index}`,
      countyCode: home.countyCode,
      municipalityCode: home.code,
      chain: pick(random, SYNTHETIC_CHAINS),
      groups: pickSome(random, SYNTHETIC_GROUPS, Math.floor(random() * 3)),
      tags: pickSome(random, SYNTHETIC_TAGS, Math.floor(random() * 3)),
      orientation: portrait ? 'portrait' : 'landscape',
      width: portrait ? 1080 : 1920,
      height: portrait ? 1920 : 1080,
      languages: chance(random, 0.15) ? [pick(random, EXTRA_LANGUAGES), 'sv'] : ['sv'],
      timeZone: 'Europe/Stockholm',
      openingHours: chance(random, 0.1) ? null : SHOP_HOURS,
      playWhenClosed: chance(random, 0.05),
    };
  });
}
