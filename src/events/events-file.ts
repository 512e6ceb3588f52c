import { z } from '@hono/zod-openapi';
import { DateTime, type WeekdayNumbers } from 'luxon';
import { CountyCodeSchema } from '../regions/regions.js';
import { placeProblems } from './event-place.js';
import { EventFieldsSchema, type NewEvent, NewEventSchema } from './event-schemas.js';
import { EVENT_TIME_ZONE } from './event-times.js';

/**
 * `campaigns/<slug>/events.json`: a campaign's programme as a file, imported with the demo.
 *
 * A day is written either as a fixed date, `{ "date": "2026-11-24" }`, or as an ISO week and
 * weekday, `{ "isoWeek": 48, "weekday": 2 }` (1 = Monday), so a yearly programme such as week 48
 * lands in every year's week 48. Week days are resolved in the ISO week-year of the campaign's
 * current or next airing (the edition): the file written for 2020 gives 23–29 November 2026 when
 * imported during or before week 48 of 2026, and 2027's week 48 after it. Times are local
 * (Europe/Stockholm) 'HH:MM'.
 *
 * ```json
 * { "countyCode": "19",
 *   "events": [{ "key": "ljusmanifestation-koping", "title": { "sv": "Ljusmanifestation Köping" },
 *                "day": { "isoWeek": 48, "weekday": 5 },
 *                "place": { "kind": "venue", "name": "Hökartorget", "municipalityCode": "1983" } }] }
 * ```
 *
 * Each event has a `key`, unique in the file, by which a re-import recognises it.
 */
const DaySchema = z.union([
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD') }).strict(),
  z.object({ isoWeek: z.number().int().min(1).max(53), weekday: z.number().int().min(1).max(7) }).strict(),
]);
export type DaySpec = z.infer<typeof DaySchema>;

const FileEventSchema = EventFieldsSchema.omit({
  startDate: true,
  endDate: true,
  registration: true,
  countyCode: true,
})
  .extend({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lowercase letters, digits and dashes'),
    countyCode: CountyCodeSchema.optional().openapi({ description: "Defaults to the file's countyCode" }),
    day: DaySchema,
    endDay: DaySchema.optional(),
    registration: z
      .object({ deadline: DaySchema.optional(), url: z.string().optional(), email: z.string().optional() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export const EventsFileSchema = z
  .object({
    countyCode: CountyCodeSchema,
    events: z.array(FileEventSchema).max(500),
  })
  .strict()
  .refine((file) => new Set(file.events.map((event) => event.key)).size === file.events.length, {
    message: 'each event key once',
    path: ['events'],
  });

export type EventsFile = z.infer<typeof EventsFileSchema>;
export type FileEvent = EventsFile['events'][number];

/** The local date a day stands for in an ISO week-year; null for week 53 of a year without one. */
export function resolveDay(day: DaySpec, weekYear: number): string | null {
  if ('date' in day) return day.date;
  const resolved = DateTime.fromObject(
    { weekYear, weekNumber: day.isoWeek, weekday: day.weekday as WeekdayNumbers },
    { zone: EVENT_TIME_ZONE },
  );
  return resolved.isValid && resolved.weekYear === weekYear && resolved.weekNumber === day.isoWeek
    ? resolved.toISODate()
    : null;
}

/** One file event as the API input it stands for in an edition year; the input is validated like any POST. */
export function resolveFileEvent(
  file: Pick<EventsFile, 'countyCode'>,
  event: FileEvent,
  weekYear: number,
): { ok: true; input: NewEvent } | { ok: false; detail: string } {
  const { key: _key, day, endDay, registration, ...rest } = event;
  const startDate = resolveDay(day, weekYear);
  const endDate = endDay ? resolveDay(endDay, weekYear) : startDate;
  const deadline = registration?.deadline ? resolveDay(registration.deadline, weekYear) : undefined;
  if (!startDate || !endDate || deadline === null)
    return { ok: false, detail: `week 53 does not exist in ${weekYear}` };
  const candidate = {
    ...rest,
    countyCode: event.countyCode ?? file.countyCode,
    startDate,
    endDate,
    registration: registration ? { ...registration, deadline } : registration,
  };
  if (candidate.registration && candidate.registration.deadline === undefined)
    delete candidate.registration.deadline;
  const parsed = NewEventSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    };
  }
  // The API answers this 422 rather than 400; a file is refused either way, naming the field.
  const misplaced = placeProblems(parsed.data);
  if (misplaced.length)
    return {
      ok: false,
      detail: misplaced.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    };
  return { ok: true, input: parsed.data };
}
