import { CONTENT_LANGUAGE_CODES, type ContentLanguage, type LocalizedText } from '../i18n/languages.js';
import type { DateParts, ProgrammeLocale, ProgrammePhrases } from './programme-locale.js';
import { en, fi, pl, so, sv, svEasy, tr } from './programme-locales-latin.js';
import { ar, fa, uk } from './programme-locales-non-latin.js';

/**
 * Content languages the bundled font (DejaVu Sans, regular and bold) cannot write, so no
 * programme slide is made in them: Tigrinya is written in Ethiopic (Ge'ez) script, which DejaVu
 * Sans lacks, and pango would draw empty boxes. Screens wanting them get the Swedish slide
 * (FALLBACK_LANGUAGE), marked fallbackLanguageUsed. Shipping a font with Ethiopic would lift this.
 */
export const UNWRITABLE_LANGUAGES = ['ti'] as const satisfies readonly ContentLanguage[];

/** A language programme slides are made in: every content language the bundled font can write. */
export type ProgrammeLanguage = Exclude<ContentLanguage, (typeof UNWRITABLE_LANGUAGES)[number]>;

/**
 * The words of the events programme per language. Dates are spelled from these tables rather
 * than Intl, so a slide's text (and so its content hash) does not change with the ICU data of
 * the Node version that renders it. A new content language fails to compile here until it gets
 * words or is listed in UNWRITABLE_LANGUAGES.
 */
const LOCALES: Record<ProgrammeLanguage, ProgrammeLocale> = {
  sv,
  'sv-x-easy': svEasy,
  en,
  ar,
  fa,
  so,
  fi,
  uk,
  pl,
  tr,
};

/** The languages programme slides can be made in, in the order of CONTENT_LANGUAGES. */
export const PROGRAMME_LANGUAGES: readonly ProgrammeLanguage[] = CONTENT_LANGUAGE_CODES.filter(
  (code): code is ProgrammeLanguage => code in LOCALES,
);

/** Whether programme slides can be made in the language. */
export function isProgrammeLanguage(language: string): language is ProgrammeLanguage {
  return (PROGRAMME_LANGUAGES as readonly string[]).includes(language);
}

/**
 * The languages to make a campaign's programme slide in: Swedish (every screen's fallback) and
 * each other language the campaign declares that the font can write, in a fixed order so the
 * slide's hash does not depend on how the campaign lists them.
 */
export function programmeLanguagesOf(campaignLanguages: readonly string[]): ProgrammeLanguage[] {
  return PROGRAMME_LANGUAGES.filter((language) => language === 'sv' || campaignLanguages.includes(language));
}

/** Everything language-specific about the programme in a language. */
export function programmeLocale(language: ProgrammeLanguage): ProgrammeLocale {
  return LOCALES[language];
}

/** Fixed phrases of the programme, per language. */
export const PROGRAMME_PHRASES = Object.fromEntries(
  PROGRAMME_LANGUAGES.map((language) => [language, LOCALES[language].phrases]),
) as Record<ProgrammeLanguage, ProgrammePhrases>;

function partsOf(date: string): DateParts {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // getUTCDay of the date at UTC midnight is the weekday of that calendar date anywhere.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { month, day, weekday };
}

/** "tis 24 nov" / "Tue 24 Nov" / "الثلاثاء 24 نوفمبر": a date where room is short. */
export function shortDate(date: string, language: ProgrammeLanguage): string {
  return LOCALES[language].shortDate(partsOf(date));
}

/** "tisdag 24 november" / "Tuesday 24 November": a date in full words. */
export function longDate(date: string, language: ProgrammeLanguage): string {
  return LOCALES[language].longDate(partsOf(date));
}

/** "18.00" in Swedish (as Swedish typography writes it), "18:00" in English, "۱۸:۰۰" in Persian. */
export function clockTime(time: string, language: ProgrammeLanguage): string {
  return LOCALES[language].clock(time);
}

/** "kl. 18.00–19.30", "18:00", "من 18:00 إلى 19:30", "hela dagen". */
export function timeSpan(
  startTime: string | null,
  endTime: string | null,
  language: ProgrammeLanguage,
): string {
  const locale = LOCALES[language];
  if (startTime === null) return locale.phrases.allDay;
  return locale.timeSpan(locale.clock(startTime), endTime === null ? null : locale.clock(endTime));
}

/** A text in the language, else in Swedish. */
export function textIn(text: LocalizedText | null | undefined, language: ProgrammeLanguage): string {
  return text?.[language] ?? text?.sv ?? '';
}

/** A county's name in the language: "Västmanlands län" in Swedish, "Västmanland County" in English. */
export function countyNameIn(swedishName: string, language: ProgrammeLanguage): string {
  return LOCALES[language].countyName(swedishName);
}
