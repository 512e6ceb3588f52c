/** File endings of served media, by stored format. */
export const EXTENSION_OF_FORMAT: Record<string, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  svg: 'svg',
  mp4: 'mp4',
  webm: 'webm',
  pdf: 'pdf',
  zip: 'zip',
};

/** Content types of served media, by file ending. */
export const MIME_OF_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** The immutable, content-addressed URL of a stored file. */
export function mediaUrl(hash: string, format: string): string {
  return `/media/${hash}.${EXTENSION_OF_FORMAT[format] ?? 'bin'}`;
}

/** The MIME type of a stored format. */
export function mimeOfFormat(format: string): string {
  return MIME_OF_EXTENSION[EXTENSION_OF_FORMAT[format] ?? ''] ?? 'application/octet-stream';
}
