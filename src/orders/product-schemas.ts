import { z } from '@hono/zod-openapi';
import { ContentLanguageSchema, LocalizedTextSchema } from '../i18n/languages.js';

export const ProductKindSchema = z
  .enum(['poster_a3', 'poster_a4', 'flyer_a5', 'sticker', 'support_kit'])
  .openapi({
    description:
      'What is printed: posters A3/A4, flyer A5, stickers, or the support kit for work with young people',
  });

const productFields = {
  code: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
    .max(60)
    .openapi({ description: "The print shop's article code", example: 'sir-affisch-a3' }),
  kind: ProductKindSchema,
  language: ContentLanguageSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.nullable().optional(),
  printAssetId: z.uuid().openapi({ description: 'A pdf asset of the campaign: the print-ready file' }),
  previewAssetId: z.uuid().openapi({ description: 'An image asset of the campaign shown in the catalogue' }),
  maxPerOrder: z.number().int().min(1).max(100_000),
  quotaPerOrganisation: z.number().int().min(1).max(1_000_000).nullable().optional().openapi({
    description:
      'Copies one organisation may order per ordering season, over all its orders; null = no quota',
  }),
  stock: z
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .nullable()
    .optional()
    .openapi({ description: 'Copies left; null = not limited by stock' }),
  active: z
    .boolean()
    .optional()
    .openapi({ description: 'Inactive products are hidden from the catalogue and cannot be ordered' }),
};

export const NewProductSchema = z.object(productFields).strict().openapi('NewProduct');

export const ProductPatchSchema = z
  .object({
    title: productFields.title.optional(),
    description: productFields.description,
    printAssetId: productFields.printAssetId.optional(),
    previewAssetId: productFields.previewAssetId.optional(),
    maxPerOrder: productFields.maxPerOrder.optional(),
    quotaPerOrganisation: productFields.quotaPerOrganisation,
    stock: productFields.stock,
    active: productFields.active,
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('ProductPatch');

const OrderingStateSchema = z
  .object({
    open: z.boolean().openapi({ description: 'Whether orders are taken now' }),
    closesAt: z.string().nullable().openapi({ description: 'Until when, if open now' }),
    nextOpensAt: z.string().nullable().openapi({ description: 'When ordering next opens, if closed now' }),
    seasonKey: z
      .string()
      .nullable()
      .openapi({ description: 'The current ordering season (its local start date), if open' }),
  })
  .openapi('OrderingState');

export const ProductSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    code: z.string(),
    kind: ProductKindSchema,
    language: z.string(),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.nullable(),
    printAssetId: z.uuid(),
    previewAssetId: z.uuid(),
    previewUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Content-addressed image URL (thumbnail, else the master)' }),
    maxPerOrder: z.number().int(),
    quotaPerOrganisation: z.number().int().nullable(),
    stockLeft: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Copies left; null = not limited by stock' }),
    active: z.boolean(),
    ordering: OrderingStateSchema,
  })
  .openapi('Product');

export type NewProduct = z.infer<typeof NewProductSchema>;
export type ProductPatch = z.infer<typeof ProductPatchSchema>;
