import type { Tier } from './types.js';

/** What loop composition needs to know about an item. */
export interface LoopEntry {
  slideId: string;
  tier: Tier;
  position: number;
  durationSeconds: number;
  locked: boolean;
}

/** The fields that decide playlist order. */
export type OrderKey = Pick<LoopEntry, 'slideId' | 'tier' | 'position'>;

export interface LoopPolicy {
  nationalShare: number;
  maxLoopSeconds: number;
}

export interface ComposedLoop<T> {
  items: T[];
  loopSeconds: number;
  nationalSeconds: number;
}

const TIER_RANK: Record<Tier, number> = { national: 0, county: 1, local: 2 };
// Durations may be fractional; comparisons of sums tolerate rounding noise.
const EPSILON = 1e-9;
// Beyond this many national passes a loop is far past any sensible cap; it also keeps k an exact integer.
const MAX_REPETITIONS = 1_000_000;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Playlist order: tier (national first), then position, then id; never input order. */
export function compareEntries(a: OrderKey, b: OrderKey): number {
  return TIER_RANK[a.tier] - TIER_RANK[b.tier] || a.position - b.position || compareIds(a.slideId, b.slideId);
}

/** Which lower-tier entry goes first when the loop is too long: local, unlocked, later position. */
function compareDropOrder(a: LoopEntry, b: LoopEntry): number {
  return (
    TIER_RANK[b.tier] - TIER_RANK[a.tier] ||
    Number(a.locked) - Number(b.locked) ||
    b.position - a.position ||
    compareIds(b.slideId, a.slideId)
  );
}

/**
 * How many times the national set (a seconds) must play so that it is at least `share` of a loop
 * that also holds b seconds of lower tiers: the smallest k >= 1 with a·k >= share·(a·k + b).
 * Infinity when that takes more than MAX_REPETITIONS passes (a share of 1, or just below it),
 * which no loop cap allows anyway.
 */
export function nationalRepetitions(a: number, b: number, share: number): number {
  if (b <= 0 || share <= 0) return 1;
  if (share >= 1 || a <= 0) return Number.POSITIVE_INFINITY;
  const holds = (k: number) => a * k + EPSILON >= share * (a * k + b);
  let k = Math.max(1, Math.ceil((share * b) / (a * (1 - share))));
  if (!(k <= MAX_REPETITIONS)) return Number.POSITIVE_INFINITY;
  while (!holds(k)) {
    if (++k > MAX_REPETITIONS) return Number.POSITIVE_INFINITY;
  }
  while (k > 1 && holds(k - 1)) k--;
  return k;
}

/** Merges two ordered lists so each is spread evenly over the result (ties: first list first). */
export function mergeEvenly<T>(first: readonly T[], second: readonly T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    // Item i of a list of n sits at (i + 0.5) / n; compare cross-multiplied to stay exact.
    const takeFirst =
      j >= second.length || (i < first.length && (2 * i + 1) * second.length <= (2 * j + 1) * first.length);
    merged.push(takeFirst ? (first[i++] as T) : (second[j++] as T));
  }
  return merged;
}

/**
 * Places `lower` items into the gaps after each of the `national` items, Bresenham style: gap i
 * gets ⌊(i+1)·m/n⌋ − ⌊i·m/n⌋ items, so gap sizes differ by at most one and, cyclically, no run of
 * lower-tier items is longer than ⌈m/n⌉ (no two adjacent when m <= n).
 */
export function interleave<T>(national: readonly T[], lower: readonly T[]): T[] {
  const n = national.length;
  const m = lower.length;
  if (n === 0) return [...lower];
  const result: T[] = [];
  let taken = 0;
  for (let i = 0; i < n; i++) {
    result.push(national[i] as T);
    const until = Math.floor(((i + 1) * m) / n);
    while (taken < until) result.push(lower[taken++] as T);
  }
  return result;
}

function sumDurations(entries: readonly LoopEntry[]): number {
  let total = 0;
  for (const entry of entries) total += entry.durationSeconds;
  return total;
}

/**
 * Builds one loop: national entries repeated until they hold `nationalShare` of the time, county
 * and local entries spread between them; when the loop would exceed `maxLoopSeconds`, lower-tier
 * entries are dropped (see compareDropOrder) but never a national one, and never the last entry.
 */
export function composeLoop<T extends LoopEntry>(entries: readonly T[], policy: LoopPolicy): ComposedLoop<T> {
  const sorted = [...entries].sort(compareEntries);
  const national = sorted.filter((entry) => entry.tier === 'national');
  const a = sumDurations(national);
  const kept = new Set(sorted.filter((entry) => entry.tier !== 'national'));
  let b = sumDurations([...kept]);
  const loopLength = () => {
    if (national.length === 0) return b;
    return a * nationalRepetitions(a, b, policy.nationalShare) + b;
  };
  const dropOrder = [...kept].sort(compareDropOrder);
  for (const entry of dropOrder) {
    if (loopLength() <= policy.maxLoopSeconds + EPSILON) break;
    if (national.length === 0 && kept.size === 1) break;
    kept.delete(entry);
    b -= entry.durationSeconds;
  }
  const lower = sorted.filter((entry) => kept.has(entry));
  // Re-summed rather than taken from the running total, so that rounding never accumulates.
  b = sumDurations(lower);
  const repetitions = national.length === 0 ? 0 : nationalRepetitions(a, b, policy.nationalShare);
  const nationalSequence: T[] = [];
  for (let k = 0; k < repetitions; k++) nationalSequence.push(...national);
  const lowerSequence = mergeEvenly(
    lower.filter((entry) => entry.tier === 'county'),
    lower.filter((entry) => entry.tier === 'local'),
  );
  const items = interleave(nationalSequence, lowerSequence);
  return { items, loopSeconds: a * repetitions + b, nationalSeconds: a * repetitions };
}
