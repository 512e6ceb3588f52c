import { and, eq, inArray } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { scopeCoversRegion } from '../accounts/scope.js';
import type { DbOrTx } from '../db/client.js';
import { screenGroupMembers, screenGroups } from './schema.js';

type GroupRow = typeof screenGroups.$inferSelect;

/** A screen's place, as static-group rules need it. */
export interface PlacedScreen {
  id: string;
  countyCode: string;
  municipalityCode: string;
}

export type MembershipOutcome = { ok: true } | { ok: false; reason: 'invalid_groups'; detail: string };

/** Whether a user may manage a group: coordinators (and admins) whose scope covers its region. */
export function userManagesGroup(user: SignedInUser, group: Pick<GroupRow, 'countyCode' | 'municipalityCode'>): boolean {
  return scopeCoversRegion(user, group);
}

/** Whether a user may see a group: national groups are visible to every coordinator. */
export function userSeesGroup(user: SignedInUser, group: Pick<GroupRow, 'countyCode' | 'municipalityCode'>): boolean {
  if (user.role !== 'admin' && user.role !== 'coordinator') return false;
  return (group.countyCode === null && group.municipalityCode === null) || userManagesGroup(user, group);
}

/** Whether a screen lies inside a group's region (a national group holds screens anywhere). */
export function groupRegionHolds(group: Pick<GroupRow, 'countyCode' | 'municipalityCode'>, screen: PlacedScreen): boolean {
  if (group.municipalityCode !== null && group.municipalityCode !== screen.municipalityCode) return false;
  return group.countyCode === null || group.countyCode === screen.countyCode;
}

/** Why a static group cannot take the screen from this user, or null when it can. */
function membershipProblem(user: SignedInUser, group: GroupRow | undefined, screen: PlacedScreen): string | null {
  if (!group || !userSeesGroup(user, group)) return 'no such group';
  if (group.kind !== 'static') return 'a dynamic group chooses its screens by its rule';
  if (!userManagesGroup(user, group)) return 'the group is outside your scope';
  if (!groupRegionHolds(group, screen)) return "the screen is outside the group's region";
  return null;
}

/**
 * Sets which of the static groups the user manages hold the screen; memberships in groups the
 * user cannot manage are left as they are. Refuses (writing nothing) a group that is unknown,
 * dynamic, outside the user's scope, or whose region does not hold the screen.
 */
export async function replaceStaticMemberships(
  tx: DbOrTx,
  user: SignedInUser,
  screen: PlacedScreen,
  groupIds: readonly string[],
): Promise<MembershipOutcome> {
  const wanted = groupIds.length
    ? await tx.select().from(screenGroups).where(inArray(screenGroups.id, [...groupIds]))
    : [];
  const byId = new Map(wanted.map((group) => [group.id, group]));
  for (const id of groupIds) {
    const problem = membershipProblem(user, byId.get(id), screen);
    if (problem) return { ok: false, reason: 'invalid_groups', detail: `Group ${id}: ${problem}.` };
  }
  const current = await tx
    .select({ group: screenGroups })
    .from(screenGroupMembers)
    .innerJoin(screenGroups, eq(screenGroups.id, screenGroupMembers.groupId))
    .where(eq(screenGroupMembers.screenId, screen.id));
  const leaving = current
    .map((row) => row.group)
    .filter((group) => userManagesGroup(user, group) && !byId.has(group.id))
    .map((group) => group.id);
  if (leaving.length) {
    await tx
      .delete(screenGroupMembers)
      .where(and(eq(screenGroupMembers.screenId, screen.id), inArray(screenGroupMembers.groupId, leaving)));
  }
  if (groupIds.length) {
    await tx
      .insert(screenGroupMembers)
      .values(groupIds.map((groupId) => ({ groupId, screenId: screen.id })))
      .onConflictDoNothing();
  }
  return { ok: true };
}
