import { BUNDLED_FONT_FAMILY } from '../media/fonts.js';
import type { Programme, ProgrammeLine } from './programme.js';
import { isolateIn } from './programme-bidi.js';
import {
  box,
  COLOURS,
  escapeXml,
  LAYOUTS,
  type Layout,
  MAX_DATE_COLUMN,
  type Page,
  type ProgrammeOrientation,
  SIZES,
  text,
} from './programme-svg-parts.js';
import { PROGRAMME_PHRASES } from './programme-words.js';
import { fitLine, measureText, wrapLines } from './text-measure.js';

export { escapeXml, type ProgrammeOrientation };

/** Bump when the layout changes, so every programme slide is rendered anew. */
export const PROGRAMME_TEMPLATE_VERSION = 2;

/** The "INSTÄLLT" badge at inline offset `inline` (baseline y); answers its markup and width. */
function badge(page: Page, inline: number, y: number): { markup: string; width: number } {
  const label = page.cancelledLabel;
  const width = Math.ceil(measureText(label, SIZES.badge, 'bold')) + 28;
  const height = SIZES.badge + 16;
  const markup =
    box(page, inline, y - SIZES.badge - 4, width, height, COLOURS.text, 6) +
    text(page, inline + 14, y, SIZES.badge, 'bold', COLOURS.ground, label);
  return { markup, width };
}

const LINE = { title: SIZES.eventTitle + 10, heading: SIZES.title + 8, footer: SIZES.footer + 14 };

/** Content lines (titles) keep their own direction inside a right-to-left slide. */
function contentLine(page: Page, content: string): string {
  return isolateIn(page.direction, content);
}

/** The title lines of an event: the cancelled badge first, the words after it struck through. */
function titleLines(
  page: Page,
  line: ProgrammeLine,
  inline: number,
  y: number,
  maxWidth: number,
  maxLines: number,
): { markup: string; lines: number } {
  const parts: string[] = [];
  let start = inline;
  if (line.cancelled) {
    const mark = badge(page, inline, y);
    parts.push(mark.markup);
    start = inline + mark.width + 20;
  }
  const first = maxWidth - (start - inline);
  const wrapped =
    maxLines === 1
      ? [fitLine(line.title, SIZES.eventTitle, 'bold', first)]
      : wrapLines(line.title, SIZES.eventTitle, 'bold', first, maxLines);
  wrapped.forEach((content, index) => {
    const lineStart = index === 0 ? start : inline;
    const lineY = y + index * LINE.title;
    parts.push(
      text(page, lineStart, lineY, SIZES.eventTitle, 'bold', COLOURS.text, contentLine(page, content)),
    );
    if (line.cancelled) {
      const width = Math.round(measureText(content, SIZES.eventTitle, 'bold'));
      const strikeY = lineY - Math.round(SIZES.eventTitle * 0.32);
      parts.push(box(page, lineStart, strikeY, width, 4, COLOURS.text));
    }
  });
  return { markup: parts.join(''), lines: wrapped.length };
}

/** One event row from `top`; answers its markup and the baseline of its last line. */
function row(page: Page, line: ProgrammeLine, top: number): { markup: string; bottom: number } {
  const { layout } = page;
  const end = layout.width - layout.margin;
  if (page.dateColumn !== null) {
    const inline = layout.margin + page.dateColumn;
    const column = page.dateColumn - 24;
    const markup = [
      text(
        page,
        layout.margin,
        top + 44,
        SIZES.date,
        'bold',
        COLOURS.accent,
        fitLine(line.date, SIZES.date, 'bold', column),
      ),
      text(
        page,
        layout.margin,
        top + 88,
        SIZES.time,
        'normal',
        COLOURS.text,
        fitLine(line.time, SIZES.time, 'normal', column),
      ),
      titleLines(page, line, inline, top + 44, end - inline, layout.eventTitleLines).markup,
      text(
        page,
        inline,
        top + 88,
        SIZES.info,
        'normal',
        COLOURS.muted,
        fitLine(line.info, SIZES.info, 'normal', end - inline),
      ),
    ].join('');
    return { markup, bottom: top + 88 };
  }
  const width = end - layout.margin;
  const title = titleLines(page, line, layout.margin, top + 100, width, layout.eventTitleLines);
  const infoY = top + 100 + (title.lines - 1) * LINE.title + 48;
  const when = fitLine(`${line.date} · ${line.time}`, SIZES.date, 'bold', width);
  const markup = [
    text(page, layout.margin, top + 44, SIZES.date, 'bold', COLOURS.accent, when),
    title.markup,
    text(
      page,
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
function rows(page: Page, programme: Programme, top: number): { markup: string[]; shown: number } {
  const markup: string[] = [];
  let cursor = top;
  for (const line of programme.lines) {
    const placed = row(page, line, cursor);
    if (placed.bottom > page.layout.listBottom) break;
    markup.push(placed.markup);
    cursor = placed.bottom + page.layout.rowGap;
  }
  return { markup, shown: markup.length };
}

/**
 * The landscape date column: 400 px, wider (up to 560) when the programme's dates or times need
 * it, as easy Swedish ("onsdag 25 november") and Arabic-script dates do, so they are not cut.
 */
function dateColumnOf(programme: Programme, layout: Layout): number | null {
  if (layout.dateColumn === null) return null;
  const widest = Math.max(
    0,
    ...programme.lines.flatMap((line) => [
      measureText(line.date, SIZES.date, 'bold'),
      measureText(line.time, SIZES.time, 'normal'),
    ]),
  );
  return Math.min(MAX_DATE_COLUMN, Math.max(layout.dateColumn, Math.ceil(widest) + 24));
}

/**
 * The programme as an SVG of the orientation's full-HD size, in the bundled DejaVu Sans, every
 * text escaped. Right-to-left languages (Arabic, Persian) are laid out mirrored, every text
 * anchored at the right. Events that do not fit are counted in a "+ N more" footer. Answers how
 * many events are shown, for the alt text.
 */
export function programmeSvg(
  programme: Programme,
  orientation: ProgrammeOrientation,
): { svg: string; shown: number } {
  const layout = LAYOUTS[orientation];
  const phrases = PROGRAMME_PHRASES[programme.language];
  const page: Page = {
    layout,
    direction: programme.direction,
    dateColumn: dateColumnOf(programme, layout),
    cancelledLabel: phrases.cancelled,
  };
  const width = layout.width - 2 * layout.margin;
  const titles = wrapLines(programme.campaignTitle, SIZES.title, 'bold', width, layout.titleLines);
  const ruleY = layout.titleY + (titles.length - 1) * LINE.heading + 36;
  const list = rows(page, programme, ruleY + 34);
  const hidden = programme.lines.length - list.shown;
  const footerText = [hidden > 0 ? phrases.more(hidden) : null, programme.footer].filter(Boolean).join(' · ');
  const footer = footerText ? wrapLines(footerText, SIZES.footer, 'normal', width, layout.footerLines) : [];
  const heading = fitLine(programme.heading, SIZES.heading, 'normal', width);
  const body = [
    `<rect width="${layout.width}" height="${layout.height}" fill="${COLOURS.ground}"/>`,
    text(page, layout.margin, layout.headingY, SIZES.heading, 'normal', COLOURS.accent, heading),
    ...titles.map((title, index) =>
      text(
        page,
        layout.margin,
        layout.titleY + index * LINE.heading,
        SIZES.title,
        'bold',
        COLOURS.text,
        contentLine(page, title),
      ),
    ),
    box(page, layout.margin, ruleY, width, 3, COLOURS.rule),
    ...list.markup,
    ...footer.map((content, index) =>
      text(
        page,
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
