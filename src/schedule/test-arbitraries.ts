import fc from 'fast-check';
import type { ContentLanguage } from '../i18n/languages.js';
import type { Span, TimeOfDay, Window } from '../windows/window-schema.js';
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
 * fast-check arbitraries for the schedule properties. Instants cluster around the Stockholm DST changes of
 * 2026-10-25 and 2027-03-28 and are often whole half-hours, so that they land on window edges.
 * Only tests import this module.
 */

const REGIONS: Record<string, string[]> = { '19': ['1984', '1980'], '01': ['0180'], '14': ['1480'] };
const COUNTIES = Object.keys(REGIONS);
const MUNICIPALITIES = Object.values(REGIONS).flat();
const GROUPS = ['g1', 'g2', 'g3'];
const TAGS = ['t1', 't2'];
const CHAINS = ['ica', 'coop'];
const LANGUAGES: ContentLanguage[] = ['sv', 'ar', 'en', 'fi'];
export const ZONES = ['Europe/Stockholm', 'Europe/Helsinki'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const AUTUMN_DST = Date.UTC(2026, 9, 25, 1);
export const SPRING_DST = Date.UTC(2027, 2, 28, 1);

const pad2 = (n: number) => String(n).padStart(2, '0');
const subset = <T>(values: T[]) => fc.subarray(values, { minLength: 0 });

const clock = fc
  .oneof(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 45)), fc.constant([2, 30] as const))
  .map(([h, m]) => `${pad2(h)}:${pad2(m)}`);
const closingClock = fc.oneof(clock, fc.constant('24:00'));
const timeOfDay: fc.Arbitrary<TimeOfDay> = fc.record({ from: clock, to: closingClock });

const isoDateAt = (day: number) => new Date(Date.UTC(2026, 9, 1) + day * DAY).toISOString().slice(0, 10);
const span: fc.Arbitrary<Span> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'always' as const }), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 210 }), fc.option(fc.integer({ min: 0, max: 150 })))
      .map(([start, length]) =>
        length === null
          ? { kind: 'dates' as const, from: isoDateAt(start) }
          : { kind: 'dates' as const, from: isoDateAt(start), to: isoDateAt(start + length) },
      ),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 29 }),
        fc.integer({ min: 1, max: 12 }),
      )
      .map(([month, day, toMonth]) => ({
        kind: 'yearly' as const,
        from: `${pad2(month)}-${pad2(month === 2 ? day : Math.min(day, 28))}`,
        to: `${pad2(toMonth)}-28`,
      })),
    weight: 2,
  },
  {
    arbitrary: fc.integer({ min: 40, max: 53 }).map((week) => ({ kind: 'isoWeek' as const, week })),
    weight: 1,
  },
  {
    arbitrary: fc.integer({ min: 1, max: 16 }).map((week) => ({ kind: 'isoWeek' as const, week })),
    weight: 1,
  },
);

/** `arbitrary`'s value about one time in `oneIn`, else undefined (then left out of records). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary, weight: 1 });

/** Drops keys whose value is undefined, as optional fields are absent rather than undefined. */
function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export const windowArb: fc.Arbitrary<Window> = fc
  .record({
    spans: fc.array(span, { minLength: 1, maxLength: 2 }),
    weekdays: sometimes(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), 4),
    timesOfDay: sometimes(fc.array(timeOfDay, { minLength: 1, maxLength: 2 }), 3),
    timeZone: sometimes(fc.constantFrom('Europe/Helsinki', 'Europe/London'), 6),
  })
  .map(withoutUndefined);

const FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
const renditionArb = (assetId: string): fc.Arbitrary<ScheduleRendition> =>
  fc
    .record({ width: fc.constantFrom(720, 1080, 1920, 3840), height: fc.constantFrom(720, 1080, 1920, 2160) })
    .chain(({ width, height }) =>
      fc
        .record({ format: fc.constantFrom(...FORMATS), bytes: fc.integer({ min: 1, max: 9_000_000 }) })
        .map(({ format, bytes }) => {
          const hash = `${assetId}-${width}x${height}-${format}-${bytes}`;
          return { hash, url: `/media/${hash}`, width, height, format, bytes };
        }),
    );

const variantArb = (assetId: string): fc.Arbitrary<ScheduleVariant> =>
  fc.record({
    assetId: fc.constant(assetId),
    language: fc.constantFrom(...LANGUAGES),
    orientation: fc.constantFrom('landscape' as const, 'portrait' as const, 'any' as const),
    kind: fc.constant('image' as const),
    altText: fc.constant(`alt ${assetId}`),
    renditions: fc.array(renditionArb(assetId), { minLength: 0, maxLength: 3 }),
  });

const targetingArb: fc.Arbitrary<SlideTargeting> = fc
  .record({
    counties: sometimes(subset(COUNTIES), 3),
    municipalities: sometimes(subset(MUNICIPALITIES), 4),
    groups: sometimes(subset(GROUPS), 5),
    tags: sometimes(subset(TAGS), 5),
    chains: sometimes(subset(CHAINS), 6),
    orientation: sometimes(fc.constantFrom('landscape' as const, 'portrait' as const), 6),
  })
  .map(withoutUndefined);

interface CampaignSeed {
  tier: Tier;
  window: Window;
}

const slideArb = (id: string, campaigns: CampaignSeed[]): fc.Arbitrary<ScheduleSlide> =>
  fc
    .record({
      campaignIndex: fc.integer({ min: 0, max: campaigns.length - 1 }),
      window: fc.option(windowArb, { freq: 2 }),
      durationSeconds: fc.integer({ min: 2, max: 60 }).map((halves) => halves / 2),
      locked: fc.boolean(),
      position: fc.integer({ min: 0, max: 4 }),
      fit: fc.constantFrom('cover' as const, 'contain' as const),
      targeting: targetingArb,
      variants: fc
        .array(fc.nat(), { minLength: 1, maxLength: 3 })
        .chain((keys) => fc.tuple(...keys.map((_, i) => variantArb(`${id}-v${i}`)))),
    })
    .map(({ campaignIndex, window, ...rest }) => {
      const campaign = campaigns[campaignIndex] as CampaignSeed;
      return {
        id,
        campaignId: `c${campaignIndex}`,
        campaignSlug: `campaign-${campaignIndex}`,
        tier: campaign.tier,
        campaignWindow: campaign.window,
        ...(window === null ? {} : { window }),
        ...rest,
      };
    });

const campaignArb: fc.Arbitrary<CampaignSeed> = fc.record({
  tier: fc.constantFrom('national' as const, 'county' as const, 'local' as const),
  window: windowArb,
});

/**
 * Up to 7 campaigns (the first national, the second county, so that tiers often mix) holding up
 * to 20 slides, ids unique.
 */
export const slidesArb: fc.Arbitrary<ScheduleSlide[]> = fc
  .tuple(
    windowArb.map((window) => ({ tier: 'national' as const, window })),
    windowArb.map((window) => ({ tier: 'county' as const, window })),
    fc.array(campaignArb, { minLength: 0, maxLength: 5 }),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([national, county, others, count]): [CampaignSeed[], number] => [
    [national, county, ...others],
    count,
  ])
  .chain(([campaigns, count]) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => slideArb(`s${i}`, campaigns))),
  );

const defaultSlideArb: fc.Arbitrary<ScheduleSlide> = fc
  .tuple(
    slideArb('default', [{ tier: 'national', window: { spans: [{ kind: 'always' }] } }]),
    renditionArb('d'),
  )
  .map(([slide, rendition]) => ({
    ...slide,
    // The default loop must be playable: give its first variant a rendition.
    variants: slide.variants.map((variant, i) =>
      i === 0 ? { ...variant, renditions: [...variant.renditions, rendition] } : variant,
    ),
  }));

export const rulesArb: fc.Arbitrary<ScheduleRules> = fc.record({
  nationalShare: fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  defaultLoop: defaultSlideArb.map((slide) => [slide]),
  fallbackLanguage: fc.constantFrom<ContentLanguage>('sv', 'en'),
  maxLoopSeconds: fc.integer({ min: 30, max: 600 }),
});

const openingHoursArb: fc.Arbitrary<OpeningHours> = fc.dictionary(
  fc.constantFrom('1', '2', '3', '4', '5', '6', '7'),
  fc.array(fc.record({ from: clock, to: closingClock }), { minLength: 0, maxLength: 2 }),
) as fc.Arbitrary<OpeningHours>;

export const screenArb: fc.Arbitrary<ScreenProfile> = fc
  .record({
    county: fc.option(fc.constantFrom(...COUNTIES)),
    pickMunicipality: fc.boolean(),
    municipalityIndex: fc.nat(),
    chain: fc.option(fc.constantFrom(...CHAINS)),
    groups: subset(GROUPS),
    tags: subset(TAGS),
    orientation: fc.constantFrom('landscape' as const, 'portrait' as const),
    size: fc.constantFrom([1920, 1080], [1080, 1920], [3840, 2160], [1280, 720]),
    languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 2 }),
    timeZone: fc.constantFrom(...ZONES, 'Europe/Stockholm'),
    openingHours: fc.option(openingHoursArb, { freq: 3 }),
    playWhenClosed: fc.boolean(),
  })
  .map(({ county, pickMunicipality, municipalityIndex, size, ...rest }) => {
    const municipalities = county === null ? [] : (REGIONS[county] ?? []);
    const municipality = pickMunicipality
      ? municipalities[municipalityIndex % municipalities.length]
      : undefined;
    return {
      id: 'screen',
      countyCode: county,
      municipalityCode: municipality ?? null,
      width: size[0] as number,
      height: size[1] as number,
      ...rest,
    };
  });

const around = (center: number, days: number) =>
  fc.integer({ min: center - days * DAY, max: center + days * DAY });

/** Instants near the DST changes or anywhere from October 2026 to April 2027, often on :00/:30. */
export const instantArb: fc.Arbitrary<Date> = fc
  .tuple(
    fc.oneof(
      around(AUTUMN_DST, 3),
      around(SPRING_DST, 3),
      fc.integer({ min: Date.UTC(2026, 9, 1), max: Date.UTC(2027, 4, 1) }),
    ),
    fc.boolean(),
  )
  .map(([ms, onHalfHour]) => new Date(onHalfHour ? Math.floor(ms / (HOUR / 2)) * (HOUR / 2) : ms));
