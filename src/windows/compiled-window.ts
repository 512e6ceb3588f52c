import {
  DAY_MS,
  dayNumberOf,
  type LocalDay,
  localDayOf,
  MINUTE_MS,
  MINUTES_PER_DAY,
  parseClockTime,
  parseIsoDate,
  parseMonthDay,
} from './local-calendar.js';
import type { Span, Window } from './window-schema.js';

/**
 * A window turned into integers once, so that checking it against a local day is a handful of
 * comparisons. Rules, decided here and relied on everywhere:
 *
 * - A day is *active* when some span contains it and its weekday is allowed.
 * - A time of day belongs to the day it starts on. 22:00–02:00 on an active Friday stays open until
 *   Saturday 02:00 even if Saturday is excluded or past the span's last date, and the night part
 *   that would start on the day before a span's first date does not open it.
 * - A time of day with `from` equal to `to` lasts a full 24 hours from `from`.
 * - 29 February in a yearly span means the last day of February: in common years a span from or to
 *   02-29 starts or ends on 28 February, so 02-29..02-29 is 28 February in common years.
 */
export interface CompiledWindow {
  readonly timeZone: string | undefined;
  readonly spans: readonly CompiledSpan[];
  /** Bit n set when ISO weekday n is allowed. */
  readonly weekdayMask: number;
  /** Minutes since midnight; `to` is at most 1440, and `to` <= `from` means past midnight. */
  readonly times: readonly { readonly from: number; readonly to: number }[] | null;
}

type CompiledSpan =
  | { readonly kind: 'dates'; readonly from: number; readonly to: number }
  | {
      readonly kind: 'yearly';
      readonly leap: { readonly from: number; readonly to: number };
      readonly common: { readonly from: number; readonly to: number };
    }
  | { readonly kind: 'isoWeek'; readonly week: number }
  | { readonly kind: 'always' };

/** A stretch of local wall time, in local milliseconds, half-open. */
export interface LocalSegment {
  start: number;
  end: number;
}

const ALL_WEEKDAYS = 0b1111_1110;
const compiled = new WeakMap<Window, CompiledWindow>();

function invalid(what: string): never {
  // Windows reach the engine through WindowSchema, so a malformed one is a programming fault.
  throw new TypeError(`invalid window: ${what}`);
}

function dayNumberOfText(text: string): number {
  const date = parseIsoDate(text) ?? invalid(`date ${text}`);
  return dayNumberOf(date.year, date.month, date.day);
}

function monthDayOfText(text: string): number {
  return parseMonthDay(text) ?? invalid(`month-day ${text}`);
}

const commonYear = (monthDay: number): number => (monthDay === 229 ? 228 : monthDay);

function compileSpan(span: Span): CompiledSpan {
  switch (span.kind) {
    case 'dates':
      return {
        kind: 'dates',
        from: dayNumberOfText(span.from),
        to: span.to === undefined ? Number.POSITIVE_INFINITY : dayNumberOfText(span.to),
      };
    case 'yearly': {
      const from = monthDayOfText(span.from);
      const to = monthDayOfText(span.to);
      return { kind: 'yearly', leap: { from, to }, common: { from: commonYear(from), to: commonYear(to) } };
    }
    case 'isoWeek':
      return { kind: 'isoWeek', week: span.week };
    case 'always':
      return span;
  }
}

function clockOf(text: string): number {
  return parseClockTime(text) ?? invalid(`time ${text}`);
}

/** The compiled form of a window, cached per window object (windows are treated as immutable). */
export function compileWindow(window: Window): CompiledWindow {
  let result = compiled.get(window);
  if (result === undefined) {
    result = {
      timeZone: window.timeZone,
      spans: window.spans.map(compileSpan),
      weekdayMask: window.weekdays
        ? window.weekdays.reduce((mask, day) => mask | (1 << day), 0)
        : ALL_WEEKDAYS,
      times: window.timesOfDay?.map((time) => ({ from: clockOf(time.from), to: clockOf(time.to) })) ?? null,
    };
    compiled.set(window, result);
  }
  return result;
}

function spanContains(span: CompiledSpan, day: LocalDay): boolean {
  switch (span.kind) {
    case 'dates':
      return day.dayNumber >= span.from && day.dayNumber <= span.to;
    case 'yearly': {
      const { from, to } = day.leapYear ? span.leap : span.common;
      const md = day.monthDayNumber;
      return from <= to ? md >= from && md <= to : md >= from || md <= to;
    }
    case 'isoWeek':
      return day.isoWeek === span.week;
    case 'always':
      return true;
  }
}

/** Whether a local day is active: in some span, on an allowed weekday. */
export function dayIsActive(window: CompiledWindow, day: LocalDay): boolean {
  if ((window.weekdayMask & (1 << day.isoWeekday)) === 0) return false;
  for (const span of window.spans) if (spanContains(span, day)) return true;
  return false;
}

/** Whether wall time `minutes` on `today` is open; `yesterday` owns any night part before `to`. */
export function timeIsOpen(
  window: CompiledWindow,
  minutes: number,
  today: LocalDay,
  yesterday: LocalDay,
): boolean {
  if (window.times === null) return dayIsActive(window, today);
  for (const { from, to } of window.times) {
    if (from < to) {
      if (minutes >= from && minutes < to && dayIsActive(window, today)) return true;
    } else if (
      (minutes >= from && dayIsActive(window, today)) ||
      (minutes < to && dayIsActive(window, yesterday))
    ) {
      return true;
    }
  }
  return false;
}

/** Open local wall-time stretches owned by the days firstDay..lastDay, sorted and merged. */
export function localSegments(window: CompiledWindow, firstDay: number, lastDay: number): LocalSegment[] {
  const raw: LocalSegment[] = [];
  for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber++) {
    if (!dayIsActive(window, localDayOf(dayNumber))) continue;
    const midnight = dayNumber * DAY_MS;
    if (window.times === null) {
      raw.push({ start: midnight, end: midnight + DAY_MS });
      continue;
    }
    for (const { from, to } of window.times) {
      const end = to > from ? to : to + MINUTES_PER_DAY;
      raw.push({ start: midnight + from * MINUTE_MS, end: midnight + end * MINUTE_MS });
    }
  }
  return mergeSegments(raw);
}

/** Sorts segments and joins those that overlap or touch. */
export function mergeSegments<T extends LocalSegment>(segments: T[]): T[] {
  segments.sort((a, b) => a.start - b.start);
  const merged: T[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last !== undefined && segment.start <= last.end) last.end = Math.max(last.end, segment.end);
    else merged.push({ ...segment });
  }
  return merged;
}
