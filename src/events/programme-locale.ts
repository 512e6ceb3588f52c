import type { ProgrammeOrientation } from './programme-svg-parts.js';

/** A calendar date taken apart: month 1–12, weekday 0 = Monday … 6 = Sunday. */
export interface DateParts {
  day: number;
  month: number;
  weekday: number;
}

/** The fixed phrases of the programme in one language. */
export interface ProgrammePhrases {
  heading(county: string): string;
  /** The badge on a cancelled event, and the word before it in the alt text. */
  cancelled: string;
  allDay: string;
  /** The place of an online event that names none. */
  online: string;
  registerBy(date: string): string;
  registrationRequired: string;
  /** Footer note on the slide: "+ 3 more events". */
  more(count: number): string;
  fullProgramme(url: string): string;
  /** The first words of the alt text. */
  imageOf: string;
  place: string;
  /** Alt-text sentence for the events that did not fit: "And 3 more events." */
  andMore(count: number): string;
}

/**
 * Everything language-specific about a programme slide: its words, how it writes dates, clock
 * times and numbers, and which way it runs.
 */
export interface ProgrammeLocale {
  direction: 'ltr' | 'rtl';
  /** "tisdag 24 november": in the alt text, where words are read out. */
  longDate(date: DateParts): string;
  /** "tis 24 nov": on the slide, where room is short. */
  shortDate(date: DateParts): string;
  /** A clock time 'HH:MM' as the language writes it ("18.00", "18:00", "۱۸:۰۰"). */
  clock(time: string): string;
  /** A time or span of times already written by clock(): "kl. 18.00–19.30", "من 18:00 إلى 19:30". */
  timeSpan(start: string, end: string | null): string;
  /** A count in the language's digits. */
  number(count: number): string;
  /** The county as the language names it, from its official Swedish name ("Västmanlands län"). */
  countyName(swedishName: string): string;
  /** Between the date and the time of an event in the alt text. */
  comma: string;
  /** For the slide's title (shown to coordinators): "liggande", "portrait". */
  orientation: Record<ProgrammeOrientation, string>;
  phrases: ProgrammePhrases;
}

/** "Västmanland" from "Västmanlands län": every official county name is "<genitive> län". */
export function countyBaseName(swedishName: string): string {
  // None of the base names ends in s itself, so the genitive s can simply go.
  return swedishName.replace(/ län$/, '').replace(/s$/, '');
}

/** A clock time with its colon swapped for a full stop, as Swedish, Finnish and Turkish write it. */
export function clockWithStop(time: string): string {
  return time.replace(':', '.');
}

/** Digits 0–9 written with the given ten digits (Persian writes ۰–۹). */
export function digitsIn(text: string, digits: string): string {
  return text.replace(/[0-9]/g, (digit) => digits.charAt(Number(digit)));
}

/** "18:00–19:30", or the start alone. */
export function dashSpan(start: string, end: string | null): string {
  return end ? `${start}–${end}` : start;
}

/** A table of names written as one line of words: "januari februari …". */
export function words(line: string): string[] {
  return line.split(' ');
}
