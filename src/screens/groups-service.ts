import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode } from '../accounts/scope.js';
import type { Db, DbOrTx } from '../db/client.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import type { GroupPatch, NewGroup } from './group-schemas.js';
import { screenGroupMembers, screenGroups, screens } from './schema.js';
import { groupRegionHolds, userManagesGroup, userSeesGroup } from './screen-memberships.js';
import { userCoversScreen } from './screens-service.js';

export type GroupRow = typeof screenGroups.$inferSelect;
export type GroupWithCount = GroupRow & { memberCount: number | null };

export type GroupWriteResult =
  | { ok: true; group: GroupWithCount }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'invalid_screens' | 'wrong_kind'; detail: string };

async function withCounts(db: DbOrTx, rows: GroupRow[]): Promise<GroupWithCount[]> {
  const staticIds = rows.filter((row) => row.kind === 'static').map((row) => row.id);
  const counts = staticIds.length
    ? await db
        .select({ groupId: screenGroupMembers.groupId, n: count() })
        .from(screenGroupMembers)
        .where(inArray(screenGroupMembers.groupId, staticIds))
        .groupBy(screenGroupMembers.groupId)
    : [];
  const byId = new Map(counts.map((row) => [row.groupId, row.n]));
  return rows.map((row) => ({ ...row, memberCount: row.kind === 'static' ? (byId.get(row.id) ?? 0) : null }));
}

/** Groups the user can see (national ones and those in scope), by name. */
export async function listGroups(db: Db, user: SignedInUser): Promise<GroupWithCount[]> {
  const rows = await db.select().from(screenGroups).orderBy(asc(screenGroups.name), asc(screenGroups.id));
  return withCounts(db, rows.filter((row) => userSeesGroup(user, row)));
}

/** One group the user can see, or null. */
export async function findVisibleGroup(db: DbOrTx, user: SignedInUser, id: string): Promise<GroupWithCount | null> {
  const [row] = await db.select().from(screenGroups).where(eq(screenGroups.id, id)).limit(1);
  if (!row || !userSeesGroup(user, row)) return null;
  return (await withCounts(db, [row]))[0] ?? null;
}

/** Adds static members: each screen must exist in the user's scope and inside the group's region. */
async function addMembers(tx: DbOrTx, user: SignedInUser, group: GroupRow, screenIds: readonly string[]): Promise<GroupWriteResult | null> {
  const found = await tx
    .select({ id: screens.id, countyCode: screens.countyCode, municipalityCode: screens.municipalityCode })
    .from(screens)
    .where(inArray(screens.id, [...screenIds]));
  const byId = new Map(found.map((screen) => [screen.id, screen]));
  for (const id of screenIds) {
    const screen = byId.get(id);
    if (!screen || !userCoversScreen(user, screen)) return { ok: false, reason: 'invalid_screens', detail: `No such screen ${id}.` };
    if (!groupRegionHolds(group, screen)) return { ok: false, reason: 'invalid_screens', detail: `Screen ${id} is outside the group's region.` };
  }
  await tx.insert(screenGroupMembers).values(screenIds.map((screenId) => ({ groupId: group.id, screenId }))).onConflictDoNothing();
  return null;
}

/** Creates a group in a region the user manages (a national group needs national scope). */
export async function createGroup(db: Db, user: SignedInUser, input: NewGroup): Promise<GroupWriteResult> {
  const region = {
    countyCode: input.countyCode ?? (input.municipalityCode ? countyOfMunicipalityCode(input.municipalityCode) : null),
    municipalityCode: input.municipalityCode ?? null,
  };
  if (!userManagesGroup(user, region)) return { ok: false, reason: 'forbidden', detail: 'Your scope does not cover a group there.' };
  return writeWithScheduleChange(db, 'screens', async (tx): Promise<GroupWriteResult> => {
    const [row] = await tx
      .insert(screenGroups)
      .values({ name: input.name, kind: input.kind, rule: input.rule ?? null, ...region, createdBy: user.id })
      .returning();
    if (!row) throw new Error('group insert returned no row');
    if (input.screenIds?.length) {
      const refused = await addMembers(tx, user, row, input.screenIds);
      if (refused) return refused;
    }
    const [group] = await withCounts(tx, [row]);
    return { ok: true, group: group as GroupWithCount };
  });
}

/** Runs a change on a group the user manages (not_found when they cannot see it, forbidden when they only see it). */
async function changeManagedGroup(
  db: Db,
  user: SignedInUser,
  id: string,
  change: (tx: DbOrTx, group: GroupRow) => Promise<GroupWriteResult | null>,
): Promise<GroupWriteResult> {
  return writeWithScheduleChange(db, 'screens', async (tx): Promise<GroupWriteResult> => {
    const group = await findVisibleGroup(tx, user, id);
    if (!group) return { ok: false, reason: 'not_found', detail: 'No such group.' };
    if (!userManagesGroup(user, group)) return { ok: false, reason: 'forbidden', detail: 'The group is outside your scope.' };
    const refused = await change(tx, group);
    if (refused) return refused;
    const after = await findVisibleGroup(tx, user, id);
    return after ? { ok: true, group: after } : { ok: true, group };
  });
}

/** Renames a group or (for a dynamic one) changes its rule. */
export function updateGroup(db: Db, user: SignedInUser, id: string, patch: GroupPatch): Promise<GroupWriteResult> {
  return changeManagedGroup(db, user, id, async (tx, group) => {
    if (patch.rule && group.kind !== 'dynamic') return { ok: false, reason: 'wrong_kind', detail: 'Only dynamic groups have a rule.' };
    await tx.update(screenGroups).set(patch).where(eq(screenGroups.id, id));
    return null;
  });
}

/** Deletes a group; slides that targeted it no longer reach anyone through it. */
export function deleteGroup(db: Db, user: SignedInUser, id: string): Promise<GroupWriteResult> {
  return changeManagedGroup(db, user, id, async (tx) => {
    await tx.delete(screenGroups).where(eq(screenGroups.id, id));
    return null;
  });
}

/** Adds screens to a static group. */
export function addGroupMembers(db: Db, user: SignedInUser, id: string, screenIds: readonly string[]): Promise<GroupWriteResult> {
  return changeManagedGroup(db, user, id, async (tx, group) => {
    if (group.kind !== 'static') return { ok: false, reason: 'wrong_kind', detail: 'A dynamic group chooses its screens by its rule.' };
    return addMembers(tx, user, group, screenIds);
  });
}

/** Removes a screen from a static group (removing a non-member is not an error). */
export function removeGroupMember(db: Db, user: SignedInUser, id: string, screenId: string): Promise<GroupWriteResult> {
  return changeManagedGroup(db, user, id, async (tx, group) => {
    if (group.kind !== 'static') return { ok: false, reason: 'wrong_kind', detail: 'A dynamic group chooses its screens by its rule.' };
    await tx.delete(screenGroupMembers).where(and(eq(screenGroupMembers.groupId, id), eq(screenGroupMembers.screenId, screenId)));
    return null;
  });
}
