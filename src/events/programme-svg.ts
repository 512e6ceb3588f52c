import { BUNDLED_FONT_FAMILY } from '../media/fonts.js';
import type { Programme, ProgrammeLine } from './programme.js';
import { PROGRAMME_PHRASES } from './programme-words.js';
import { type FontWeight, fitLine, measureText, wrapLines } from './text-measure.js';

/** Bump when the layout changes, so every programme slide is rendered anew. */
export const PROGRAMME_TEMPLATE_VERSION = 1;

export type ProgrammeOrientation = 'landscape' | 'portrait';

// A dark, calm ground with white text and a warm yellow for dates: well above 7:1 contrast.
const COLOURS = { ground: '#23173a', text: '#ffffff', accent: '#f6c945', muted: '#e4dcef', rule: '#6b5a8a' };

interface Layout {
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
  /** Landscape puts date and time in a column of their own; portrait stacks them above the title. */
  dateColumn: number | null;
  eventTitleLines: number;
  /** From the last baseline of one row to the top of the next. */
  rowGap: number;
}

const LAYOUTS: Record<ProgrammeOrientation, Layout> = {
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

const SIZES = { heading: 40, title: 62, date: 38, time: 32, eventTitle: 40, info: 30, badge: 30, footer: 30 };

/** Escapes text for XML text and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function text(x: number, y: number, size: number, weight: FontWeight, fill: string, content: string): string {
  const bold = weight === 'bold' ? ' font-weight="bold"' : '';
  return `<text x="${x}" y="${y}" font-size="${size}"${bold} fill="${fill}">${escapeXml(content)}</text>`;
}

/** The "INSTÄLLT" badge at x (baseline y); answers its markup and width. */
function badge(x: number, y: number, label: string): { markup: string; width: number } {
  const width = Math.ceil(measureText(label, SIZES.badge, 'bold')) + 28;
  const height = SIZES.badge + 16;
  const markup =
    `<rect x="${x}" y="${y - SIZES.badge - 4}" width="${width}" height="${height}" rx="6" fill="${COLOURS.text}"/>` +
    text(x + 14, y, SIZES.badge, 'bold', COLOURS.ground, label);
  return { markup, width };
}

const LINE = { title: SIZES.eventTitle + 10, heading: SIZES.title + 8, footer: SIZES.footer + 14 };

/** The title lines of an event: the cancelled badge first, the words after it struck through. */
function titleLines(
  line: ProgrammeLine,
  x: number,
  y: number,
  maxWidth: number,
  maxLines: number,
  label: string,
): { markup: string; lines: number } {
  const parts: string[] = [];
  let left = x;
  if (line.cancelled) {
    const mark = badge(x, y, label);
    parts.push(mark.markup);
    left = x + mark.width + 20;
  }
  const first = maxWidth - (left - x);
  const wrapped =
    maxLines === 1
      ? [fitLine(line.title, SIZES.eventTitle, 'bold', first)]
      : wrapLines(line.title, SIZES.eventTitle, 'bold', first, maxLines);
  wrapped.forEach((content, index) => {
    const lineX = index === 0 ? left : x;
    const lineY = y + index * LINE.title;
    parts.push(text(lineX, lineY, SIZES.eventTitle, 'bold', COLOURS.text, content));
    if (line.cancelled) {
      const width = Math.round(measureText(content, SIZES.eventTitle, 'bold'));
      const strikeY = lineY - Math.round(SIZES.eventTitle * 0.32);
      parts.push(`<rect x="${lineX}" y="${strikeY}" width="${width}" height="4" fill="${COLOURS.text}"/>`);
    }
  });
  return { markup: parts.join(''), lines: wrapped.length };
}

/** One event row from `top`; answers its markup and the baseline of its last line. */
function row(
  line: ProgrammeLine,
  top: number,
  layout: Layout,
  label: string,
): { markup: string; bottom: number } {
  const right = layout.width - layout.margin;
  if (layout.dateColumn !== null) {
    const x = layout.margin + layout.dateColumn;
    const title = titleLines(line, x, top + 44, right - x, layout.eventTitleLines, label).markup;
    const markup = [
      text(
        layout.margin,
        top + 44,
        SIZES.date,
        'bold',
        COLOURS.accent,
        fitLine(line.date, SIZES.date, 'bold', layout.dateColumn - 24),
      ),
      text(
        layout.margin,
        top + 88,
        SIZES.time,
        'normal',
        COLOURS.text,
        fitLine(line.time, SIZES.time, 'normal', layout.dateColumn - 24),
      ),
      title,
      text(
        x,
        top + 88,
        SIZES.info,
        'normal',
        COLOURS.muted,
        fitLine(line.info, SIZES.info, 'normal', right - x),
      ),
    ].join('');
    return { markup, bottom: top + 88 };
  }
  const width = right - layout.margin;
  const title = titleLines(line, layout.margin, top + 100, width, layout.eventTitleLines, label);
  const infoY = top + 100 + (title.lines - 1) * LINE.title + 48;
  const markup = [
    text(
      layout.margin,
      top + 44,
      SIZES.date,
      'bold',
      COLOURS.accent,
      fitLine(`${line.date} · ${line.time}`, SIZES.date, 'bold', width),
    ),
    title.markup,
    text(
      layout.margin,
      infoY,
      SIZES.info,
      'normal',
      COLOURS.muted,
      fitLine(line.info, SIZES.info, 'normal', width),
    ),
  ].join('');
  return { markup, bottom: infoY };
}

/** Lays out rows from `top` while they fit above the footer; answers the markup and how many fit. */
function rows(
  programme: Programme,
  top: number,
  layout: Layout,
  label: string,
): { markup: string[]; shown: number } {
  const markup: string[] = [];
  let cursor = top;
  for (const line of programme.lines) {
    const placed = row(line, cursor, layout, label);
    if (placed.bottom > layout.listBottom) break;
    markup.push(placed.markup);
    cursor = placed.bottom + layout.rowGap;
  }
  return { markup, shown: markup.length };
}

/**
 * The programme as an SVG of the orientation's full-HD size, in the bundled DejaVu Sans, every
 * text escaped. Events that do not fit are counted in a "+ N more" footer. Answers how many
 * events are shown, for the alt text.
 */
export function programmeSvg(
  programme: Programme,
  orientation: ProgrammeOrientation,
): { svg: string; shown: number } {
  const layout = LAYOUTS[orientation];
  const phrases = PROGRAMME_PHRASES[programme.language];
  const width = layout.width - 2 * layout.margin;
  const titles = wrapLines(programme.campaignTitle, SIZES.title, 'bold', width, layout.titleLines);
  const ruleY = layout.titleY + (titles.length - 1) * LINE.heading + 36;
  const list = rows(programme, ruleY + 34, layout, phrases.cancelled);
  const hidden = programme.lines.length - list.shown;
  const footerText = [hidden > 0 ? phrases.more(hidden) : null, programme.footer].filter(Boolean).join(' · ');
  const footer = footerText ? wrapLines(footerText, SIZES.footer, 'normal', width, layout.footerLines) : [];
  const body = [
    `<rect width="${layout.width}" height="${layout.height}" fill="${COLOURS.ground}"/>`,
    text(
      layout.margin,
      layout.headingY,
      SIZES.heading,
      'normal',
      COLOURS.accent,
      fitLine(programme.heading, SIZES.heading, 'normal', width),
    ),
    ...titles.map((title, index) =>
      text(layout.margin, layout.titleY + index * LINE.heading, SIZES.title, 'bold', COLOURS.text, title),
    ),
    `<rect x="${layout.margin}" y="${ruleY}" width="${width}" height="3" fill="${COLOURS.rule}"/>`,
    ...list.markup,
    ...footer.map((content, index) =>
      text(
        layout.margin,
        layout.footerY + index * LINE.footer,
        SIZES.footer,
        'normal',
        COLOURS.muted,
        content,
      ),
    ),
  ];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" ` +
    `font-family="${BUNDLED_FONT_FAMILY}" lang="${programme.language}">${body.join('')}</svg>`;
  return { svg, shown: list.shown };
}
