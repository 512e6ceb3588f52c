import type { LocalizedText } from '../i18n/languages.js';
import {
  longDate,
  PROGRAMME_PHRASES,
  type ProgrammeLanguage,
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
  registrationRequired: boolean;
  registrationDeadline: string | null;
  cancelled: boolean;
}

/** One event as the slide shows it, plus the same in full words for the alt text. */
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

/** A county's programme of one campaign in one language, ready to lay out. */
export interface Programme {
  language: ProgrammeLanguage;
  heading: string;
  campaignTitle: string;
  lines: ProgrammeLine[];
  /** "Full programme and registration: <url>", when the service knows its public address. */
  footer: string | null;
}

function placeOf(event: ProgrammeEventInput, language: ProgrammeLanguage): string {
  if (event.placeKind === 'online') return event.placeName ?? PROGRAMME_PHRASES[language].online;
  return [event.placeName, event.placeAddress].filter(Boolean).join(', ');
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
  const phrases = PROGRAMME_PHRASES[language];
  const title = textIn(event.title, language);
  const place = placeOf(event, language);
  const time = timeSpan(event.startTime, event.endTime, language);
  const registration = registrationOf(event, language, longDate);
  const when = dateSpan(event, language, longDate);
  const spoken = [
    `${event.cancelled ? `${phrases.cancelled}: ` : ''}${when.charAt(0).toUpperCase()}${when.slice(1)}, ${time}: ${title}.`,
    place ? `${phrases.place}: ${place}.` : '',
    registration && !event.cancelled ? `${registration}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    date: dateSpan(event, language, shortDate),
    time,
    title,
    info: [place, event.cancelled ? null : registrationOf(event, language, shortDate)]
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
  const phrases = PROGRAMME_PHRASES[input.language];
  return {
    language: input.language,
    heading: phrases.heading(input.countyName),
    campaignTitle: textIn(input.campaignTitle, input.language),
    lines: input.events.map((event) => programmeLine(event, input.language)),
    footer: input.pageUrl ? phrases.fullProgramme(input.pageUrl) : null,
  };
}

/** The alt text of a programme image showing its first `shown` lines: every word on it, in its language. */
export function programmeAltText(programme: Programme, shown: number): string {
  const phrases = PROGRAMME_PHRASES[programme.language];
  const hidden = programme.lines.length - shown;
  return [
    phrases.imageOf,
    `${programme.heading}: ${programme.campaignTitle}.`,
    ...programme.lines.slice(0, shown).map((line) => line.spoken),
    hidden > 0 ? phrases.andMore(hidden) : '',
    programme.footer ? `${programme.footer}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
