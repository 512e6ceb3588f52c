import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { BUNDLED_FONTS_DIR } from '../media/fonts.js';

/** The two faces of the bundled DejaVu Sans the slides use. */
export type FontWeight = 'normal' | 'bold';

type Face = { unitsPerEm: number; layout(text: string): { advanceWidth: number } };
const faces = new Map<FontWeight, Face>();

function faceOf(weight: FontWeight): Face {
  let face = faces.get(weight);
  if (!face) {
    const file = weight === 'bold' ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf';
    face = fontkit.create(readFileSync(path.join(BUNDLED_FONTS_DIR, file))) as unknown as Face;
    faces.set(weight, face);
  }
  return face;
}

/**
 * The advance width of one line in the bundled font (the same font files librsvg draws with),
 * so lines are cut to fit without rendering anything.
 */
export function measureText(text: string, size: number, weight: FontWeight): number {
  const face = faceOf(weight);
  return (face.layout(text).advanceWidth * size) / face.unitsPerEm;
}

/** The text, cut at a word (or character) and ended with "…" when it is wider than maxWidth. */
export function fitLine(text: string, size: number, weight: FontWeight, maxWidth: number): string {
  if (measureText(text, size, weight) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && measureText(`${cut}…`, size, weight) > maxWidth) {
    const space = cut.lastIndexOf(' ');
    // Prefer ending at a word unless that throws away more than a third of the line.
    cut = space > cut.length * 0.66 ? cut.slice(0, space) : cut.slice(0, -1);
    cut = cut.replace(/[\s,.:;–-]+$/, '');
  }
  return `${cut}…`;
}

/** Word-wraps text into at most maxLines lines of maxWidth, the last one cut with "…" if needed. */
export function wrapLines(
  text: string,
  size: number,
  weight: FontWeight,
  maxWidth: number,
  maxLines: number,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const [index, word] of words.entries()) {
    const candidate = current ? `${current} ${word}` : word;
    if (measureText(candidate, size, weight) <= maxWidth || !current) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitLine(words.slice(index - current.split(' ').length).join(' '), size, weight, maxWidth));
      return lines;
    }
    lines.push(fitLine(current, size, weight, maxWidth));
    current = word;
  }
  if (current) lines.push(fitLine(current, size, weight, maxWidth));
  return lines;
}
