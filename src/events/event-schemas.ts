import { z } from '@hono/zod-openapi';
import { ContentLanguageSchema } from '../i18n/languages.js';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';
import { timingProblems } from './event-times.js';

/** Text per content language with Swedish required, each at most `max` characters. */
function localized(max: number, example: Record<string, string>) {
  return z
    .partialRecord(ContentLanguageSchema, z.string().trim().min(1).max(max))
    .refine((value) => typeof value.sv === 'string', { message: 'Swedish (sv) text is required' })
    .openapi({ example });
}

export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .openapi({ description: 'A local date (Europe/Stockholm)', example: '2026-11-24' });
export const ClockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (00:00 to 23:59)')
  .openapi({ description: 'A local clock time (Europe/Stockholm)', example: '18:00' });

/** Where one watches an online event: an https address (a plain http link would be refused by most players anyway). */
export const WatchUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'an https:// address' })
  .max(2000)
  .openapi({ description: 'Where one watches (https)', example: 'https://www.youtube.com/watch?v=example' });

export const EventPlaceSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('venue'),
        name: z.string().trim().min(1).max(200).openapi({ example: 'Biblioteket, Musikrummet' }),
        address: z.string().trim().min(1).max(300).optional().openapi({ example: 'Storgatan 5' }),
        municipalityCode: MunicipalityCodeSchema.optional().openapi({
          description:
            "The municipality (kommun) the venue is in; must lie in the event's county (else 422). Shown as the town.",
          example: '1984',
        }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('online'),
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .openapi({ description: 'e.g. "Webbsänd föreläsning"; "Webbsänd" when absent' }),
        url: WatchUrlSchema.optional(),
      })
      .strict(),
  ])
  .openapi('EventPlace', {
    description: 'A place with a name (address, municipality), or online (webcast) with where one watches',
  });

export const EventRegistrationSchema = z
  .object({
    deadline: LocalDateSchema.optional().openapi({
      description: 'The last day registrations are taken (inclusive)',
    }),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .openapi({ example: 'https://www.lansstyrelsen.se/vastmanland' }),
    email: z.email().max(254).optional().openapi({ example: 'anmalan@example.se' }),
  })
  .strict()
  .refine((registration) => Boolean(registration.url) !== Boolean(registration.email), {
    message: 'give where to register: a url or an email (one of them)',
  })
  .openapi('EventRegistration', { description: 'Present when registration is required' });

const eventFields = {
  countyCode: CountyCodeSchema,
  title: localized(200, { sv: 'Män, maskulinitet, varför slår män och vad kan vi göra åt det' }),
  description: localized(3000, {
    sv: 'Föreläsning av Thomas Wetterberg från Örebro läns Mansmottagning.',
  }).optional(),
  audience: localized(300, { sv: 'Allmänheten', en: 'The public' }).optional(),
  startDate: LocalDateSchema,
  startTime: ClockTimeSchema.optional().openapi({
    description: 'Absent for an event that lasts the whole day',
  }),
  endDate: LocalDateSchema.optional().openapi({
    description: 'For events over several days; defaults to startDate',
  }),
  endTime: ClockTimeSchema.optional(),
  place: EventPlaceSchema,
  registration: EventRegistrationSchema.nullable().optional(),
  cancelled: z
    .boolean()
    .optional()
    .openapi({ description: 'A cancelled event is still listed, marked as cancelled' }),
};

/** Adds the cross-field timing checks (end after start, deadline before the event) to a schema's issues. */
function checkTiming(
  value: {
    startDate: string;
    startTime?: string;
    endDate?: string;
    endTime?: string;
    registration?: { deadline?: string } | null;
  },
  context: z.RefinementCtx,
) {
  const timing = {
    startDate: value.startDate,
    startTime: value.startTime ?? null,
    endDate: value.endDate ?? value.startDate,
    endTime: value.endTime ?? null,
  };
  for (const problem of timingProblems(timing, value.registration?.deadline)) {
    context.addIssue({ code: 'custom', message: problem.message, path: problem.field.split('.') });
  }
}

/** The fields of an event without the cross-field checks (for schemas built on them). */
export const EventFieldsSchema = z.object(eventFields).strict();

export const NewEventSchema = EventFieldsSchema.superRefine(checkTiming).openapi('NewEvent');

/** A patch: any field; null clears an optional one. Timing is checked with the stored values merged in. */
export const EventPatchSchema = z
  .object({
    countyCode: eventFields.countyCode.optional(),
    title: eventFields.title.optional(),
    description: eventFields.description.nullable(),
    audience: eventFields.audience.nullable(),
    startDate: eventFields.startDate.optional(),
    startTime: ClockTimeSchema.nullable().optional(),
    endDate: LocalDateSchema.nullable().optional(),
    endTime: ClockTimeSchema.nullable().optional(),
    place: eventFields.place.optional(),
    registration: eventFields.registration,
    cancelled: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('EventPatch');

export type NewEvent = z.infer<typeof NewEventSchema>;
export type EventPatch = z.infer<typeof EventPatchSchema>;

const LocalizedSchema = z.partialRecord(ContentLanguageSchema, z.string());

export const EventSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    campaignSlug: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    title: LocalizedSchema,
    description: LocalizedSchema.nullable(),
    audience: LocalizedSchema.nullable(),
    startDate: z.string(),
    startTime: z.string().nullable(),
    endDate: z.string(),
    endTime: z.string().nullable(),
    allDay: z.boolean(),
    timeZone: z.literal('Europe/Stockholm'),
    startsAt: z.string().openapi({ description: 'The start as an instant (ISO 8601, UTC)' }),
    endsAt: z.string().nullable().openapi({ description: 'The end as an instant; null without an end time' }),
    place: z.object({
      kind: z.enum(['venue', 'online']),
      name: z.string().nullable(),
      address: z.string().nullable(),
      municipalityCode: z.string().nullable().openapi({ description: 'Venues: the municipality code' }),
      municipalityName: z
        .string()
        .nullable()
        .openapi({ description: 'Venues: the municipality, as the town', example: 'Arboga' }),
      url: z.string().nullable().openapi({ description: 'Online events: where one watches' }),
    }),
    registration: z
      .object({
        deadline: z.string().nullable(),
        url: z.string().nullable(),
        email: z.string().nullable(),
        open: z.boolean(),
      })
      .nullable(),
    cancelled: z.boolean(),
    over: z
      .boolean()
      .openapi({ description: 'Whether the event has ended (or, without an end time, started)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Event');

export const EventListQuerySchema = z.object({
  county: CountyCodeSchema.optional(),
  include: z
    .enum(['upcoming', 'all'])
    .optional()
    .openapi({ description: 'upcoming (default): events not yet over; all: past ones too' }),
});

export const IcalQuerySchema = z.object({ county: CountyCodeSchema });
