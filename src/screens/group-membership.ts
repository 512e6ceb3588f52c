import { and, arrayOverlaps, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { screenGroups, type ScreenGroupRule, screens } from './schema.js';

/**
 * Which screens a group holds. Static groups list them; a dynamic group holds every screen in its
 * own region (all screens for a national group) that meets each non-empty criterion of its rule:
 * a tag in common, its chain listed, its county listed, its municipality listed. The same rule is
 * written twice, in memory for manifests and in SQL for lists; the tests hold them to each other.
 */

/** A dynamic group as membership needs it. */
export interface DynamicGroup {
  id: string;
  rule: ScreenGroupRule;
  countyCode: string | null;
  municipalityCode: string | null;
}

/** The parts of a screen that decide dynamic membership. */
export interface GroupableScreen {
  countyCode: string;
  municipalityCode: string;
  chain: string | null;
  tags: readonly string[];
}

function listed(values: readonly string[] | undefined): values is readonly string[] {
  return values !== undefined && values.length > 0;
}

/** Whether a dynamic group holds the screen. */
export function dynamicGroupHolds(group: DynamicGroup, screen: GroupableScreen): boolean {
  if (group.municipalityCode !== null && group.municipalityCode !== screen.municipalityCode) return false;
  if (group.countyCode !== null && group.countyCode !== screen.countyCode) return false;
  const { tags, chains, countyCodes, municipalityCodes } = group.rule;
  if (listed(tags) && !screen.tags.some((tag) => tags.includes(tag))) return false;
  if (listed(chains) && (screen.chain === null || !chains.includes(screen.chain))) return false;
  if (listed(countyCodes) && !countyCodes.includes(screen.countyCode)) return false;
  if (listed(municipalityCodes) && !municipalityCodes.includes(screen.municipalityCode)) return false;
  return true;
}

/** Every group of a screen: its static memberships plus the dynamic groups that hold it, sorted. */
export function groupsOfScreen(
  screen: GroupableScreen,
  staticGroupIds: readonly string[],
  dynamicGroups: readonly DynamicGroup[],
): string[] {
  const ids = new Set(staticGroupIds);
  for (const group of dynamicGroups) if (dynamicGroupHolds(group, screen)) ids.add(group.id);
  return [...ids].sort();
}

/** The SQL condition on `screens` equivalent to dynamicGroupHolds. */
export function dynamicGroupCondition(group: DynamicGroup): SQL {
  const conditions: SQL[] = [];
  if (group.municipalityCode !== null) conditions.push(eq(screens.municipalityCode, group.municipalityCode));
  if (group.countyCode !== null) conditions.push(eq(screens.countyCode, group.countyCode));
  const { tags, chains, countyCodes, municipalityCodes } = group.rule;
  if (listed(tags)) conditions.push(arrayOverlaps(screens.tags, [...tags]));
  if (listed(chains)) conditions.push(inArray(screens.chain, [...chains]));
  if (listed(countyCodes)) conditions.push(inArray(screens.countyCode, [...countyCodes]));
  if (listed(municipalityCodes)) conditions.push(inArray(screens.municipalityCode, [...municipalityCodes]));
  return conditions.length > 0 ? (and(...conditions) as SQL) : sql`true`;
}

/** The dynamic groups of a row set, in the shape membership needs. */
export function toDynamicGroups(rows: Array<typeof screenGroups.$inferSelect>): DynamicGroup[] {
  return rows
    .filter((row) => row.kind === 'dynamic')
    .map((row) => ({ id: row.id, rule: row.rule ?? {}, countyCode: row.countyCode, municipalityCode: row.municipalityCode }));
}
