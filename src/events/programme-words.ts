import type { LocalizedText } from '../i18n/languages.js';

/**
 * The words of the events programme in the two languages slides are made in. Dates are spelled
 * from these tables rather than Intl, so a slide's text (and so its content hash) does not change
 * with the ICU data of the Node version that renders it.
 */
export type ProgrammeLanguage = 'sv' | 'en';

/** The languages programme slides are rendered in; screens wanting others get Swedish (FALLBACK_LANGUAGE). */
export const PROGRAMME_LANGUAGES: readonly ProgrammeLanguage[] = ['sv', 'en'];

const WEEKDAYS: Record<ProgrammeLanguage, string[]> = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const WEEKDAYS_SHORT: Record<ProgrammeLanguage, string[]> = {
  sv: ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const MONTHS: Record<ProgrammeLanguage, string[]> = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
const MONTHS_SHORT: Record<ProgrammeLanguage, string[]> = {
  sv: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** Fixed phrases of the programme. */
export const PROGRAMME_PHRASES = {
  sv: {
    heading: (county: string) => `Evenemang i ${county}`,
    cancelled: 'INSTÄLLT',
    allDay: 'hela dagen',
    online: 'Webbsänd',
    registerBy: (date: string) => `Anmälan senast ${date}`,
    registrationRequired: 'Anmälan krävs',
    more: (count: number) => `+ ${count} evenemang till`,
    fullProgramme: (url: string) => `Hela programmet och anmälan: ${url}`,
    imageOf: 'Bild med evenemangsprogram.',
    place: 'Plats',
    andMore: (count: number) => `Och ${count} evenemang till.`,
  },
  en: {
    heading: (county: string) => `Events in ${county}`,
    cancelled: 'CANCELLED',
    allDay: 'all day',
    online: 'Online (webcast)',
    registerBy: (date: string) => `Register by ${date}`,
    registrationRequired: 'Registration required',
    more: (count: number) => `+ ${count} more ${count === 1 ? 'event' : 'events'}`,
    fullProgramme: (url: string) => `Full programme and registration: ${url}`,
    imageOf: 'Image with a programme of events.',
    place: 'Place',
    andMore: (count: number) => `And ${count} more ${count === 1 ? 'event' : 'events'}.`,
  },
} as const;

function partsOf(date: string): { year: number; month: number; day: number; weekday: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // getUTCDay of the date at UTC midnight is the weekday of that calendar date anywhere.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { year, month, day, weekday };
}

/** "tis 24 nov" / "Tue 24 Nov". */
export function shortDate(date: string, language: ProgrammeLanguage): string {
  const { month, day, weekday } = partsOf(date);
  return `${WEEKDAYS_SHORT[language][weekday]} ${day} ${MONTHS_SHORT[language][month - 1]}`;
}

/** "tisdag 24 november" / "Tuesday 24 November". */
export function longDate(date: string, language: ProgrammeLanguage): string {
  const { month, day, weekday } = partsOf(date);
  return `${WEEKDAYS[language][weekday]} ${day} ${MONTHS[language][month - 1]}`;
}

/** "18.00" in Swedish (as Swedish typography writes it), "18:00" in English. */
export function clockTime(time: string, language: ProgrammeLanguage): string {
  return language === 'sv' ? time.replace(':', '.') : time;
}

/** "kl. 18.00–19.30", "18:00", "hela dagen". */
export function timeSpan(
  startTime: string | null,
  endTime: string | null,
  language: ProgrammeLanguage,
): string {
  if (startTime === null) return PROGRAMME_PHRASES[language].allDay;
  const span = endTime
    ? `${clockTime(startTime, language)}–${clockTime(endTime, language)}`
    : clockTime(startTime, language);
  return language === 'sv' ? `kl. ${span}` : span;
}

/** A text in the language, else in Swedish. */
export function textIn(text: LocalizedText | null | undefined, language: ProgrammeLanguage): string {
  return text?.[language] ?? text?.sv ?? '';
}

/** A county's name in the language: "Västmanlands län" in Swedish, "Västmanland County" in English. */
export function countyNameIn(swedishName: string, language: ProgrammeLanguage): string {
  if (language === 'sv') return swedishName;
  // Every official county name is "<genitive> län"; none of the base names ends in s itself.
  return `${swedishName.replace(/ län$/, '').replace(/s$/, '')} County`;
}
