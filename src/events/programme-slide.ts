import { createHash } from 'node:crypto';
import type { CampaignRow } from '../campaigns/campaigns-service.js';
import { readingSeconds } from '../campaigns/publish-gate.js';
import { RENDITION_SPEC, type RenditionSpec } from '../media/rendition-spec.js';
import { countyByCode } from '../regions/regions.js';
import type { SlideTargeting } from '../slides/schema.js';
import { type EventLifetime, eventShowsOnScreens } from './event-times.js';
import { buildProgramme, type ProgrammeEventInput, programmeAltText, programmeTitle } from './programme.js';
import { PROGRAMME_TEMPLATE_VERSION, type ProgrammeOrientation, programmeSvg } from './programme-svg.js';
import { countyNameIn, type ProgrammeLanguage, programmeLanguagesOf } from './programme-words.js';

/** The full-HD screen target of each orientation. */
const SCREEN_TARGETS: Record<ProgrammeOrientation, string> = {
  landscape: 'screen-1920x1080',
  portrait: 'screen-1080x1920',
};

/**
 * The renditions of a programme image. Programme images are flat text on one colour at full-HD
 * size, rendered again whenever an event changes, in every language of the campaign: the 4K
 * target would only repeat the master, and the other orientation's screen size would never be
 * picked (each language has both orientations, so a screen always has its own), so each image
 * gets only its own screen size and the thumbnails. AVIF costs far more time than it saves bytes
 * on such images, and WebP at effort 1 is about twice as fast as at 4 for some 15 % more bytes.
 */
export function programmeRenditionSpec(orientation: ProgrammeOrientation): RenditionSpec {
  return {
    ...RENDITION_SPEC,
    targets: RENDITION_SPEC.targets.filter(
      (target) => target.purpose === 'thumbnail' || target.name === SCREEN_TARGETS[orientation],
    ),
    encoding: { ...RENDITION_SPEC.encoding, webp: { ...RENDITION_SPEC.encoding.webp, effort: 1 } },
    modernFormats: ['webp'],
  };
}

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
 * `at` (ordered by start): landscape and portrait in Swedish and in each other language the
 * campaign declares that the bundled font can write (programmeLanguagesOf; screens wanting
 * another language get Swedish). Null when none is left.
 */
export function planProgrammeSlide(input: {
  campaign: Pick<CampaignRow, 'title' | 'tier' | 'municipalityCode' | 'languages'>;
  countyCode: string;
  events: ReadonlyArray<ProgrammeEventInput & EventLifetime>;
  at: Date;
  publicUrl?: string;
}): ProgrammeSlidePlan | null {
  const shown = input.events.filter((event) => eventShowsOnScreens(event, input.at));
  if (shown.length === 0) return null;
  const countyName = countyByCode(input.countyCode)?.name ?? input.countyCode;
  const variants: ProgrammeVariant[] = [];
  for (const language of programmeLanguagesOf(input.campaign.languages)) {
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
        title: programmeTitle(programme, orientation),
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
        specs: ORIENTATIONS.map(programmeRenditionSpec),
        name,
        durationSeconds,
        targeting,
        variants,
      }),
    )
    .digest('hex');
  return { name, durationSeconds, targeting, variants, contentHash };
}
