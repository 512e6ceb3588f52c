import type { Child } from 'hono/jsx';
import type { Tier } from '../../schedule/types.js';
import type { UiLanguage } from '../i18n.js';

/*
 * Inline SVG charts that read without colour: every series has its own fill pattern and a direct
 * text label, each chart has <title> and <desc>, and every chart sits beside a data table.
 */

/** Fill patterns, one per series: solid, diagonal hatching, dots, cross-hatching. */
export const PATTERNS = ['solid', 'hatch', 'dots', 'cross'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The pattern a tier is drawn with. */
export const TIER_PATTERN: Record<Tier, Pattern> = { national: 'solid', county: 'hatch', local: 'dots' };

/** A tier in words. */
export function tierName(tier: Tier, lang: UiLanguage): string {
  const names: Record<Tier, [string, string]> = {
    national: ['nationell', 'national'],
    county: ['län', 'county'],
    local: ['lokal', 'local'],
  };
  return names[tier][lang === 'sv' ? 0 : 1];
}

/** "A county campaign" in words, for legends. */
export function tierCampaignName(tier: Tier, lang: UiLanguage): string {
  const names: Record<Tier, [string, string]> = {
    national: ['Nationell kampanj', 'National campaign'],
    county: ['Länskampanj', 'County campaign'],
    local: ['Lokal kampanj', 'Local campaign'],
  };
  return names[tier][lang === 'sv' ? 0 : 1];
}

/** The <defs> with the fill patterns; ids are prefixed so several charts can share a page. */
export function PatternDefs(props: { id: string }) {
  const ink = '#3d1a63';
  return (
    <defs>
      <pattern id={`${props.id}-solid`} width="4" height="4" patternUnits="userSpaceOnUse">
        <rect width="4" height="4" fill={ink} />
      </pattern>
      <pattern
        id={`${props.id}-hatch`}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill="#ffffff" />
        <rect width="3" height="6" fill={ink} />
      </pattern>
      <pattern id={`${props.id}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffffff" />
        <circle cx="3" cy="3" r="1.6" fill={ink} />
      </pattern>
      <pattern id={`${props.id}-cross`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#ffffff" />
        <path d="M0 0L6 6M6 0L0 6" stroke={ink} stroke-width="1.2" />
      </pattern>
    </defs>
  );
}

/**
 * A chart frame: role img, its title and description, the patterns, then the drawing. On a narrow
 * screen the chart keeps a readable size and scrolls sideways in its own focusable region.
 */
export function Chart(props: {
  id: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  children: Child;
}) {
  return (
    <section class="chart-scroll" tabindex={0} aria-label={props.title}>
      <svg
        class="chart"
        viewBox={`0 0 ${props.width} ${props.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        <PatternDefs id={props.id} />
        {props.children}
      </svg>
    </section>
  );
}

/** A legend below a chart: each pattern as a swatch with its name. */
export function Legend(props: { id: string; items: Array<{ pattern: Pattern; label: string }> }) {
  return (
    <ul class="legend">
      {props.items.map((item) => (
        <li>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <PatternDefs id={`${props.id}-${item.pattern}-swatch`} />
            <rect
              x="1"
              y="1"
              width="16"
              height="16"
              fill={`url(#${props.id}-${item.pattern}-swatch-${item.pattern})`}
              stroke="#1b1b1f"
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export interface BarSeries {
  label: string;
  pattern: Pattern;
  values: number[];
}

/**
 * Grouped vertical bars over categories (days), each bar labelled with its value and each series
 * drawn with its own pattern (named in a Legend beside the chart).
 */
export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  categories: string[];
  series: BarSeries[];
  lang: UiLanguage;
}) {
  const width = 720;
  const height = 280;
  const left = 48;
  const bottom = 40;
  const top = 24;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...props.series.flatMap((series) => series.values));
  const groupWidth = plotWidth / Math.max(1, props.categories.length);
  const barWidth = Math.max(4, (groupWidth - 8) / Math.max(1, props.series.length));
  const number = new Intl.NumberFormat(props.lang === 'sv' ? 'sv-SE' : 'en-GB');
  return (
    <Chart id={props.id} width={width} height={height} title={props.title} desc={props.desc}>
      <line x1={left} y1={top + plotHeight} x2={width - 8} y2={top + plotHeight} stroke="#1b1b1f" />
      <text x={left - 6} y={top + 4} text-anchor="end">
        {number.format(max)}
      </text>
      <text x={left - 6} y={top + plotHeight} text-anchor="end">
        0
      </text>
      {props.categories.map((category, index) => (
        <text x={left + groupWidth * index + groupWidth / 2} y={height - bottom + 16} text-anchor="middle">
          {category}
        </text>
      ))}
      {props.series.map((series, seriesIndex) =>
        series.values.map((value, index) => {
          const barHeight = (value / max) * plotHeight;
          const x = left + groupWidth * index + 4 + barWidth * seriesIndex;
          const y = top + plotHeight - barHeight;
          return (
            <g>
              <rect
                x={x}
                y={y}
                width={barWidth - 2}
                height={Math.max(0, barHeight)}
                fill={`url(#${props.id}-${series.pattern})`}
                stroke="#1b1b1f"
                stroke-width="1"
              />
              <text x={x + (barWidth - 2) / 2} y={y - 4} text-anchor="middle" class="value">
                {number.format(value)}
              </text>
            </g>
          );
        }),
      )}
    </Chart>
  );
}

export interface StackedRow {
  label: string;
  segments: Array<{ value: number; pattern: Pattern }>;
  /** Said after the bar, e.g. "12 online, 3 silent". */
  text: string;
}

/** Horizontal stacked bars, one row per category, each with its numbers written after the bar. */
export function StackedBars(props: { id: string; title: string; desc: string; rows: StackedRow[] }) {
  const width = 720;
  const rowHeight = 26;
  const labelWidth = 190;
  const textWidth = 200;
  const height = rowHeight * props.rows.length + 8;
  const plotWidth = width - labelWidth - textWidth;
  const max = Math.max(
    1,
    ...props.rows.map((row) => row.segments.reduce((sum, segment) => sum + segment.value, 0)),
  );
  return (
    <Chart id={props.id} width={width} height={height} title={props.title} desc={props.desc}>
      {props.rows.map((row, index) => {
        const y = 4 + index * rowHeight;
        let x = labelWidth;
        const total = row.segments.reduce((sum, segment) => sum + segment.value, 0);
        return (
          <g>
            <text x={labelWidth - 6} y={y + 16} text-anchor="end">
              {row.label}
            </text>
            {row.segments.map((segment) => {
              const w = (segment.value / max) * plotWidth;
              const rect = (
                <rect
                  x={x}
                  y={y + 3}
                  width={Math.max(0, w)}
                  height={rowHeight - 8}
                  fill={`url(#${props.id}-${segment.pattern})`}
                  stroke="#1b1b1f"
                  stroke-width="1"
                />
              );
              x += w;
              return rect;
            })}
            <text x={labelWidth + (total / max) * plotWidth + 6} y={y + 16}>
              {row.text}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}
