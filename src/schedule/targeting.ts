import type { ScreenProfile, SlideTargeting } from './types.js';

/**
 * Targeting semantics (see SlideTargeting): every non-empty criterion must hold.
 * - region: `counties` and `municipalities` together; the screen's county is listed OR its
 *   municipality is listed. A screen without a county/municipality code never matches a region.
 * - groups, tags: any overlap with the screen's.
 * - chains: the screen's chain is listed (a screen without a chain never matches).
 * - orientation: equal to the screen's.
 */

/** Targeting with lists turned into sets (null = criterion absent), built once per slide. */
export interface CompiledTargeting {
  counties: ReadonlySet<string> | null;
  municipalities: ReadonlySet<string> | null;
  groups: ReadonlySet<string> | null;
  tags: ReadonlySet<string> | null;
  chains: ReadonlySet<string> | null;
  orientation: 'landscape' | 'portrait' | null;
}

function setOrNull(values: readonly string[] | undefined): ReadonlySet<string> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

/** Turns a slide's targeting lists into sets for repeated matching. */
export function compileTargeting(targeting: SlideTargeting): CompiledTargeting {
  return {
    counties: setOrNull(targeting.counties),
    municipalities: setOrNull(targeting.municipalities),
    groups: setOrNull(targeting.groups),
    tags: setOrNull(targeting.tags),
    chains: setOrNull(targeting.chains),
    orientation: targeting.orientation ?? null,
  };
}

function overlaps(wanted: ReadonlySet<string>, have: readonly string[]): boolean {
  for (const value of have) if (wanted.has(value)) return true;
  return false;
}

function regionMatches(targeting: CompiledTargeting, screen: ScreenProfile): boolean {
  if (!targeting.counties && !targeting.municipalities) return true;
  if (targeting.counties && screen.countyCode !== null && targeting.counties.has(screen.countyCode))
    return true;
  return (
    targeting.municipalities !== null &&
    screen.municipalityCode !== null &&
    targeting.municipalities.has(screen.municipalityCode)
  );
}

/** Whether a slide with this targeting reaches the screen. */
export function targetingMatches(targeting: CompiledTargeting, screen: ScreenProfile): boolean {
  if (targeting.orientation !== null && targeting.orientation !== screen.orientation) return false;
  if (!regionMatches(targeting, screen)) return false;
  if (targeting.groups && !overlaps(targeting.groups, screen.groups)) return false;
  if (targeting.tags && !overlaps(targeting.tags, screen.tags)) return false;
  if (targeting.chains && (screen.chain === null || !targeting.chains.has(screen.chain))) return false;
  return true;
}

/**
 * The index buckets a slide is filed under: one criterion, the most selective present (region,
 * then groups, then chains, then tags), or 'all'. A screen then only looks at the buckets of its
 * own keys, and `targetingMatches` checks the remaining criteria.
 */
export function bucketKeysOf(targeting: CompiledTargeting): string[] {
  if (targeting.counties || targeting.municipalities) {
    return [
      ...[...(targeting.counties ?? [])].map((code) => `county:${code}`),
      ...[...(targeting.municipalities ?? [])].map((code) => `municipality:${code}`),
    ];
  }
  if (targeting.groups) return [...targeting.groups].map((id) => `group:${id}`);
  if (targeting.chains) return [...targeting.chains].map((chain) => `chain:${chain}`);
  if (targeting.tags) return [...targeting.tags].map((tag) => `tag:${tag}`);
  return ['all'];
}

/** The bucket keys a screen looks up, matching `bucketKeysOf`. */
export function screenBucketKeys(screen: ScreenProfile): string[] {
  const keys = ['all'];
  if (screen.countyCode !== null) keys.push(`county:${screen.countyCode}`);
  if (screen.municipalityCode !== null) keys.push(`municipality:${screen.municipalityCode}`);
  for (const id of screen.groups) keys.push(`group:${id}`);
  if (screen.chain !== null) keys.push(`chain:${screen.chain}`);
  for (const tag of screen.tags) keys.push(`tag:${tag}`);
  return keys;
}
