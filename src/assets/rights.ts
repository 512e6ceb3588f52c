import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../windows/window-schema.js';

/**
 * The instant an asset's rights run out: the end of its expiry date in Swedish local time (rights
 * are agreed as "through 31 December"), or null when they never do.
 */
export function rightsEndInstant(rightsExpiry: string | null): Date | null {
  if (!rightsExpiry) return null;
  return DateTime.fromISO(rightsExpiry, { zone: DEFAULT_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Whether an asset may still be shown or handed out at an instant. */
export function rightsAreValid(rightsExpiry: string | null, at: Date): boolean {
  const end = rightsEndInstant(rightsExpiry);
  return end === null || at.getTime() < end.getTime();
}

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * How long a response may be cached: a year for immutable media, but never past the rights'
 * end, so no CDN or browser keeps serving artwork we may no longer show.
 */
export function cacheSecondsFor(rightsExpiry: string | null, at: Date): number {
  const end = rightsEndInstant(rightsExpiry);
  if (!end) return ONE_YEAR_SECONDS;
  return Math.max(0, Math.min(ONE_YEAR_SECONDS, Math.floor((end.getTime() - at.getTime()) / 1000)));
}
