import { z } from '@hono/zod-openapi';

export const CampaignIdParam = z.object({
  id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }),
});

export const PackFileParam = z.object({
  id: CampaignIdParam.shape.id,
  file: z
    .string()
    .min(1)
    .max(40)
    .openapi({ description: 'The language code followed by .zip', example: 'sv.zip' }),
});

const PlatformSizeSchema = z
  .object({
    folder: z.string().openapi({ example: 'instagram-square-1080x1080' }),
    platform: z.string(),
    use: z.object({ sv: z.string(), en: z.string() }),
    width: z.number().int(),
    height: z.number().int(),
  })
  .openapi('PackSize');

const DownloadWindowSchema = z
  .object({
    open: z.boolean(),
    nextOpensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    text: z.object({ sv: z.string(), en: z.string() }),
  })
  .openapi('PackDownloadWindow');

export const PackListSchema = z
  .object({
    campaignId: z.uuid(),
    campaignSlug: z.string(),
    downloadWindow: DownloadWindowSchema.nullable().openapi({
      description: "The campaign's ordering window; null = no downloads",
    }),
    sizes: z.array(PlatformSizeSchema),
    packs: z.array(
      z.object({
        language: z.string(),
        languageName: z.string(),
        imageCount: z.number().int(),
        fileCount: z.number().int(),
        bytes: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'Null until the current pack is rendered' }),
        renderedAt: z.string().nullable(),
        downloadableNow: z.boolean(),
        url: z.string(),
      }),
    ),
  })
  .openapi('PackList');

export const DownloadCountsQuerySchema = z.object({
  groupBy: z.enum(['organisation', 'county']).default('organisation'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const DownloadCountsSchema = z
  .object({
    campaignId: z.uuid(),
    groupBy: z.enum(['organisation', 'county']),
    region: z
      .object({ countyCode: z.string().nullable(), municipalityCode: z.string().nullable() })
      .nullable()
      .openapi({ description: "Null: all downloads; else only those in the caller's region" }),
    total: z.number().int(),
    rows: z.array(
      z.object({
        organisationId: z.string().nullable().optional(),
        organisationName: z.string().nullable().optional(),
        countyCode: z.string().nullable(),
        countyName: z.string().nullable().optional(),
        municipalityCode: z.string().nullable().optional(),
        downloads: z.number().int(),
        lastDownloadAt: z.string(),
      }),
    ),
  })
  .openapi('PackDownloadCounts');
