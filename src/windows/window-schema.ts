import { z } from '@hono/zod-openapi';
import { IANAZone } from 'luxon';
import { parseIsoDate, parseMonthDay } from './local-calendar.js';

/**
 * A window is a span of local time in which something is live: a campaign airs, an ordering
 * period is open, a slide plays. Spans are written in the local calendar (Europe/Stockholm unless
 * the evaluating screen or the window itself says otherwise), never as UTC offsets, so that
 * "1 February to 31 March every year" stays true across DST changes and years.
 *
 * A window is open at an instant when at least one span contains the local date, and the
 * weekday and time-of-day rules (if any) also hold.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((text) => parseIsoDate(text) !== null, { message: 'no such date in the calendar' })
  .openapi({ example: '2027-02-01' });
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'expected MM-DD')
  .refine((text) => parseMonthDay(text) !== null, { message: 'no such month and day (02-29 is allowed)' })
  .openapi({ example: '02-01' });
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00 to 24:00)')
  .openapi({ example: '08:00' });

/** Fixed local dates, both ends inclusive; `to` may be left out for an open end. */
export const DatesSpanSchema = z
  .object({
    kind: z.literal('dates'),
    from: isoDate,
    to: isoDate.optional(),
  })
  .refine((span) => span.to === undefined || span.to >= span.from, {
    message: 'the last date is before the first date',
    path: ['to'],
  })
  .openapi('DatesSpan');

/**
 * The same month-day range every year, both ends inclusive; `from` after `to` wraps the new year
 * (15 Dec to 31 Jan). 02-29 means the last day of February, so in common years it is 28 February.
 */
export const YearlySpanSchema = z
  .object({
    kind: z.literal('yearly'),
    from: monthDay,
    to: monthDay,
  })
  .openapi('YearlySpan');

/** ISO week N (Monday to Sunday) every year; week 53 only opens in years that have one. */
export const IsoWeekSpanSchema = z
  .object({
    kind: z.literal('isoWeek'),
    week: z.number().int().min(1).max(53),
  })
  .openapi('IsoWeekSpan');

/** Always open (subject to the weekday and time-of-day rules). */
export const AlwaysSpanSchema = z.object({ kind: z.literal('always') }).openapi('AlwaysSpan');

export const SpanSchema = z.discriminatedUnion('kind', [
  DatesSpanSchema,
  YearlySpanSchema,
  IsoWeekSpanSchema,
  AlwaysSpanSchema,
]);

/**
 * A daily time span in local time; `to` before `from` runs past midnight (22:00 to 02:00) and the
 * night part belongs to the day it started on. `to` equal to `from` lasts a full 24 hours.
 */
export const TimeOfDaySchema = z
  .object({ from: clockTime, to: clockTime })
  .refine((time) => time.from !== '24:00', {
    message: '24:00 is only allowed as an end time',
    path: ['from'],
  })
  .openapi('TimeOfDay');

export const WindowSchema = z
  .object({
    /** IANA zone that pins the window; when absent, the evaluator's zone (the screen's) applies. */
    timeZone: z
      .string()
      .min(1)
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'not a known IANA time zone' })
      .optional()
      .openapi({ example: 'Europe/Stockholm' }),
    spans: z.array(SpanSchema).min(1),
    /** ISO weekdays 1 (Monday) to 7 (Sunday); absent means every day. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
    /** Times of day; absent means all day. */
    timesOfDay: z.array(TimeOfDaySchema).min(1).optional(),
  })
  .openapi('Window');

export type DatesSpan = z.infer<typeof DatesSpanSchema>;
export type YearlySpan = z.infer<typeof YearlySpanSchema>;
export type IsoWeekSpan = z.infer<typeof IsoWeekSpanSchema>;
export type Span = z.infer<typeof SpanSchema>;
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;
export type Window = z.infer<typeof WindowSchema>;

/** The zone a window is read in when neither the window nor the screen names one. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';
