import { z } from '@hono/zod-openapi';
import { ContentLanguageSchema } from '../i18n/languages.js';

const purposes = z.enum(['screen', 'social', 'print', 'thumbnail']);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a calendar date');
const unit = z.coerce.number().min(0).max(1);

/** Browser forms send every named field, filled in or not: an empty one means "not given". */
const withoutEmptyFields = (fields: unknown) =>
  fields && typeof fields === 'object' ? Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '')) : fields;

/** The text fields of an upload form (multipart/form-data sends everything as strings). */
export const UploadFieldsSchema = z.preprocess(
  withoutEmptyFields,
  z
    .object({
      language: ContentLanguageSchema,
      altText: z.string().trim().min(1).max(1000).optional(),
      title: z.string().trim().min(1).max(200).optional(),
      focalX: unit.optional(),
      focalY: unit.optional(),
      rightsExpiry: isoDate.optional(),
      purposes: z
        .string()
        .optional()
        .transform((value) => (value ? value.split(',').map((part) => part.trim()).filter(Boolean) : ['screen']))
        .pipe(z.array(purposes).min(1)),
      orientation: z.enum(['landscape', 'portrait', 'any']).optional(),
    })
    .strict()
    .refine((fields) => (fields.focalX === undefined) === (fields.focalY === undefined), {
      message: 'give both focalX and focalY, or neither',
      path: ['focalX'],
    }),
);

/** The documented multipart body (validation happens while streaming, not by buffering it). */
export const UploadBodySchema = z
  .object({
    file: z.string().openapi({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP, AVIF, SVG, MP4, WebM or PDF' }),
    language: ContentLanguageSchema,
    altText: z.string().optional().openapi({ description: 'Required for images: what the image shows and says' }),
    title: z.string().optional(),
    focalX: z.string().optional().openapi({ description: '0..1 from the left' }),
    focalY: z.string().optional().openapi({ description: '0..1 from the top' }),
    rightsExpiry: z.string().optional().openapi({ description: 'YYYY-MM-DD: last day it may be shown' }),
    purposes: z.string().optional().openapi({ description: 'comma-separated: screen, social, print, thumbnail' }),
    orientation: z.enum(['landscape', 'portrait', 'any']).optional(),
  })
  .openapi('AssetUpload');

export const AssetPatchSchema = z
  .object({
    language: ContentLanguageSchema.optional(),
    altText: z.string().trim().min(1).max(1000).nullable().optional(),
    title: z.string().trim().min(1).max(200).nullable().optional(),
    focalPoint: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).nullable().optional(),
    rightsExpiry: isoDate.nullable().optional(),
    purposes: z.array(purposes).min(1).optional(),
    orientation: z.enum(['landscape', 'portrait', 'any']).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('AssetPatch');

const RenditionSchema = z.object({
  name: z.string(),
  format: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  hash: z.string(),
  url: z.string(),
});

export const AssetSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    kind: z.enum(['image', 'video', 'pdf']),
    format: z.string(),
    language: z.string(),
    altText: z.string().nullable(),
    title: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    bytes: z.number().int(),
    orientation: z.enum(['landscape', 'portrait', 'any']),
    purposes: z.array(z.string()),
    focalPoint: z.object({ x: z.number(), y: z.number() }).nullable(),
    rightsExpiry: z.string().nullable(),
    url: z.string().openapi({ description: 'The master, content-addressed and immutable' }),
    hash: z.string(),
    renditions: z.array(RenditionSchema),
    createdAt: z.string(),
  })
  .openapi('Asset');
