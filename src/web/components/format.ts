import type { UiLanguage } from '../i18n.js';

const ZONE = 'Europe/Stockholm';
const LOCALE: Record<UiLanguage, string> = { sv: 'sv-SE', en: 'en-GB' };
// Past this, a window's end is the search horizon of an "always" window, not a real last day.
const FAR_FUTURE_MS = 700 * 86_400_000;

/** A date in words in Swedish local time ("16 december 2026"). */
export function formatDate(value: Date | string, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: ZONE }).format(new Date(value));
}

/** A date and time in Swedish local time ("16 december 2026 10:00"). */
export function formatDateTime(value: Date | string, lang: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ZONE,
  }).format(new Date(value));
}

/** A whole number with the language's digit grouping ("1 000" / "1,000"). */
export function formatNumber(value: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(value);
}

/** A file size people read at a glance ("4,2 MB"). */
export function formatBytes(bytes: number, lang: UiLanguage): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * The last open day of a window whose open period ends (exclusively) at `closesAt`, or null when
 * the end is only the evaluation horizon (an open-ended window has no last day to show).
 */
export function lastOpenDay(closesAt: Date | string | null, now: Date): Date | null {
  if (!closesAt) return null;
  const end = new Date(closesAt).getTime();
  if (end - now.getTime() > FAR_FUTURE_MS) return null;
  return new Date(end - 1);
}
