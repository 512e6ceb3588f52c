import type { Manifest, ManifestItem, ManifestSegment } from '../../src/manifests/manifest-schema.js';

/** An item as the hub sends it; `name` makes its ids and URL recognisable. */
export function item(
  name: string,
  durationSeconds = 10,
  overrides: Partial<ManifestItem> = {},
): ManifestItem {
  return {
    slideId: `slide-${name}`,
    campaignId: 'campaign-1',
    campaignSlug: 'tillsammans-mot-vald',
    tier: 'national',
    assetId: `asset-${name}`,
    kind: 'image',
    url: `/media/${name}.webp`,
    hash: name,
    format: 'webp',
    width: 1920,
    height: 1080,
    bytes: 1000,
    durationSeconds,
    fit: 'contain',
    language: 'sv',
    fallbackLanguage: false,
    altText: `Bild ${name}`,
    ...overrides,
  };
}

/** A segment over [start, end) playing the items at `loop` (closed when loop is null). */
export function segment(start: string, end: string, loop: number[] | null): ManifestSegment {
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    status: loop ? 'playing' : 'closed',
    opensAt: null,
    usedDefaultLoop: false,
    loopSeconds: 0,
    loop: loop ?? [],
  };
}

/** A manifest of the hub's shape over the given segments and items. */
export function manifest(segments: ManifestSegment[], items: ManifestItem[], version = 'v1'): Manifest {
  return {
    version,
    generatedAt: segments[0]?.start ?? '',
    serverTime: segments[0]?.start ?? '',
    validFrom: segments[0]?.start ?? '',
    validUntil: segments[segments.length - 1]?.end ?? '',
    pollSeconds: 60,
    screen: {
      id: 'screen-1',
      name: 'Kassa 1',
      orientation: 'landscape',
      width: 1920,
      height: 1080,
      languages: ['sv'],
      timeZone: 'Europe/Stockholm',
    },
    status: segments[0]?.status ?? 'playing',
    segments,
    items,
    media: items.map((i) => ({ url: i.url, hash: i.hash, bytes: i.bytes, kind: i.kind, format: i.format })),
  };
}
