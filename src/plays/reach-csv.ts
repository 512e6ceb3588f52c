import type { ReachRow } from './reach-service.js';

const HEADER = [
  'day',
  'county_code',
  'county_name',
  'municipality_code',
  'municipality_name',
  'plays',
  'screen_hours',
  'screens',
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Reach rows as CSV: a header row, CRLF line ends, UTF-8 with a byte-order mark because the
 * people who open it mostly use Excel, which otherwise garbles å, ä and ö.
 */
export function formatReachCsv(rows: readonly ReachRow[]): string {
  const lines = [
    HEADER,
    ...rows.map((row) => [
      row.day,
      row.countyCode,
      row.countyName,
      row.municipalityCode,
      row.municipalityName,
      row.plays,
      row.screenHours,
      row.screens,
    ]),
  ];
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}
