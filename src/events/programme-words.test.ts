import { describe, expect, it } from 'vitest';
import { CONTENT_LANGUAGE_CODES, CONTENT_LANGUAGES } from '../i18n/languages.js';
import { counties } from '../regions/regions.js';
import {
  countyNameIn,
  isProgrammeLanguage,
  longDate,
  PROGRAMME_LANGUAGES,
  PROGRAMME_PHRASES,
  type ProgrammeLanguage,
  programmeLanguagesOf,
  programmeLocale,
  shortDate,
  timeSpan,
  UNWRITABLE_LANGUAGES,
} from './programme-words.js';
import { fontCanWrite } from './text-measure.js';

/** Every day of 2026, to run each word table through all its entries. */
const DAYS_OF_2026 = Array.from({ length: 365 }, (_, index) =>
  new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
);

/** Every text a language can put on a slide or in its alt text, apart from the events' own. */
function everyTextIn(language: ProgrammeLanguage): string[] {
  const locale = programmeLocale(language);
  const phrases = locale.phrases;
  const counts = Array.from({ length: 25 }, (_, index) => index + 1);
  return [
    ...DAYS_OF_2026.flatMap((day) => [shortDate(day, language), longDate(day, language)]),
    timeSpan('08:30', '19:45', language),
    timeSpan('18:00', null, language),
    timeSpan(null, null, language),
    ...counties.map((county) => phrases.heading(countyNameIn(county.name, language))),
    ...counts.flatMap((count) => [phrases.more(count), phrases.andMore(count)]),
    phrases.cancelled,
    phrases.online,
    phrases.registerBy(shortDate('2026-11-20', language)),
    phrases.registrationRequired,
    phrases.fullProgramme('https://example.se'),
    phrases.imageOf,
    phrases.place,
    locale.comma,
    locale.orientation.landscape,
    locale.orientation.portrait,
  ];
}

describe('the languages of programme slides', () => {
  it('makes slides in every content language whose own name the bundled font can write, and only those', () => {
    for (const code of CONTENT_LANGUAGE_CODES) {
      expect(isProgrammeLanguage(code), code).toBe(fontCanWrite(CONTENT_LANGUAGES[code].name));
    }
    // Tigrinya is written in Ethiopic, which DejaVu Sans does not have.
    expect(UNWRITABLE_LANGUAGES).toEqual(['ti']);
    expect(fontCanWrite('ትግርኛ')).toBe(false);
    expect(PROGRAMME_LANGUAGES).toEqual(['sv', 'sv-x-easy', 'en', 'ar', 'fa', 'so', 'fi', 'uk', 'pl', 'tr']);
  });

  it('has every word of every language in the bundled font', () => {
    for (const language of PROGRAMME_LANGUAGES) {
      const unwritable = everyTextIn(language).filter((text) => !fontCanWrite(text));
      expect(unwritable, language).toEqual([]);
    }
  });

  it('renders a campaign in Swedish and each declared language the font can write, in a fixed order', () => {
    expect(programmeLanguagesOf(['sv', 'sv-x-easy', 'en', 'ar'])).toEqual(['sv', 'sv-x-easy', 'en', 'ar']);
    expect(programmeLanguagesOf(['ar', 'en', 'sv'])).toEqual(['sv', 'en', 'ar']);
    // Swedish is every screen's fallback, so it is made even when a campaign does not list it.
    expect(programmeLanguagesOf(['en'])).toEqual(['sv', 'en']);
    expect(programmeLanguagesOf(['sv', 'ti'])).toEqual(['sv']);
    expect(programmeLanguagesOf(['sv', 'xx'])).toEqual(['sv']);
  });
});

describe('dates and times in each language', () => {
  // Tuesday 24 November 2026, 18:00–19:30.
  const expected: Record<ProgrammeLanguage, [short: string, long: string, span: string, start: string]> = {
    sv: ['tis 24 nov', 'tisdag 24 november', 'kl. 18.00–19.30', 'kl. 18.00'],
    'sv-x-easy': ['tisdag 24 november', 'tisdag 24 november', 'klockan 18.00–19.30', 'klockan 18.00'],
    en: ['Tue 24 Nov', 'Tuesday 24 November', '18:00–19:30', '18:00'],
    ar: ['الثلاثاء 24 نوفمبر', 'الثلاثاء 24 نوفمبر', 'من 18:00 إلى 19:30', 'الساعة 18:00'],
    fa: ['سه‌شنبه ۲۴ نوامبر', 'سه‌شنبه ۲۴ نوامبر', 'ساعت ۱۸:۰۰ تا ۱۹:۳۰', 'ساعت ۱۸:۰۰'],
    so: ['Talaado 24/11', 'Talaado, 24 Nofembar', '18:00–19:30', '18:00'],
    fi: ['ti 24.11.', 'tiistai 24. marraskuuta', 'klo 18.00–19.30', 'klo 18.00'],
    uk: ['вт, 24 лист.', 'вівторок, 24 листопада', '18:00–19:30', '18:00'],
    pl: ['wt. 24 lis', 'wtorek, 24 listopada', 'godz. 18:00–19:30', 'godz. 18:00'],
    tr: ['24 Kas Sal', '24 Kasım Salı', 'saat 18.00–19.30', 'saat 18.00'],
  };

  it.each(PROGRAMME_LANGUAGES)('writes dates and clock times as %s does', (language) => {
    expect([
      shortDate('2026-11-24', language),
      longDate('2026-11-24', language),
      timeSpan('18:00', '19:30', language),
      timeSpan('18:00', null, language),
    ]).toEqual(expected[language]);
  });

  it('names seven different weekdays and twelve different months in every language', () => {
    const week = DAYS_OF_2026.slice(0, 7);
    const firsts = Array.from({ length: 12 }, (_, month) => `2026-${String(month + 1).padStart(2, '0')}-15`);
    for (const language of PROGRAMME_LANGUAGES) {
      expect(new Set(week.map((day) => longDate(day, language))).size, language).toBe(7);
      // The 15th of each month falls on different weekdays, so compare without the weekday.
      const months = firsts.map((day) => longDate(day, language).replace(/^\S+,? /, ''));
      expect(new Set(months).size, language).toBe(12);
    }
    expect(longDate('2026-11-23', 'ar')).toBe('الاثنين 23 نوفمبر');
    expect(longDate('2026-11-29', 'fa')).toBe('یکشنبه ۲۹ نوامبر');
  });

  it('writes Persian with Persian letters and digits, and Arabic with Arabic letters and Western digits', () => {
    const persian = everyTextIn('fa').filter((text) => !text.startsWith('برنامه کامل'));
    const arabic = everyTextIn('ar').filter((text) => !text.startsWith('البرنامج الكامل'));
    const matching = (texts: string[], pattern: RegExp) => texts.filter((text) => pattern.test(text));
    // Arabic yeh and kaf in a Persian text, or Persian yeh and keheh in an Arabic one, are typos.
    expect(matching(persian, /[\u064a\u0643]/)).toEqual([]);
    expect(matching(arabic, /[\u06cc\u06a9]/)).toEqual([]);
    expect(matching(persian, /[0-9\u0660-\u0669]/)).toEqual([]);
    expect(matching(arabic, /[\u0660-\u0669\u06f0-\u06f9]/)).toEqual([]);
    expect(persian).toContain('+ ۳ رویداد دیگر');
  });
});

describe('phrases in each language', () => {
  it('names the county in the heading, keeping the county in Latin letters outside Swedish and English', () => {
    const headings = Object.fromEntries(
      PROGRAMME_LANGUAGES.map((language) => [
        language,
        PROGRAMME_PHRASES[language].heading(countyNameIn('Västmanlands län', language)),
      ]),
    );
    expect(headings).toEqual({
      sv: 'Evenemang i Västmanlands län',
      'sv-x-easy': 'Det här händer i Västmanlands län',
      en: 'Events in Västmanland County',
      ar: 'فعاليات في محافظة Västmanland',
      fa: 'رویدادها در استان Västmanland',
      so: 'Dhacdooyinka gobolka Västmanland',
      fi: 'Tapahtumat – Västmanlands län',
      uk: 'Заходи – лен Västmanland',
      pl: 'Wydarzenia – region Västmanland',
      tr: 'Etkinlikler – Västmanland ili',
    });
    expect(countyNameIn('Skåne län', 'en')).toBe('Skåne County');
  });

  it('agrees "more events" with the count where the language asks for it', () => {
    const more = (language: ProgrammeLanguage, counts: number[]) =>
      counts.map((count) => PROGRAMME_PHRASES[language].more(count));
    expect(more('pl', [1, 2, 5, 12, 22])).toEqual([
      '+ 1 kolejne wydarzenie',
      '+ 2 kolejne wydarzenia',
      '+ 5 kolejnych wydarzeń',
      '+ 12 kolejnych wydarzeń',
      '+ 22 kolejne wydarzenia',
    ]);
    expect(more('uk', [1, 3, 5, 11, 21])).toEqual([
      '+ ще 1 захід',
      '+ ще 3 заходи',
      '+ ще 5 заходів',
      '+ ще 11 заходів',
      '+ ще 21 захід',
    ]);
    expect(more('ar', [1, 2, 3, 11])).toEqual([
      '+ فعالية أخرى',
      '+ فعاليتان أخريان',
      '+ 3 فعاليات أخرى',
      '+ 11 فعالية أخرى',
    ]);
    expect(more('fi', [1, 4])).toEqual(['+ 1 muu tapahtuma', '+ 4 muuta tapahtumaa']);
    expect(more('en', [1, 4])).toEqual(['+ 1 more event', '+ 4 more events']);
    expect(more('sv-x-easy', [1, 4])).toEqual(['+ 1 aktivitet till', '+ 4 aktiviteter till']);
    expect(more('fa', [12])).toEqual(['+ ۱۲ رویداد دیگر']);
  });

  it('runs Arabic and Persian right to left and every other language left to right', () => {
    for (const language of PROGRAMME_LANGUAGES) {
      expect(programmeLocale(language).direction, language).toBe(CONTENT_LANGUAGES[language].dir);
    }
  });
});
