import { compileWindow, timeIsOpen } from './compiled-window.js';
import { DAY_MS, type LocalDay, localDayOf, MINUTE_MS } from './local-calendar.js';
import type { Window } from './window-schema.js';
import { wallClockAt, zoneNamed } from './zone-clock.js';

/**
 * One instant read in one zone, worked out once so that many windows can be checked against it
 * with plain comparisons (the scheduler checks thousands of slides per screen and instant).
 */
export interface LocalMoment extends LocalDay {
  /** The IANA zone the moment was read in. */
  readonly zone: string;
  /** The instant, in epoch milliseconds. */
  readonly instant: number;
  /**
   * Minutes since local midnight by the wall clock so far (see zone-clock.ts); fractional only
   * during the second pass of a repeated hour, where it reads just below the hour's end.
   */
  readonly minutes: number;
  /** The local day before, which owns the night part of a time of day that crosses midnight. */
  readonly previousDay: LocalDay;
}

/** Moments of the same instant in other zones, for windows pinned to a zone of their own. */
const otherZones = new WeakMap<LocalMoment, Map<string, LocalMoment>>();

/** Reads an instant in a zone once (two luxon offset look-ups) for use with isOpenAtLocal. */
export function localMomentOf(instant: Date | number, zone: string): LocalMoment {
  const epochMs = typeof instant === 'number' ? instant : instant.getTime();
  const wall = wallClockAt(epochMs, zoneNamed(zone));
  const dayNumber = Math.floor(wall / DAY_MS);
  return {
    ...localDayOf(dayNumber),
    zone,
    instant: epochMs,
    minutes: (wall - dayNumber * DAY_MS) / MINUTE_MS,
    previousDay: localDayOf(dayNumber - 1),
  };
}

/** The same instant read in another zone, computed once per moment and zone. */
function momentInZone(moment: LocalMoment, zone: string): LocalMoment {
  if (zone === moment.zone) return moment;
  let byZone = otherZones.get(moment);
  if (byZone === undefined) {
    byZone = new Map();
    otherZones.set(moment, byZone);
  }
  let other = byZone.get(zone);
  if (other === undefined) {
    other = localMomentOf(moment.instant, zone);
    byZone.set(zone, other);
  }
  return other;
}

/**
 * Whether a window is open at a precomputed moment: comparisons only, except that a window pinned
 * to a zone other than the moment's reads the instant in that zone once per moment.
 */
export function isOpenAtLocal(window: Window, moment: LocalMoment): boolean {
  const compiled = compileWindow(window);
  const local = compiled.timeZone === undefined ? moment : momentInZone(moment, compiled.timeZone);
  return timeIsOpen(compiled, local.minutes, local, local.previousDay);
}
