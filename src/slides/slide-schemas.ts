import { z } from '@hono/zod-openapi';
import { CountyCodeSchema, MunicipalityCodeSchema } from '../regions/regions.js';
import { distinct, TagSchema } from '../screens/screen-schemas.js';
import { WindowSchema } from '../windows/window-schema.js';

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).refine(distinct, { message: 'each value once' }).optional();

export const SlideTargetingSchema = z
  .object({
    counties: list(CountyCodeSchema, 21),
    municipalities: list(MunicipalityCodeSchema, 290),
    groups: list(z.uuid(), 50).openapi({ description: 'Screen group ids' }),
    tags: list(TagSchema, 30),
    chains: list(z.string().trim().min(1).max(60), 30),
    orientation: z.enum(['landscape', 'portrait']).optional(),
  })
  .strict()
  .openapi('SlideTargeting', {
    description:
      'Which screens a slide reaches; every non-empty criterion must hold. counties and municipalities together form one region criterion (the county OR the municipality listed); groups, tags and chains match on any overlap. A county or local campaign\'s slides stay inside its region: without a region they get the campaign\'s.',
  });

const slideFields = {
  name: z.string().trim().min(1).max(120).openapi({ example: 'Kvinnofridslinjen, stor bild' }),
  assetIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine(distinct, { message: 'each asset once' })
    .openapi({ description: "The variants: images or videos of this campaign, one per language and orientation; each variant's language and orientation are its asset's" }),
  durationSeconds: z.number().int().min(3).max(300).openapi({ example: 10 }),
  window: WindowSchema.nullable()
    .optional()
    .openapi({ description: "The slide's own window; it plays only where it and the campaign's airing window are both open. null = the campaign's." }),
  targeting: SlideTargetingSchema.optional(),
  fit: z.enum(['cover', 'contain']).optional().openapi({ description: 'cover fills the screen (cropping); contain shows all of it (default)' }),
  locked: z.boolean().optional().openapi({ description: 'Never dropped when a loop is too long' }),
  position: z.number().int().min(0).max(10_000).optional().openapi({ description: 'Order within its tier (lower first)' }),
  isDefault: z
    .boolean()
    .optional()
    .openapi({ description: 'Part of the default loop that plays when nothing else is scheduled (national campaigns only)' }),
};

export const NewSlideSchema = z.object(slideFields).strict().openapi('NewSlide');

export const SlidePatchSchema = z
  .object({
    name: slideFields.name.optional(),
    assetIds: slideFields.assetIds.optional(),
    durationSeconds: slideFields.durationSeconds.optional(),
    window: slideFields.window,
    targeting: slideFields.targeting,
    fit: slideFields.fit,
    locked: slideFields.locked,
    position: slideFields.position,
    isDefault: slideFields.isDefault,
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' })
  .openapi('SlidePatch');

export const SlideVariantSchema = z
  .object({
    assetId: z.uuid(),
    kind: z.enum(['image', 'video', 'pdf']),
    language: z.string(),
    orientation: z.enum(['landscape', 'portrait', 'any']),
    altText: z.string().nullable(),
  })
  .openapi('SlideVariant');

export const SlideSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    campaignSlug: z.string(),
    tier: z.enum(['national', 'county', 'local']).openapi({ description: "The campaign's tier" }),
    name: z.string(),
    durationSeconds: z.number().int(),
    window: WindowSchema.nullable(),
    targeting: SlideTargetingSchema,
    fit: z.enum(['cover', 'contain']),
    locked: z.boolean(),
    position: z.number().int(),
    isDefault: z.boolean(),
    languages: z.array(z.string()).openapi({ description: 'The languages of its variants' }),
    variants: z.array(SlideVariantSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Slide');

export type NewSlide = z.infer<typeof NewSlideSchema>;
export type SlidePatch = z.infer<typeof SlidePatchSchema>;
export type SlideTargetingInput = z.infer<typeof SlideTargetingSchema>;
