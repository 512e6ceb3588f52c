import { BUNDLED_FONT_FAMILY } from '../../src/media/fonts.js';
import { type Box, type Format, mirrorBox } from './formats.js';
import { escapeXml, measureLine, type Weight } from './measure-text.js';
import type { Motif, Theme } from './themes.js';

/**
 * One paragraph of a slide. `phone` is drawn in an accent box and `address` in the accent
 * colour; both are always laid out left to right, also on Arabic slides, because the bidi
 * algorithm would otherwise reverse the groups of "020-50 50 50".
 */
export type Block = {
  kind: 'headline' | 'body' | 'emphasis' | 'phone' | 'address';
  text: string;
  /** The sentence goes on in the next block; alt texts then join the two. */
  continues?: boolean;
};

/** The words of one slide in one language. */
export type SlideCopy = {
  /** The campaign name, small at the top of screen and print formats. */
  kicker: string;
  blocks: Block[];
  /** Who stands behind the message, small at the bottom. */
  footer: string;
};

export type SlideInput = {
  copy: SlideCopy;
  lang: string;
  rtl: boolean;
  theme: Theme;
  motif: Motif;
  format: Format;
  /** Read by screen readers; the same text as the asset's alt text. */
  title: string;
};

type Style = {
  size: number;
  weight: Weight;
  fill: 'text' | 'muted' | 'accent' | 'onAccent';
  lineHeight: number;
};

/** Base sizes for a 1920x1080 screen: the body is 1/20 of the screen height. */
const STYLES: Record<Block['kind'], Style> = {
  headline: { size: 92, weight: 'bold', fill: 'text', lineHeight: 1.14 },
  body: { size: 52, weight: 'normal', fill: 'muted', lineHeight: 1.3 },
  emphasis: { size: 56, weight: 'bold', fill: 'text', lineHeight: 1.25 },
  phone: { size: 84, weight: 'bold', fill: 'onAccent', lineHeight: 1.2 },
  address: { size: 52, weight: 'bold', fill: 'accent', lineHeight: 1.25 },
};
const KICKER: Style = { size: 38, weight: 'bold', fill: 'accent', lineHeight: 1 };
const FOOTER: Style = { size: 32, weight: 'normal', fill: 'muted', lineHeight: 1 };
/** Glyph box of DejaVu Sans relative to the font size: ascent and descent. */
const ASCENT = 0.93;
const DESCENT = 0.24;
const PHONE_PADDING = 0.35;
const RTL_LINE_HEIGHT = 1.15;
const MIN_READABLE_FACTOR = 0.85;

type LaidBlock = { block: Block; style: Style; lines: string[]; widths: number[]; height: number };

/** Lays out and draws one slide as a self-contained SVG (no scripts, no external references). */
export async function composeSlide(input: SlideInput): Promise<string> {
  const { format, theme, rtl } = input;
  const textBox = rtl ? mirrorBox(format.text, format.width) : format.text;
  const motifBox = rtl ? mirrorBox(format.motif, format.width) : format.motif;
  const laid = await fitBlocks(input.copy.blocks, format, textBox, rtl);
  const total = laid.reduce((sum, item, index) => sum + item.height + gapBefore(laid, index), 0);
  let top = format.align === 'center' ? textBox.y + (textBox.height - total) / 2 : textBox.y;

  const parts: string[] = [
    `<rect width="${format.width}" height="${format.height}" fill="${theme.background}"/>`,
    ...stripe(format, theme, rtl),
    input.motif(motifBox, theme),
  ];
  if (format.kickerBaseline > 0) {
    const kicker = await shrinkToWidth(
      input.copy.kicker,
      scaled(KICKER, format.scale),
      format.width - 2 * format.margin,
    );
    parts.push(
      textLine(
        input.copy.kicker,
        edgeX(fullWidthBox(format), rtl),
        format.kickerBaseline,
        kicker,
        theme,
        rtl,
      ),
    );
  }
  laid.forEach((item, index) => {
    top += gapBefore(laid, index);
    parts.push(...drawBlock(item, textBox, top, theme, rtl));
    top += item.height;
  });
  parts.push(
    `<rect x="${format.margin}" y="${format.footerRule}" width="${format.width - 2 * format.margin}" height="${Math.max(2, Math.round(2 * format.scale))}" fill="${theme.muted}" fill-opacity="0.35"/>`,
  );
  parts.push(...(await drawFooter(input.copy.footer, format, theme, rtl)));

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${format.width}" height="${format.height}" viewBox="0 0 ${format.width} ${format.height}" xml:lang="${input.lang}">`,
    `  <title>${escapeXml(input.title)}</title>`,
    ...parts.map((part) => `  ${part}`),
    '</svg>',
    '',
  ].join('\n');
}

/** Wraps every block to the text box, shrinking all sizes together until the whole text fits. */
async function fitBlocks(blocks: Block[], format: Format, box: Box, rtl: boolean): Promise<LaidBlock[]> {
  for (let factor = format.scale; ; factor *= 0.95) {
    const laid: LaidBlock[] = [];
    for (const block of blocks) {
      const style = scaled(STYLES[block.kind], factor);
      // Arabic marks above and below the letters need more room between lines.
      if (rtl) style.lineHeight *= RTL_LINE_HEIGHT;
      laid.push(await layBlock(block, style, box.width));
    }
    const total = laid.reduce((sum, item, index) => sum + item.height + gapBefore(laid, index), 0);
    const fitsWidth = laid.every((item) => item.widths.every((width) => width <= box.width));
    if ((fitsWidth && total <= box.height) || factor < format.scale * 0.4) {
      // Below this the body text gets too small to read across a shop: shorten the copy instead.
      if (factor < format.scale * MIN_READABLE_FACTOR) {
        console.warn(
          `${format.name}: text shrunk to ${Math.round((factor / format.scale) * 100)} %: ${blocks[0]?.text}`,
        );
      }
      return laid;
    }
  }
}

async function layBlock(block: Block, style: Style, maxWidth: number): Promise<LaidBlock> {
  const inner = block.kind === 'phone' ? maxWidth - 2 * PHONE_PADDING * style.size : maxWidth;
  const lines = block.kind === 'phone' ? [block.text] : await wrapBalanced(block.text, style, inner);
  const widths: number[] = [];
  for (const line of lines) widths.push(await measureLine(line, style.size, style.weight));
  if (block.kind === 'phone') widths[0] = (widths[0] ?? 0) + 2 * PHONE_PADDING * style.size;
  const lineBox = style.size * style.lineHeight;
  const height = lines.length * lineBox + (block.kind === 'phone' ? style.size * 0.5 : 0);
  return { block, style, lines, widths, height };
}

/**
 * Wraps into as few lines as greedy wrapping needs, then narrows the measure as far as that line
 * count allows, so lines come out of even length instead of leaving one word alone at the end.
 * Text listing names with " · " between them breaks only between the names.
 */
async function wrapBalanced(text: string, style: Style, maxWidth: number): Promise<string[]> {
  const separator = text.includes(' · ') ? ' · ' : ' ';
  const units = text.split(separator).filter(Boolean);
  const greedy = await wrapUnits(units, separator, style, maxWidth);
  if (greedy.length < 2) return greedy;
  let fits = maxWidth;
  let tooNarrow = maxWidth / 2;
  for (let step = 0; step < 10; step++) {
    const middle = (fits + tooNarrow) / 2;
    if ((await wrapUnits(units, separator, style, middle)).length <= greedy.length) fits = middle;
    else tooNarrow = middle;
  }
  return wrapUnits(units, separator, style, fits);
}

/** Greedy wrap of words (or names) with measured widths. */
async function wrapUnits(
  units: string[],
  separator: string,
  style: Style,
  maxWidth: number,
): Promise<string[]> {
  const lines: string[] = [];
  let current = '';
  for (const unit of units) {
    const candidate = current ? `${current}${separator}${unit}` : unit;
    if (current && (await measureLine(candidate, style.size, style.weight)) > maxWidth) {
      lines.push(current);
      current = unit;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** Space above a block: more after the headline, less between body paragraphs. */
function gapBefore(laid: LaidBlock[], index: number): number {
  const item = laid[index];
  const previous = laid[index - 1];
  if (!item || !previous) return 0;
  return item.style.size * (previous.block.kind === 'headline' ? 0.75 : 0.55);
}

function drawBlock(item: LaidBlock, box: Box, top: number, theme: Theme, rtl: boolean): string[] {
  const { style } = item;
  const lineBox = style.size * style.lineHeight;
  const x = edgeX(box, rtl);
  if (item.block.kind === 'phone') {
    const width = item.widths[0] ?? 0;
    const height = lineBox + style.size * 0.5;
    const left = rtl ? x - width : x;
    const padding = PHONE_PADDING * style.size;
    const baseline = top + height / 2 + (style.size * (ASCENT - DESCENT)) / 2;
    return [
      `<rect x="${r(left)}" y="${r(top)}" width="${r(width)}" height="${r(height)}" rx="${r(style.size * 0.18)}" fill="${theme.accent}"/>`,
      textLine(item.block.text, rtl ? x - padding : x + padding, baseline, style, theme, rtl, true),
    ];
  }
  const forceLtr = item.block.kind === 'address';
  return item.lines.map((line, index) => {
    const baseline =
      top + index * lineBox + (lineBox - style.size * (ASCENT + DESCENT)) / 2 + style.size * ASCENT;
    return textLine(line, x, baseline, style, theme, rtl, forceLtr);
  });
}

/** One <text> line anchored at the reading-start edge (the right edge for right-to-left). */
function textLine(
  text: string,
  x: number,
  baseline: number,
  style: Style,
  theme: Theme,
  rtl: boolean,
  ltr = false,
): string {
  // A left-to-right run on a right-to-left slide keeps its own direction but ends at the right edge.
  const direction =
    rtl && !ltr ? ' direction="rtl" text-anchor="start"' : rtl ? ' direction="ltr" text-anchor="end"' : '';
  return (
    `<text x="${r(x)}" y="${r(baseline)}" font-family="${BUNDLED_FONT_FAMILY}" font-size="${r(style.size)}" ` +
    `font-weight="${style.weight}" fill="${theme[style.fill]}"${direction}>${escapeXml(text)}</text>`
  );
}

/** A narrow accent stripe along the edge where reading starts. */
function stripe(format: Format, theme: Theme, rtl: boolean): string[] {
  if (!format.stripe) return [];
  const width = Math.round(format.margin * 0.2);
  return [
    `<rect x="${rtl ? format.width - width : 0}" y="0" width="${width}" height="${format.height}" fill="${theme.accent}"/>`,
  ];
}

/** The full-width band between the margins, for kicker and footer. */
function fullWidthBox(format: Format): Box {
  return { x: format.margin, y: 0, width: format.width - 2 * format.margin, height: format.height };
}

function edgeX(box: Box, rtl: boolean): number {
  return rtl ? box.x + box.width : box.x;
}

/** The sender line under the rule: up to two lines, the last one on the footer baseline. */
async function drawFooter(text: string, format: Format, theme: Theme, rtl: boolean): Promise<string[]> {
  const width = format.width - 2 * format.margin;
  let style = scaled(FOOTER, format.scale);
  let lines = await wrapBalanced(text, style, width);
  while (lines.length > 2) {
    style = scaled(style, 0.9);
    lines = await wrapBalanced(text, style, width);
  }
  const x = edgeX(fullWidthBox(format), rtl);
  return lines.map((line, index) => {
    const baseline = format.footerBaseline - (lines.length - 1 - index) * style.size * 1.3;
    return textLine(line, x, baseline, style, theme, rtl);
  });
}

async function shrinkToWidth(text: string, style: Style, maxWidth: number): Promise<Style> {
  const width = await measureLine(text, style.size, style.weight);
  return width <= maxWidth ? style : scaled(style, maxWidth / width);
}

function scaled(style: Style, factor: number): Style {
  return { ...style, size: style.size * factor };
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}
