import { z } from '@hono/zod-openapi';
import { OrganisationKindSchema } from '../accounts/user-schemas.js';
import { ContentLanguageSchema, LocalizedTextSchema } from '../i18n/languages.js';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';
import { WindowSchema } from '../windows/window-schema.js';
import { CAMPAIGN_SLUG_PATTERN } from './campaign-schemas.js';

/**
 * A campaign as written in `campaigns/<slug>/campaign.json`: the demo and reference campaigns the
 * service imports on first start. Objects are strict so that a misspelt field ("airng") fails
 * loudly instead of being dropped.
 */

const kebabCase = z
  .string()
  .regex(CAMPAIGN_SLUG_PATTERN, 'expected kebab-case: lower-case letters, digits and single dashes')
  .max(80);

/** A real calendar date written YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .openapi({ example: '2030-12-31' });

/** A LocalizedText whose every value is a single line, for lists and catalogue cards. */
const oneLineText = LocalizedTextSchema.refine(
  (text) => Object.values(text).every((value) => !/[\r\n]/.test(value ?? '') && (value ?? '').length <= 200),
  'each summary must be one line of at most 200 characters',
);

/** A path inside the campaign folder: relative, forward slashes, never climbing out. */
const relativeFile = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !path.includes('\\'), {
    message: 'expected a relative path with forward slashes',
    abort: true,
  })
  .refine((path) => path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), {
    message: 'path must stay inside the campaign folder (no empty, "." or ".." parts)',
  });

export const CampaignOwnerSchema = z
  .strictObject({
    slug: kebabCase,
    name: z.string().min(1).max(200),
    kind: OrganisationKindSchema,
    countyCode: CountyCodeSchema.optional(),
    municipalityCode: MunicipalityCodeSchema.optional(),
  })
  .superRefine((owner, ctx) => {
    if (owner.kind === 'county_board' && !owner.countyCode) {
      ctx.addIssue({ code: 'custom', path: ['countyCode'], message: 'a county board needs its countyCode' });
    }
    if (owner.kind === 'municipality' && !owner.municipalityCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: 'a municipality needs its municipalityCode',
      });
    }
    if (owner.countyCode && owner.municipalityCode && !owner.municipalityCode.startsWith(owner.countyCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: 'municipality is not in the owner county',
      });
    }
  })
  .openapi('CampaignOwner');

export const SupportContactSchema = z
  .strictObject({
    name: LocalizedTextSchema,
    phone: z
      .string()
      .regex(/^\+?\d[\d -]*\d$/, 'expected a phone number of digits, spaces and dashes')
      .optional(),
    url: z.url({ protocol: /^https$/ }).optional(),
    hours: LocalizedTextSchema.optional(),
  })
  .openapi('SupportContact');

export const AssetPurposeSchema = z.enum(['screen', 'social', 'print', 'thumbnail']);
export const AssetOrientationSchema = z.enum(['landscape', 'portrait', 'any']);

/** File endings that are images and therefore need alt text. */
export const IMAGE_FILE_PATTERN = /\.(svg|png|jpe?g|webp|avif|gif|tiff?)$/i;

export const DefinitionAssetSchema = z
  .strictObject({
    file: relativeFile,
    language: ContentLanguageSchema,
    /** What the image shows and says, in the asset's language. Required for images. */
    altText: z.string().min(1).max(1000).optional(),
    title: z.string().min(1).max(200).optional(),
    /** The point crops keep in view, as fractions of width and height from the top left. */
    focalPoint: z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).optional(),
    /** The last day the artwork may be shown or handed out. */
    rightsExpiry: isoDate.optional(),
    purpose: z.array(AssetPurposeSchema).min(1).refine(isUnique, 'purposes must not repeat'),
    orientation: AssetOrientationSchema.optional(),
  })
  .superRefine((asset, ctx) => {
    if (IMAGE_FILE_PATTERN.test(asset.file) && !asset.altText?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['altText'], message: 'an image needs alt text' });
    }
  })
  .openapi('DefinitionAsset');

export const CampaignTierSchema = z.enum(['national', 'county', 'local']);

export const SlideSettingsSchema = z
  .strictObject({
    /** Seconds on screen; by default long enough to read the alt text (3 words a second, at least 8). */
    durationSeconds: z.number().int().min(3).max(300).optional(),
    /** A locked national slide is never pushed out of a loop by county or local slides. */
    locked: z.boolean().optional(),
    /** Part of the default loop shown when nothing else is scheduled (the support line). */
    isDefault: z.boolean().optional(),
    fit: z.enum(['cover', 'contain']).optional(),
    window: WindowSchema.optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .openapi('DefinitionSlideSettings');

const CampaignDefinitionFieldsSchema = z.strictObject({
  slug: kebabCase,
  title: LocalizedTextSchema,
  summary: oneLineText,
  description: LocalizedTextSchema,
  tier: CampaignTierSchema,
  owner: CampaignOwnerSchema,
  /** The campaign's languages; the first is its primary language. */
  languages: z.array(ContentLanguageSchema).min(1).refine(isUnique, 'languages must not repeat'),
  /** Who the campaign speaks to, in Swedish words: 'allmänheten', 'unga', 'yrkesverksamma'. */
  audience: z.array(z.string().min(1).max(80)).min(1),
  airing: WindowSchema,
  /** When organisations may order printed material and download digital material. */
  ordering: WindowSchema.optional(),
  support: z.array(SupportContactSchema).optional(),
  assets: z.array(DefinitionAssetSchema).min(1),
  /**
   * Settings for the slides made from the screen artwork. Screen assets named
   * `<slide>-<language>-<orientation>.<ext>` become one slide per `<slide>` with every language
   * and orientation as variants; this record, keyed by `<slide>`, adjusts those slides.
   */
  slides: z.record(kebabCase, SlideSettingsSchema).optional(),
});

export const CampaignDefinitionSchema =
  CampaignDefinitionFieldsSchema.superRefine(checkDefinitionConsistency).openapi('CampaignDefinition');

export type CampaignOwner = z.infer<typeof CampaignOwnerSchema>;
export type SlideSettings = z.infer<typeof SlideSettingsSchema>;
export type SupportContactDefinition = z.infer<typeof SupportContactSchema>;
export type DefinitionAsset = z.infer<typeof DefinitionAssetSchema>;
export type AssetPurpose = z.infer<typeof AssetPurposeSchema>;
export type CampaignDefinition = z.infer<typeof CampaignDefinitionSchema>;

/** Rules across fields: tier matches the owner's region, texts and assets match the languages. */
function checkDefinitionConsistency(
  definition: z.infer<typeof CampaignDefinitionFieldsSchema>,
  ctx: z.RefinementCtx,
): void {
  if (definition.tier === 'county' && !definition.owner.countyCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['owner', 'countyCode'],
      message: 'a county campaign needs the owner countyCode',
    });
  }
  if (definition.tier === 'local' && !definition.owner.municipalityCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['owner', 'municipalityCode'],
      message: 'a local campaign needs the owner municipalityCode',
    });
  }
  for (const field of ['title', 'summary'] as const) {
    for (const language of definition.languages) {
      if (!definition[field][language]) {
        ctx.addIssue({ code: 'custom', path: [field, language], message: `missing ${field} in ${language}` });
      }
    }
  }
  const seenFiles = new Set<string>();
  definition.assets.forEach((asset, index) => {
    if (!definition.languages.includes(asset.language)) {
      ctx.addIssue({
        code: 'custom',
        path: ['assets', index, 'language'],
        message: `${asset.language} is not one of the campaign languages`,
      });
    }
    if (seenFiles.has(asset.file)) {
      ctx.addIssue({
        code: 'custom',
        path: ['assets', index, 'file'],
        message: `${asset.file} is listed twice`,
      });
    }
    seenFiles.add(asset.file);
  });
}

function isUnique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === (month ?? 0) - 1 && date.getUTCDate() === day
  );
}
