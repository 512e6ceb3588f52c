import { IANAZone } from 'luxon';
import { MINUTE_MS } from './local-calendar.js';

/**
 * The one bridge between real instants and local wall time. All offsets come from luxon's zone
 * data; nothing here knows what a zone's offset "usually" is.
 *
 * Wall time is not a function you can invert: at spring forward an hour of wall time never
 * happens, and at fall back an hour happens twice. The window engine therefore reads local time
 * as the *wall clock so far*: the latest wall time the zone has shown up to an instant. That
 * reading never goes backwards, so
 *
 * - a wall time in the gap (02:30 on 2027-03-28 in Stockholm) is first reached at the first valid
 *   instant after the gap (03:00 CEST), which is where a window boundary there lands;
 * - a wall time in the repeated hour (02:30 on 2026-10-25) is reached at its first occurrence, and
 *   during the second pass of that hour the clock reads "just before 03:00": a window that ended at
 *   02:30 does not reopen, and one running through 03:00 has no hole.
 *
 * A window is open at instant t exactly when this reading falls inside one of its local spans, so
 * the fast per-instant check and the interval arithmetic agree by construction.
 */

const zones = new Map<string, IANAZone>();

/** How far back a fall-back can still shadow the wall clock; real transitions are 30 min to 2 h. */
const FALL_BACK_REACH_MS = 6 * 3_600_000;
/** Wider than any UTC offset, so instants this far from a wall time bracket it. */
const OFFSET_REACH_MS = 18 * 3_600_000;

/** The cached luxon zone for an IANA name; throws on an unknown zone (schemas reject them first). */
export function zoneNamed(name: string): IANAZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new RangeError(`unknown IANA time zone: ${name}`);
    zones.set(name, zone);
  }
  return zone;
}

const offsetMs = (zone: IANAZone, instant: number): number => zone.offset(instant) * MINUTE_MS;

/**
 * Answers remembered per zone. Each luxon offset look-up formats a date through Intl (microseconds),
 * and windows share few boundaries (mostly local midnights), so a screen's many windows hit these.
 */
const MEMO_LIMIT = 10_000;
type Memo = WeakMap<IANAZone, Map<number, number>>;
const wallClockMemo: Memo = new WeakMap();
const reachingMemo: Memo = new WeakMap();

function remembered(memo: Memo, zone: IANAZone, key: number, compute: () => number): number {
  let answers = memo.get(zone);
  if (answers === undefined) {
    answers = new Map();
    memo.set(zone, answers);
  }
  let answer = answers.get(key);
  if (answer === undefined) {
    if (answers.size >= MEMO_LIMIT) answers.clear();
    answer = compute();
    answers.set(key, answer);
  }
  return answer;
}

/** First instant in (after, upTo] whose offset differs from the offset at `after` (one transition assumed). */
function transitionAfter(zone: IANAZone, after: number, upTo: number): number {
  const before = zone.offset(after);
  let lo = after;
  let hi = upTo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The wall clock so far at an instant, as local milliseconds (see the module comment). */
export function wallClockAt(instant: number, zone: IANAZone): number {
  return remembered(wallClockMemo, zone, instant, () => readWallClock(instant, zone));
}

function readWallClock(instant: number, zone: IANAZone): number {
  const now = offsetMs(zone, instant);
  const earlier = offsetMs(zone, instant - FALL_BACK_REACH_MS);
  const local = instant + now;
  if (earlier <= now) return local;
  // The clock went back by `drop`; once that much real time has passed, it has caught up again.
  const drop = earlier - now;
  if (offsetMs(zone, instant - drop) === now) return local;
  const fallBack = transitionAfter(zone, instant - drop, instant);
  // The last millisecond before the fall-back showed the highest wall time so far.
  return Math.max(local, fallBack - 1 + earlier);
}

/** The first instant at which the wall clock reads `localMs` or later. */
export function firstInstantReaching(localMs: number, zone: IANAZone): number {
  return remembered(reachingMemo, zone, localMs, () => findFirstInstantReaching(localMs, zone));
}

function findFirstInstantReaching(localMs: number, zone: IANAZone): number {
  const offsetBefore = offsetMs(zone, localMs - OFFSET_REACH_MS);
  const offsetAfter = offsetMs(zone, localMs + OFFSET_REACH_MS);
  // No change near this wall time (the usual case), so it maps to exactly one instant.
  if (offsetBefore === offsetAfter) return localMs - offsetBefore;
  const candidates = [localMs - offsetBefore, localMs - offsetAfter].filter(
    (instant) => instant + offsetMs(zone, instant) === localMs,
  );
  // Both valid: the wall time happens twice and its first occurrence counts.
  if (candidates.length > 0) return Math.min(...candidates);
  // Neither valid: the wall time falls in a spring-forward gap; the clock reaches it when the gap ends.
  const lo = Math.min(localMs - offsetBefore, localMs - offsetAfter);
  const hi = Math.max(localMs - offsetBefore, localMs - offsetAfter);
  return transitionAfter(zone, lo, hi);
}
