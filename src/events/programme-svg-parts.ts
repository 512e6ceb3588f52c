import type { FontWeight } from './text-measure.js';

/*
 * The drawing primitives and measures of the programme slide (programme-svg.ts lays it out).
 */

export type ProgrammeOrientation = 'landscape' | 'portrait';

// A dark, calm ground with white text and a warm yellow for dates: well above 7:1 contrast.
export const COLOURS = {
  ground: '#23173a',
  text: '#ffffff',
  accent: '#f6c945',
  muted: '#e4dcef',
  rule: '#6b5a8a',
};

export interface Layout {
  width: number;
  height: number;
  margin: number;
  headingY: number;
  titleY: number;
  titleLines: number;
  /** The lowest baseline a row may use; the footer lies below. */
  listBottom: number;
  footerY: number;
  footerLines: number;
  /**
   * Landscape puts date and time in a column of their own (at least this wide); portrait stacks
   * them above the title.
   */
  dateColumn: number | null;
  eventTitleLines: number;
  /** From the last baseline of one row to the top of the next. */
  rowGap: number;
}

export const LAYOUTS: Record<ProgrammeOrientation, Layout> = {
  landscape: {
    width: 1920,
    height: 1080,
    margin: 96,
    headingY: 110,
    titleY: 180,
    titleLines: 1,
    listBottom: 960,
    footerY: 1030,
    footerLines: 1,
    dateColumn: 400,
    eventTitleLines: 1,
    rowGap: 30,
  },
  portrait: {
    width: 1080,
    height: 1920,
    margin: 72,
    headingY: 150,
    titleY: 226,
    titleLines: 2,
    listBottom: 1740,
    footerY: 1812,
    footerLines: 2,
    dateColumn: null,
    eventTitleLines: 2,
    rowGap: 46,
  },
};

/** The widest the landscape date column grows for long dates, leaving the titles 1168 px. */
export const MAX_DATE_COLUMN = 560;

export const SIZES = {
  heading: 40,
  title: 62,
  date: 38,
  time: 32,
  eventTitle: 40,
  info: 30,
  badge: 30,
  footer: 30,
};

/** Escapes text for XML text and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Where things go on one slide. Positions are written as offsets from the side lines start on
 * (`inline`): the left on a left-to-right slide, the right on a right-to-left one, so the layout
 * below is written once and mirrors itself for Arabic and Persian.
 */
export interface Page {
  layout: Layout;
  direction: 'ltr' | 'rtl';
  /** Width of the landscape date column (null in portrait): wider when a language's dates are long. */
  dateColumn: number | null;
  cancelledLabel: string;
}

/** The x of an inline offset, and the x of the left edge of a box of `width` starting there. */
export function xOf(page: Page, inline: number, width = 0): number {
  return page.direction === 'ltr' ? inline : page.layout.width - inline - width;
}

/** A line of text starting at an inline offset, on baseline y. */
export function text(
  page: Page,
  inline: number,
  y: number,
  size: number,
  weight: FontWeight,
  fill: string,
  content: string,
): string {
  const bold = weight === 'bold' ? ' font-weight="bold"' : '';
  // direction="rtl" anchors the text's start (its right edge) at x and runs the bidi algorithm
  // with a right-to-left paragraph level.
  const rtl = page.direction === 'rtl' ? ' direction="rtl"' : '';
  return `<text x="${xOf(page, inline)}" y="${y}" font-size="${size}"${bold}${rtl} fill="${fill}">${escapeXml(content)}</text>`;
}

/** A filled box starting at an inline offset: badges, rules, strike-throughs. */
export function box(
  page: Page,
  inline: number,
  y: number,
  width: number,
  height: number,
  fill: string,
  rx = 0,
): string {
  const round = rx ? ` rx="${rx}"` : '';
  return `<rect x="${xOf(page, inline, width)}" y="${y}" width="${width}" height="${height}"${round} fill="${fill}"/>`;
}
