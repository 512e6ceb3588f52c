import { z } from '@hono/zod-openapi';

/**
 * The manifest a player fetches from GET /api/v1/screens/me/manifest. It says what to play from
 * `validFrom` to `validUntil` (at least the next 24 hours), split into segments during which the
 * loop does not change, so a player that loses the network keeps switching on time. Items are
 * listed once and segments refer to them by index; `media` lists every file to precache.
 */

const instant = (description: string) => z.string().openapi({ description: `${description} (ISO 8601, UTC)`, example: '2026-11-23T10:00:00.000Z' });

export const ManifestItemSchema = z
  .object({
    slideId: z.string(),
    campaignId: z.string(),
    campaignSlug: z.string(),
    tier: z.enum(['national', 'county', 'local']),
    assetId: z.string(),
    kind: z.enum(['image', 'video']),
    url: z.string().openapi({ description: 'Content-addressed and immutable: cache it forever', example: '/media/3f2a….webp' }),
    hash: z.string().openapi({ description: 'sha256 of the file, hex' }),
    format: z.enum(['jpeg', 'png', 'webp', 'avif', 'mp4', 'webm']),
    width: z.number().int().openapi({ description: 'Pixels (0 when unknown)' }),
    height: z.number().int().openapi({ description: 'Pixels (0 when unknown)' }),
    bytes: z.number().int(),
    durationSeconds: z.number().openapi({ description: 'How long to show it (a video plays this long, looping or cut)' }),
    fit: z.enum(['cover', 'contain']).openapi({ description: 'cover fills the screen, cropping; contain shows all of it' }),
    language: z.string().openapi({ description: 'Language of the artwork (BCP 47; sv-x-easy is easy-to-read Swedish)' }),
    fallbackLanguage: z.boolean().openapi({ description: "True when none of the screen's languages was available" }),
    altText: z.string(),
  })
  .openapi('ManifestItem');

export const ManifestSegmentSchema = z
  .object({
    start: instant('Segment start, inclusive'),
    end: instant('Segment end, exclusive'),
    status: z.enum(['playing', 'closed']).openapi({ description: 'closed: the shop is closed; show nothing (or a blank screen)' }),
    opensAt: z.string().nullable().openapi({ description: 'When closed: when the shop opens next (may lie beyond this segment)' }),
    usedDefaultLoop: z.boolean().openapi({ description: 'Nothing was scheduled: the loop is the default (support-line) loop; empty when there is none' }),
    loopSeconds: z.number(),
    loop: z.array(z.number().int()).openapi({ description: 'Indexes into `items`, in playing order; repeat the loop until `end`' }),
  })
  .openapi('ManifestSegment');

export const ManifestMediaSchema = z
  .object({
    url: z.string(),
    hash: z.string(),
    bytes: z.number().int(),
    kind: z.enum(['image', 'video']),
    format: z.enum(['jpeg', 'png', 'webp', 'avif', 'mp4', 'webm']),
  })
  .openapi('ManifestMedia');

export const ManifestSchema = z
  .object({
    version: z.string().openapi({ description: 'Hash of everything below except generatedAt and serverTime; also the ETag' }),
    generatedAt: instant('When the server built this manifest'),
    serverTime: instant('The server clock when it answered; use it to correct the player clock'),
    validFrom: instant('Start of the first segment'),
    validUntil: instant('End of the last segment: poll again well before'),
    pollSeconds: z.number().int().openapi({ description: 'Poll this often (with If-None-Match); includes a per-screen jitter' }),
    screen: z.object({
      id: z.string(),
      name: z.string(),
      orientation: z.enum(['landscape', 'portrait']),
      width: z.number().int(),
      height: z.number().int(),
      languages: z.array(z.string()).openapi({ description: 'Most preferred first' }),
      timeZone: z.string(),
    }),
    status: z.enum(['playing', 'closed']).openapi({ description: 'The status of the segment holding generatedAt' }),
    segments: z.array(ManifestSegmentSchema).openapi({ description: 'Back to back, from validFrom to validUntil' }),
    items: z.array(ManifestItemSchema),
    media: z.array(ManifestMediaSchema).openapi({ description: 'Every file the items use, once: precache these' }),
  })
  .openapi('Manifest');

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestItem = z.infer<typeof ManifestItemSchema>;
export type ManifestSegment = z.infer<typeof ManifestSegmentSchema>;
export type ManifestMedia = z.infer<typeof ManifestMediaSchema>;
/** The part of a manifest its version is computed from. */
export type ManifestContent = Omit<Manifest, 'version' | 'generatedAt' | 'serverTime'>;
