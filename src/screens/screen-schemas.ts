import { z } from '@hono/zod-openapi';
import { IANAZone } from 'luxon';
import { ContentLanguageSchema } from '../i18n/languages.js';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00 to 24:00)')
  .openapi({ example: '08:00' });

const OpeningSpanSchema = z
  .object({ from: clockTime, to: clockTime })
  .refine((span) => span.from !== '24:00', { message: '24:00 is only allowed as an end time', path: ['from'] });

/** Per ISO weekday ("1" = Monday … "7" = Sunday) the spans the shop is open; a missing day is closed. */
export const OpeningHoursSchema = z
  .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(OpeningSpanSchema).max(4))
  .openapi('OpeningHours', {
    description: 'Local opening hours per ISO weekday; a span whose `to` is not after `from` runs past midnight.',
    example: { '1': [{ from: '07:00', to: '22:00' }], '7': [{ from: '10:00', to: '18:00' }] },
  });

export const TagSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
  .max(40)
  .openapi({ example: 'entrance' });

const TimeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'not a known IANA time zone' })
  .openapi({ example: 'Europe/Stockholm' });

/** Whether a list names each value once. */
export const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** The settings a coordinator gives a screen (at claim or later). */
const screenSettingFields = {
  name: z.string().trim().min(1).max(120).openapi({ example: 'ICA Maxi Erikslund, entrance' }),
  storeCode: z.string().trim().min(1).max(60).nullable().optional().openapi({ description: "The chain's own store id" }),
  chain: z.string().trim().min(1).max(60).nullable().optional().openapi({ example: 'ica' }),
  countyCode: CountyCodeSchema.optional().openapi({ description: "Derived from municipalityCode; when given it must be that municipality's county" }),
  municipalityCode: MunicipalityCodeSchema,
  orientation: z.enum(['landscape', 'portrait']),
  width: z.number().int().min(64).max(16384).openapi({ description: 'Pixels', example: 1920 }),
  height: z.number().int().min(64).max(16384).openapi({ description: 'Pixels', example: 1080 }),
  languages: z
    .array(ContentLanguageSchema)
    .min(1)
    .max(11)
    .refine(distinct, { message: 'each language once' })
    .openapi({ description: 'Content languages, most preferred first', example: ['sv', 'ar'] }),
  timeZone: TimeZoneSchema.optional(),
  openingHours: OpeningHoursSchema.nullable().optional().openapi({ description: 'null = always open' }),
  playWhenClosed: z.boolean().optional(),
  tags: z.array(TagSchema).max(30).refine(distinct, { message: 'each tag once' }).optional(),
  groupIds: z
    .array(z.uuid())
    .max(50)
    .refine(distinct, { message: 'each group once' })
    .optional()
    .openapi({ description: 'Static groups the screen belongs to (replaces its memberships you can manage)' }),
};

const countyMatchesMunicipality = (value: { countyCode?: string; municipalityCode?: string }) =>
  value.countyCode === undefined || value.municipalityCode === undefined || value.municipalityCode.startsWith(value.countyCode);
const countyMismatch = { message: "countyCode is not the municipality's county", path: ['countyCode'] };

/** Every field of a shape made optional (for patches and re-pairing claims). */
function optionalFields<T extends Record<string, z.ZodType>>(fields: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

const requiredForNewScreen = ['name', 'municipalityCode', 'orientation', 'width', 'height', 'languages'] as const;

/** A coordinator claims a pairing code: settings for a new screen, or `screenId` to re-pair a revoked one. */
export const ClaimSchema = z
  .object({
    screenId: z.uuid().optional().openapi({ description: 'Re-pair this (revoked) screen instead of creating one; other fields then change it' }),
    ...optionalFields(screenSettingFields),
  })
  .strict()
  .refine(countyMatchesMunicipality, countyMismatch)
  .superRefine((value, context) => {
    if (value.screenId) return;
    for (const field of requiredForNewScreen) {
      if (value[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'required for a new screen' });
    }
  })
  .openapi('PairingClaim');

export const ScreenPatchSchema = z
  .object(optionalFields(screenSettingFields))
  .strict()
  .refine(countyMatchesMunicipality, countyMismatch)
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('ScreenPatch');

export const ScreenStatusSchema = z
  .enum(['awaiting_token', 'paired', 'revoked'])
  .openapi({ description: 'awaiting_token: claimed, the player has not collected its token yet' });

export const ScreenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: ScreenStatusSchema,
    storeCode: z.string().nullable(),
    chain: z.string().nullable(),
    countyCode: z.string(),
    municipalityCode: z.string(),
    orientation: z.enum(['landscape', 'portrait']),
    width: z.number().int(),
    height: z.number().int(),
    languages: z.array(z.string()),
    timeZone: z.string(),
    openingHours: OpeningHoursSchema.nullable(),
    playWhenClosed: z.boolean(),
    tags: z.array(z.string()),
    groupIds: z.array(z.uuid()).openapi({ description: 'Static and dynamic groups the screen is in' }),
    pairedAt: z.string(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    offlineSince: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Screen');

export const ScreenListQuerySchema = z.object({
  county: CountyCodeSchema.optional(),
  municipality: MunicipalityCodeSchema.optional(),
  group: z.uuid().optional(),
  tag: TagSchema.optional(),
  chain: z.string().min(1).max(60).optional(),
  status: ScreenStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type ClaimInput = z.infer<typeof ClaimSchema>;
export type ScreenPatch = z.infer<typeof ScreenPatchSchema>;
export type ScreenListQuery = z.infer<typeof ScreenListQuerySchema>;
