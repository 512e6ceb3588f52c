import sharp from 'sharp';
import { BUNDLED_FONT_FAMILY } from '../../src/media/fonts.js';

/** Font weight used in the artwork: DejaVu Sans has a Book and a Bold face. */
export type Weight = 'normal' | 'bold';

const REFERENCE_SIZE = 100;
const widthCache = new Map<string, number>();

/**
 * The drawn width of one line of text at a font size, measured by rendering it with the same
 * fonts and engine (sharp → librsvg → pango) that render the slides, so wrapping is exact for
 * Arabic shaping and Swedish letters alike. Call useBundledFonts() before the first measurement.
 */
export async function measureLine(text: string, size: number, weight: Weight): Promise<number> {
  const key = `${weight}\u0000${text}`;
  let width = widthCache.get(key);
  if (width === undefined) {
    width = await measureAtReferenceSize(text, weight);
    widthCache.set(key, width);
  }
  return (width * size) / REFERENCE_SIZE;
}

async function measureAtReferenceSize(text: string, weight: Weight): Promise<number> {
  const canvasWidth = Math.max(400, text.length * REFERENCE_SIZE + 200);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${canvasWidth}" height="${REFERENCE_SIZE * 2}">` +
    `<text x="50" y="${REFERENCE_SIZE * 1.3}" font-family="${BUNDLED_FONT_FAMILY}" font-size="${REFERENCE_SIZE}" ` +
    `font-weight="${weight}" fill="#000">${escapeXml(text)}</text></svg>`;
  const { info } = await sharp(Buffer.from(svg)).trim().toBuffer({ resolveWithObject: true });
  return info.width;
}

/** Escapes text for an XML text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
