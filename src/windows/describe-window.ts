import { parseIsoDate, parseMonthDay } from './local-calendar.js';
import type { Span, TimeOfDay, Window } from './window-schema.js';

/** Languages a window can be described in. */
export type DescriptionLanguage = 'sv' | 'en';

interface Words {
  months: readonly string[];
  weekdays: readonly string[];
  everyYear: string;
  week: string;
  from: string;
  always: string;
  and: string;
}

// Own word lists rather than Intl, so texts do not change with the ICU build (sv "feb." vs "feb").
const WORDS: Record<DescriptionLanguage, Words> = {
  sv: {
    months: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    weekdays: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
    everyYear: 'varje år',
    week: 'vecka',
    from: 'från',
    always: 'alltid',
    and: 'och',
  },
  en: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    everyYear: 'every year',
    week: 'week',
    from: 'from',
    always: 'always',
    and: 'and',
  },
};

const DASH = '–';

interface MonthAndDay {
  month: number;
  day: number;
}

function dayMonth(words: Words, { month, day }: MonthAndDay): string {
  return `${day} ${words.months[month - 1] ?? month}`;
}

/** "1 feb", "1–14 feb" within one month, else "1 feb–31 mar". */
function dayRange(words: Words, from: MonthAndDay, to: MonthAndDay): string {
  if (from.month === to.month && from.day === to.day) return dayMonth(words, from);
  if (from.month === to.month && from.day < to.day) return `${from.day}${DASH}${dayMonth(words, to)}`;
  return `${dayMonth(words, from)}${DASH}${dayMonth(words, to)}`;
}

function describeDates(words: Words, fromText: string, toText: string | undefined): string {
  const from = parseIsoDate(fromText);
  const to = toText === undefined ? null : parseIsoDate(toText);
  if (from === null) return fromText;
  if (toText === undefined) return `${words.from} ${dayMonth(words, from)} ${from.year}`;
  if (to === null) return `${fromText}${DASH}${toText}`;
  if (from.year === to.year) return `${dayRange(words, from, to)} ${to.year}`;
  return `${dayMonth(words, from)} ${from.year}${DASH}${dayMonth(words, to)} ${to.year}`;
}

function monthAndDayOf(text: string): MonthAndDay | null {
  const monthDay = parseMonthDay(text);
  return monthDay === null ? null : { month: Math.floor(monthDay / 100), day: monthDay % 100 };
}

function describeSpan(words: Words, span: Span): string {
  switch (span.kind) {
    case 'dates':
      return describeDates(words, span.from, span.to);
    case 'yearly': {
      const [from, to] = [monthAndDayOf(span.from), monthAndDayOf(span.to)];
      const range = from && to ? dayRange(words, from, to) : `${span.from}${DASH}${span.to}`;
      return `${range} ${words.everyYear}`;
    }
    case 'isoWeek':
      return `${words.week} ${span.week} ${words.everyYear}`;
    case 'always':
      return words.always;
  }
}

/** Runs of consecutive weekdays as "mån–fre", single days by name ([1,2,3,5] is "mån–ons, fre"); undefined for all 7. */
function describeWeekdays(words: Words, weekdays: readonly number[]): string | undefined {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  if (days.length === 7) return undefined;
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++;
    const first = words.weekdays[(days[i] ?? 1) - 1];
    const last = words.weekdays[(days[j] ?? 1) - 1];
    runs.push(j === i ? `${first}` : `${first}${DASH}${last}`);
    i = j + 1;
  }
  return runs.join(', ');
}

function describeTimes(times: readonly TimeOfDay[]): string {
  return times.map((time) => `${time.from}${DASH}${time.to}`).join(', ');
}

/** A short human text for a window, e.g. "1 feb–31 mar varje år" or "week 48 every year, Mon–Fri 08:00–17:00". */
export function describeWindow(window: Window, lang: DescriptionLanguage): string {
  const words = WORDS[lang];
  const spans = window.spans.map((span) => describeSpan(words, span));
  const parts = [
    spans.length > 1 ? `${spans.slice(0, -1).join(', ')} ${words.and} ${spans.at(-1)}` : spans[0],
  ];
  const rules = [
    window.weekdays ? describeWeekdays(words, window.weekdays) : undefined,
    window.timesOfDay ? describeTimes(window.timesOfDay) : undefined,
  ].filter((rule) => rule !== undefined);
  if (rules.length > 0) parts.push(rules.join(' '));
  const text = parts.join(', ');
  return window.timeZone === undefined ? text : `${text} (${window.timeZone})`;
}
