import { folderOfSize, type PlatformSize } from './platform-sizes.js';

/**
 * Safe ASCII for names inside a zip and in Content-Disposition: Swedish letters lose their
 * marks (å → a), everything else that is not a letter or digit becomes a single dash. Zip tools
 * on old Windows and phones mangle non-ASCII names, so pack names never carry any.
 */
export function asciiSlug(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug || 'pack';
}

/** The base name of the n-th image (1-based) of a pack, e.g. `svartsjuka-sv-1`. */
export function imageBaseName(campaignSlug: string, language: string, index: number): string {
  return `${asciiSlug(campaignSlug)}-${asciiSlug(language, 20)}-${index}`;
}

/** The path of one cut inside the zip, e.g. `instagram-square-1080x1080/svartsjuka-sv-1.jpg`. */
export function imagePathInZip(size: PlatformSize, baseName: string): string {
  return `${folderOfSize(size)}/${baseName}.jpg`;
}

/** The name of the captions file of a pack. */
export function captionsFileName(language: string): string {
  return `captions-${asciiSlug(language, 20)}.txt`;
}

export const README_FILE_NAME = 'README.txt';

/** The file name a downloaded pack is saved as. */
export function packFileName(campaignSlug: string, language: string): string {
  return `${asciiSlug(campaignSlug)}-${asciiSlug(language, 20)}-social.zip`;
}
