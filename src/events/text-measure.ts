import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { BUNDLED_FONTS_DIR } from '../media/fonts.js';
import { withoutBidiControls } from './programme-bidi.js';

/** The two faces of the bundled DejaVu Sans the slides use. */
export type FontWeight = 'normal' | 'bold';

type Face = {
  unitsPerEm: number;
  layout(text: string, features?: string[], script?: string): { advanceWidth: number };
  hasGlyphForCodePoint(codePoint: number): boolean;
};
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

/** Arabic-script letters and what joins them; shaped as one run, apart from the text around them. */
const ARABIC_RUN = /([\p{Script=Arabic}\u200c\u200d]+)/u;

/**
 * The advance width of one line in the bundled font (the same font files librsvg draws with),
 * so lines are cut to fit without rendering anything. fontkit picks one script for a whole
 * string, so Arabic-script runs are laid out on their own with Arabic shaping (joined forms are
 * narrower than the isolated ones), as HarfBuzz does for the slide; bidi controls weigh nothing.
 */
export function measureText(text: string, size: number, weight: FontWeight): number {
  const face = faceOf(weight);
  let units = 0;
  for (const [index, run] of withoutBidiControls(text).split(ARABIC_RUN).entries()) {
    // split with a capturing group puts the Arabic runs at the odd indexes.
    if (run) units += face.layout(run, [], index % 2 === 1 ? 'arab' : undefined).advanceWidth;
  }
  return (units * size) / face.unitsPerEm;
}

/** Whether both bundled faces have a glyph for every character of the text (bidi controls aside). */
export function fontCanWrite(text: string): boolean {
  const characters = [...withoutBidiControls(text).replace(/[\u200c\u200d]/g, '')];
  return (['normal', 'bold'] as const).every((weight) =>
    characters.every((character) => faceOf(weight).hasGlyphForCodePoint(character.codePointAt(0) ?? 0)),
  );
}

/** What a cut line may not end with: spaces and punctuation (Latin and Arabic) before the "…". */
const TRAILING_PUNCTUATION = /[\s,.:;–\-\u060c\u061b]+$/;

/** The text, cut at a word (or character) and ended with "…" when it is wider than maxWidth. */
export function fitLine(text: string, size: number, weight: FontWeight, maxWidth: number): string {
  if (measureText(text, size, weight) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && measureText(`${cut}…`, size, weight) > maxWidth) {
    const space = cut.lastIndexOf(' ');
    // Prefer ending at a word unless that throws away more than a third of the line.
    cut = space > cut.length * 0.66 ? cut.slice(0, space) : [...cut].slice(0, -1).join('');
    cut = cut.replace(TRAILING_PUNCTUATION, '');
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
