import { createHash } from 'node:crypto';
import type { CampaignRow } from '../campaigns/campaigns-service.js';
import { readingSeconds } from '../campaigns/publish-gate.js';
import { RENDITION_SPEC, type RenditionSpec } from '../media/rendition-spec.js';
import { countyByCode } from '../regions/regions.js';
import type { SlideTargeting } from '../slides/schema.js';
import { eventShowsOnScreens, type EventLifetime } from './event-times.js';
import { buildProgramme, type ProgrammeEventInput, programmeAltText } from './programme.js';
import { PROGRAMME_TEMPLATE_VERSION, type ProgrammeOrientation, programmeSvg } from './programme-svg.js';
import { countyNameIn, PROGRAMME_LANGUAGES, type ProgrammeLanguage } from './programme-words.js';

/**
 * Programme images are flat text on one colour at full-HD size, rendered again whenever an event
 * changes: the 4K target would only repeat the master, AVIF costs far more time than it saves
 * bytes on such images, and WebP at effort 1 is about twice as fast as at 4 for some 15 % more bytes.
 */
export const PROGRAMME_RENDITION_SPEC: RenditionSpec = {
  ...RENDITION_SPEC,
  targets: RENDITION_SPEC.targets.filter((target) => target.name !== 'screen-3840x2160'),
  encoding: { ...RENDITION_SPEC.encoding, webp: { ...RENDITION_SPEC.encoding.webp, effort: 1 } },
  modernFormats: ['webp'],
};

/** One image of the programme slide. */
export interface ProgrammeVariant {
  language: ProgrammeLanguage;
  orientation: ProgrammeOrientation;
  svg: string;
  altText: string;
  title: string;
}

/** What the generated slide of a county's programme consists of; null when nothing is left to show. */
export interface ProgrammeSlidePlan {
  name: string;
  durationSeconds: number;
  targeting: SlideTargeting;
  variants: ProgrammeVariant[];
  /** The hash of everything above and the rendering settings: equal hashes give equal slides. */
  contentHash: string;
}

/** The longest a slide may stay up (as the slides API allows). */
const MAX_SLIDE_SECONDS = 300;

const ORIENTATIONS: readonly ProgrammeOrientation[] = ['landscape', 'portrait'];
const ORIENTATION_WORDS: Record<ProgrammeLanguage, Record<ProgrammeOrientation, string>> = {
  sv: { landscape: 'liggande', portrait: 'stående' },
  en: { landscape: 'landscape', portrait: 'portrait' },
};

/** Where the programme of a county plays: the county, or a local campaign's own municipality. */
export function programmeTargeting(
  campaign: Pick<CampaignRow, 'tier' | 'municipalityCode'>,
  countyCode: string,
): SlideTargeting {
  return campaign.tier === 'local' && campaign.municipalityCode
    ? { municipalities: [campaign.municipalityCode] }
    : { counties: [countyCode] };
}

/** The public page of a county's events, when the service knows its public address. */
export function programmePageUrl(publicUrl: string | undefined, countyCode: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/evenemang?lan=${countyCode}` : null;
}

/**
 * The generated slide for the events of one campaign in one county that screens still show at
 * `at` (ordered by start): sv and en, landscape and portrait. Null when none is left.
 */
export function planProgrammeSlide(input: {
  campaign: Pick<CampaignRow, 'title' | 'tier' | 'municipalityCode'>;
  countyCode: string;
  events: ReadonlyArray<ProgrammeEventInput & EventLifetime>;
  at: Date;
  publicUrl?: string;
}): ProgrammeSlidePlan | null {
  const shown = input.events.filter((event) => eventShowsOnScreens(event, input.at));
  if (shown.length === 0) return null;
  const countyName = countyByCode(input.countyCode)?.name ?? input.countyCode;
  const variants: ProgrammeVariant[] = [];
  for (const language of PROGRAMME_LANGUAGES) {
    const programme = buildProgramme({
      language,
      countyName: countyNameIn(countyName, language),
      campaignTitle: input.campaign.title,
      events: shown,
      pageUrl: programmePageUrl(input.publicUrl, input.countyCode),
    });
    for (const orientation of ORIENTATIONS) {
      const rendered = programmeSvg(programme, orientation);
      variants.push({
        language,
        orientation,
        svg: rendered.svg,
        altText: programmeAltText(programme, rendered.shown),
        title: `${programme.heading} – ${ORIENTATION_WORDS[language][orientation]}`,
      });
    }
  }
  // Up long enough to read every word on it, by the publish gate's measure (3 words a second).
  const durationSeconds = Math.min(
    MAX_SLIDE_SECONDS,
    Math.max(12, ...variants.map((variant) => readingSeconds(variant.altText))),
  );
  const targeting = programmeTargeting(input.campaign, input.countyCode);
  const name = `Evenemang – ${countyName}`;
  const contentHash = createHash('sha256')
    .update(
      JSON.stringify({
        template: PROGRAMME_TEMPLATE_VERSION,
        spec: PROGRAMME_RENDITION_SPEC,
        name,
        durationSeconds,
        targeting,
        variants,
      }),
    )
    .digest('hex');
  return { name, durationSeconds, targeting, variants, contentHash };
}
