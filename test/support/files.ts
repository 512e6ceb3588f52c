import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** Every file under a folder, recursively (to prove an upload left nothing behind). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** A real PNG of the given size, with some structure so encoders behave as on artwork. */
export async function makePng(width: number, height: number, colour = '#7b2d8b'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${colour}"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A multipart form with one file and text fields, as a browser would send it. */
export function uploadForm(file: Buffer | Uint8Array | null, filename: string, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append('file', new Blob([new Uint8Array(file)]), filename);
  return form;
}
