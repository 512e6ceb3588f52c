import type { LocalizedText } from '../i18n/languages.js';
import { placeText } from './event-place.js';
import { isolateIn, withoutBidiControls } from './programme-bidi.js';
import type { ProgrammeOrientation } from './programme-svg-parts.js';
import {
  longDate,
  PROGRAMME_PHRASES,
  type ProgrammeLanguage,
  programmeLocale,
  shortDate,
  textIn,
  timeSpan,
} from './programme-words.js';

/** What the programme needs of one event (a subset of its row). */
export interface ProgrammeEventInput {
  title: LocalizedText;
  startDate: string;
  startTime: string | null;
  endDate: string;
  endTime: string | null;
  placeKind: 'venue' | 'online';
  placeName: string | null;
  placeAddress: string | null;
  /** A venue's municipality, shown as its town. */
  placeMunicipalityCode?: string | null;
  registrationRequired: boolean;
  registrationDeadline: string | null;
  cancelled: boolean;
}

/**
 * One event as the slide shows it, plus the same in full words for the alt text. On a
 * right-to-left slide the place in `info` is bidi-isolated (see programme-bidi.ts); the title is
 * isolated line by line when it is laid out.
 */
export interface ProgrammeLine {
  date: string;
  time: string;
  title: string;
  /** Place, and the registration deadline when there is one. */
  info: string;
  cancelled: boolean;
  /** The line in words: "tisdag 24 november kl. 18.00–19.30: Title. Plats: …". */
  spoken: string;
}

/**
 * A county's programme of one campaign in one language, ready to lay out. On a right-to-left
 * slide the county in `heading` and the address in `footer` are bidi-isolated; programmeAltText
 * and programmeTitle give them plain.
 */
export interface Programme {
  language: ProgrammeLanguage;
  direction: 'ltr' | 'rtl';
  heading: string;
  campaignTitle: string;
  lines: ProgrammeLine[];
  /** "Full programme and registration: <url>", when the service knows its public address. */
  footer: string | null;
}

function dateSpan(event: ProgrammeEventInput, language: ProgrammeLanguage, format: typeof shortDate): string {
  return event.endDate === event.startDate
    ? format(event.startDate, language)
    : `${format(event.startDate, language)} – ${format(event.endDate, language)}`;
}

function registrationOf(
  event: ProgrammeEventInput,
  language: ProgrammeLanguage,
  format: typeof shortDate,
): string | null {
  if (!event.registrationRequired) return null;
  const phrases = PROGRAMME_PHRASES[language];
  return event.registrationDeadline
    ? phrases.registerBy(format(event.registrationDeadline, language))
    : phrases.registrationRequired;
}

/** One event as a programme line in a language. */
export function programmeLine(event: ProgrammeEventInput, language: ProgrammeLanguage): ProgrammeLine {
  const locale = programmeLocale(language);
  const phrases = locale.phrases;
  const title = textIn(event.title, language);
  const place = placeText(event, phrases.online);
  const time = timeSpan(event.startTime, event.endTime, language);
  const registration = registrationOf(event, language, longDate);
  const when = dateSpan(event, language, longDate);
  const spoken = [
    `${event.cancelled ? `${phrases.cancelled}: ` : ''}${when.charAt(0).toUpperCase()}${when.slice(1)}${locale.comma}${time}: ${title}.`,
    place ? `${phrases.place}: ${place}.` : '',
    registration && !event.cancelled ? `${registration}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    date: dateSpan(event, language, shortDate),
    time,
    title,
    info: [
      isolateIn(locale.direction, place),
      event.cancelled ? null : registrationOf(event, language, shortDate),
    ]
      .filter(Boolean)
      .join(' · '),
    cancelled: event.cancelled,
    spoken,
  };
}

/** The programme of the given events (already filtered and ordered) in a language. */
export function buildProgramme(input: {
  language: ProgrammeLanguage;
  countyName: string;
  campaignTitle: LocalizedText;
  events: readonly ProgrammeEventInput[];
  /** The public page of the county's events, when the service has a public address. */
  pageUrl: string | null;
}): Programme {
  const { direction, phrases } = programmeLocale(input.language);
  return {
    language: input.language,
    direction,
    heading: phrases.heading(isolateIn(direction, input.countyName)),
    campaignTitle: textIn(input.campaignTitle, input.language),
    lines: input.events.map((event) => programmeLine(event, input.language)),
    footer: input.pageUrl ? phrases.fullProgramme(isolateIn(direction, input.pageUrl)) : null,
  };
}

/** The alt text of a programme image showing its first `shown` lines: every word on it, in its language. */
export function programmeAltText(programme: Programme, shown: number): string {
  const phrases = PROGRAMME_PHRASES[programme.language];
  const hidden = programme.lines.length - shown;
  const text = [
    phrases.imageOf,
    `${programme.heading}: ${programme.campaignTitle}.`,
    ...programme.lines.slice(0, shown).map((line) => line.spoken),
    hidden > 0 ? phrases.andMore(hidden) : '',
    programme.footer ? `${programme.footer}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return withoutBidiControls(text);
}

/** The title of a programme image, as coordinators see it in lists: "Evenemang i … – liggande". */
export function programmeTitle(programme: Programme, orientation: ProgrammeOrientation): string {
  const words = programmeLocale(programme.language).orientation[orientation];
  return withoutBidiControls(`${programme.heading} – ${words}`);
}
