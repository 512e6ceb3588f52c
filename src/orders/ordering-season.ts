import { DateTime } from 'luxon';
import { currentOrNextInterval, DEFAULT_HORIZON_DAYS, isOpenAt, windowZone } from '../windows/evaluate.js';
import type { Window } from '../windows/window-schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether ordering is possible at an instant, and which season an order then belongs to. */
export type OrderingState =
  | { open: true; seasonKey: string; closesAt: Date }
  | { open: false; reason: 'no_ordering_window' | 'closed'; nextOpensAt: Date | null };

/**
 * The ordering state of a campaign at an instant. Pure: the instant is a parameter.
 *
 * The season is the current occurrence of the window's date spans (weekday and time-of-day rules
 * left out, so a window open only on weekdays still has one season from 15 Dec to 31 Mar), and
 * its key is the local start date: "2026-12-15". Quotas count within one season.
 */
export function orderingStateAt(window: Window | null, at: Date): OrderingState {
  if (!window) return { open: false, reason: 'no_ordering_window', nextOpensAt: null };
  const current = currentOrNextInterval(window, at);
  if (!current || current.start.getTime() > at.getTime() || !isOpenAt(window, at)) {
    return { open: false, reason: 'closed', nextOpensAt: current?.start ?? null };
  }
  return { open: true, seasonKey: seasonKeyAt(window, at), closesAt: current.end };
}

/** The season key of the date-span occurrence containing `at` ("always" for endless windows). */
export function seasonKeyAt(window: Window, at: Date): string {
  const dateSpansOnly: Window = {
    spans: window.spans,
    ...(window.timeZone ? { timeZone: window.timeZone } : {}),
  };
  const season = currentOrNextInterval(dateSpansOnly, at);
  if (!season) return 'always';
  // A start clipped at the search horizon means the season has no start of its own (always open).
  const clipped = season.start.getTime() <= at.getTime() - (DEFAULT_HORIZON_DAYS - 1) * DAY_MS;
  if (clipped) return 'always';
  return DateTime.fromJSDate(season.start, { zone: windowZone(window) }).toISODate() ?? 'always';
}
