/** One image size a social platform wants, named as its folder inside a pack. */
export interface PlatformSize {
  /** Folder-safe ASCII name, e.g. `instagram-square`; the folder adds the pixel size. */
  name: string;
  platform: string;
  /** What the size is for, in the README's languages. */
  use: { sv: string; en: string };
  width: number;
  height: number;
}

/**
 * Bump when the table changes: it is part of every pack's inputs key, so all packs re-render
 * with the new sizes.
 */
export const PLATFORM_SIZES_VERSION = 1;

/** The sizes every pack is cut to, in the order they appear in the zip. */
export const PLATFORM_SIZES: readonly PlatformSize[] = Object.freeze([
  {
    name: 'instagram-square',
    platform: 'Instagram',
    use: { sv: 'flöde, kvadratisk', en: 'feed, square' },
    width: 1080,
    height: 1080,
  },
  {
    name: 'instagram-portrait',
    platform: 'Instagram',
    use: { sv: 'flöde, stående', en: 'feed, portrait' },
    width: 1080,
    height: 1350,
  },
  {
    name: 'instagram-story',
    platform: 'Instagram',
    use: { sv: 'story och reels', en: 'story and reels' },
    width: 1080,
    height: 1920,
  },
  {
    name: 'facebook-link',
    platform: 'Facebook',
    use: { sv: 'inlägg och länkförhandsvisningar', en: 'posts and link previews' },
    width: 1200,
    height: 630,
  },
  { name: 'linkedin', platform: 'LinkedIn', use: { sv: 'inlägg', en: 'posts' }, width: 1200, height: 627 },
  { name: 'x', platform: 'X', use: { sv: 'inlägg', en: 'posts' }, width: 1200, height: 675 },
  {
    name: 'youtube',
    platform: 'YouTube',
    use: { sv: 'miniatyrbilder', en: 'thumbnails' },
    width: 1280,
    height: 720,
  },
]);

/** The folder name of a size inside the zip, e.g. `instagram-square-1080x1080`. */
export function folderOfSize(size: PlatformSize): string {
  return `${size.name}-${size.width}x${size.height}`;
}
