import { z } from '@hono/zod-openapi';
import { ContentLanguageSchema, LocalizedTextSchema } from '../i18n/languages.js';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';
import { WindowSchema } from '../windows/window-schema.js';

export const TierSchema = z.enum(['national', 'county', 'local']).openapi({ description: 'Whose campaign: the nation, a county or a municipality' });
export const StatusSchema = z.enum(['draft', 'published', 'archived']);

export const SupportContactSchema = z
  .object({
    name: LocalizedTextSchema,
    phone: z.string().max(40).optional(),
    url: z.url().optional(),
    hours: LocalizedTextSchema.optional(),
  })
  .openapi('SupportContact');

/** Per declared language, why slides may lack a variant in it; the publish gate accepts them then. */
export const LanguageExemptionsSchema = z
  .partialRecord(ContentLanguageSchema, z.string().trim().min(3).max(500))
  .openapi('LanguageExemptions', { example: { ar: 'Lokalt evenemang som bara hålls på svenska.' } });

const campaignFields = {
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  description: LocalizedTextSchema,
  tier: TierSchema,
  ownerOrganisationId: z.uuid().optional().openapi({ description: "Defaults to the caller's organisation" }),
  countyCode: CountyCodeSchema.optional().openapi({ description: 'Required for county campaigns' }),
  municipalityCode: MunicipalityCodeSchema.optional().openapi({ description: 'Required for local campaigns' }),
  languages: z.array(ContentLanguageSchema).min(1).max(20),
  audience: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  airing: WindowSchema,
  ordering: WindowSchema.nullable().optional().openapi({ description: 'When material can be ordered and downloaded' }),
  support: z.array(SupportContactSchema).max(20).default([]),
};

/** A campaign slug: lower-case letters and digits in words joined by single hyphens. */
export const CAMPAIGN_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const NewCampaignSchema = z
  .object({
    slug: z
      .string()
      .regex(CAMPAIGN_SLUG_PATTERN, 'lower-case words joined by hyphens')
      .min(3)
      .max(100),
    ...campaignFields,
  })
  .strict()
  .openapi('NewCampaign');

export const CampaignPatchSchema = z
  .object({
    title: campaignFields.title.optional(),
    summary: campaignFields.summary.optional(),
    description: campaignFields.description.optional(),
    languages: campaignFields.languages.optional(),
    audience: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    airing: campaignFields.airing.optional(),
    ordering: campaignFields.ordering,
    support: z.array(SupportContactSchema).max(20).optional(),
    languageExemptions: LanguageExemptionsSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('CampaignPatch');

const WindowStateSchema = z
  .object({
    open: z.boolean().openapi({ description: 'Open at the moment asked about' }),
    nextOpensAt: z.string().nullable().openapi({ description: 'When it is next open (now, if open now)' }),
    closesAt: z.string().nullable().openapi({ description: 'When the current or next open period ends' }),
    text: z.object({ sv: z.string(), en: z.string() }),
  })
  .openapi('WindowState');

export const CampaignSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: LocalizedTextSchema,
    summary: LocalizedTextSchema,
    description: LocalizedTextSchema,
    tier: TierSchema,
    status: StatusSchema,
    ownerOrganisation: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
    countyCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    languages: z.array(z.string()),
    audience: z.array(z.string()),
    airing: WindowSchema,
    ordering: WindowSchema.nullable(),
    support: z.array(SupportContactSchema),
    languageExemptions: LanguageExemptionsSchema,
    airingState: WindowStateSchema,
    orderingState: WindowStateSchema.nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Campaign');

export const CampaignListQuerySchema = z.object({
  status: StatusSchema.optional().openapi({ description: 'Drafts and archived ones need a coordinator in scope' }),
  tier: TierSchema.optional(),
  county: CountyCodeSchema.optional(),
  language: ContentLanguageSchema.optional(),
  liveAt: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Only campaigns airing at this instant' }),
  orderable: z.enum(['true', 'false']).optional().openapi({ description: 'Only campaigns whose ordering window is open now' }),
});

export type NewCampaign = z.infer<typeof NewCampaignSchema>;
export type CampaignPatch = z.infer<typeof CampaignPatchSchema>;
