import { and, asc, count, eq, exists, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode, scopeCoversRegion, scopeRegionOf } from '../accounts/scope.js';
import type { Db, DbOrTx } from '../db/client.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import { type DynamicGroup, dynamicGroupCondition, groupsOfScreen, toDynamicGroups } from './group-membership.js';
import { screenGroupMembers, screenGroups, screens } from './schema.js';
import type { ScreenListQuery, ScreenPatch } from './screen-schemas.js';
import { replaceStaticMemberships, userSeesGroup } from './screen-memberships.js';

export type ScreenRow = typeof screens.$inferSelect;
/** A screen with every group it is in (static memberships and dynamic rules). */
export type ScreenWithGroups = ScreenRow & { groupIds: string[] };

export type ScreenWriteResult =
  | { ok: true; screen: ScreenWithGroups }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'invalid_groups'; detail: string };

/** Where a screen stands in its life: claimed but token not collected, paired, or revoked. */
export function screenStatus(row: Pick<ScreenRow, 'revokedAt' | 'tokenHash'>): 'awaiting_token' | 'paired' | 'revoked' {
  if (row.revokedAt) return 'revoked';
  return row.tokenHash ? 'paired' : 'awaiting_token';
}

/** Whether a user's scope covers the screen (so they may see and manage it). */
export function userCoversScreen(user: SignedInUser, screen: Pick<ScreenRow, 'countyCode' | 'municipalityCode'>): boolean {
  return scopeCoversRegion(user, screen);
}

/** Every dynamic group; there are few, so membership is worked out in memory. */
export async function loadDynamicGroups(db: DbOrTx): Promise<DynamicGroup[]> {
  return toDynamicGroups(await db.select().from(screenGroups).where(eq(screenGroups.kind, 'dynamic')));
}

/** Adds the groups to screen rows (one query for static memberships, one for dynamic groups). */
export async function withGroups(db: DbOrTx, rows: ScreenRow[]): Promise<ScreenWithGroups[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const memberships = await db
    .select({ screenId: screenGroupMembers.screenId, groupId: screenGroupMembers.groupId })
    .from(screenGroupMembers)
    .where(inArray(screenGroupMembers.screenId, ids));
  const staticIds = new Map<string, string[]>();
  for (const { screenId, groupId } of memberships) staticIds.set(screenId, [...(staticIds.get(screenId) ?? []), groupId]);
  const dynamic = await loadDynamicGroups(db);
  return rows.map((row) => ({ ...row, groupIds: groupsOfScreen(row, staticIds.get(row.id) ?? [], dynamic) }));
}

/** One screen by id with its groups, regardless of who asks (callers check scope). */
export async function findScreen(db: DbOrTx, id: string): Promise<ScreenWithGroups | null> {
  const [row] = await db.select().from(screens).where(eq(screens.id, id)).limit(1);
  return row ? ((await withGroups(db, [row]))[0] ?? null) : null;
}

function scopeCondition(user: SignedInUser): SQL | undefined {
  const region = scopeRegionOf(user);
  if (!region) return undefined;
  if (region.municipalityCode) return eq(screens.municipalityCode, region.municipalityCode);
  return eq(screens.countyCode, region.countyCode ?? '__none__');
}

function statusCondition(status: ScreenListQuery['status']): SQL | undefined {
  if (status === 'revoked') return isNotNull(screens.revokedAt);
  if (status === 'paired') return and(isNull(screens.revokedAt), isNotNull(screens.tokenHash));
  if (status === 'awaiting_token') return and(isNull(screens.revokedAt), isNull(screens.tokenHash));
  return undefined;
}

async function groupCondition(db: Db, user: SignedInUser, groupId: string): Promise<SQL | null> {
  const [group] = await db.select().from(screenGroups).where(eq(screenGroups.id, groupId)).limit(1);
  if (!group || !userSeesGroup(user, group)) return null;
  if (group.kind === 'dynamic') return dynamicGroupCondition(toDynamicGroups([group])[0] as DynamicGroup);
  return exists(
    db
      .select({ one: sql`1` })
      .from(screenGroupMembers)
      .where(and(eq(screenGroupMembers.groupId, group.id), eq(screenGroupMembers.screenId, screens.id))),
  );
}

export type ScreenListResult =
  | { ok: true; items: ScreenWithGroups[]; total: number }
  | { ok: false; reason: 'forbidden' | 'unknown_group'; detail: string };

/** Screens in the user's scope, filtered and paged; asking for a region outside the scope is refused. */
export async function listScreens(db: Db, user: SignedInUser, query: ScreenListQuery): Promise<ScreenListResult> {
  if (query.county && !scopeCoversRegion(user, { countyCode: query.county, municipalityCode: null })) {
    // A municipal coordinator may still list their own municipality within the county.
    if (!query.municipality) return { ok: false, reason: 'forbidden', detail: 'That county is outside your scope.' };
  }
  if (query.municipality && !scopeCoversRegion(user, { countyCode: null, municipalityCode: query.municipality })) {
    return { ok: false, reason: 'forbidden', detail: 'That municipality is outside your scope.' };
  }
  const where: Array<SQL | undefined> = [scopeCondition(user), statusCondition(query.status)];
  if (query.county) where.push(eq(screens.countyCode, query.county));
  if (query.municipality) where.push(eq(screens.municipalityCode, query.municipality));
  if (query.chain) where.push(eq(screens.chain, query.chain));
  if (query.tag) where.push(sql`${query.tag} = any(${screens.tags})`);
  if (query.group) {
    const condition = await groupCondition(db, user, query.group);
    if (!condition) return { ok: false, reason: 'unknown_group', detail: 'No such group.' };
    where.push(condition);
  }
  const filter = and(...where);
  const [total] = await db.select({ n: count() }).from(screens).where(filter);
  const rows = await db
    .select()
    .from(screens)
    .where(filter)
    .orderBy(asc(screens.name), asc(screens.id))
    .limit(query.limit)
    .offset(query.offset);
  return { ok: true, items: await withGroups(db, rows), total: total?.n ?? 0 };
}

/** The columns a settings patch (or a claim) writes. */
export function screenColumnsOf(patch: ScreenPatch): Partial<typeof screens.$inferInsert> {
  const { groupIds: _groups, countyCode: _county, ...columns } = patch;
  return {
    ...columns,
    ...(patch.municipalityCode ? { countyCode: countyOfMunicipalityCode(patch.municipalityCode) } : {}),
  };
}

/** Changes a screen's settings (and, with groupIds, its static groups) within the user's scope. */
export async function updateScreen(db: Db, user: SignedInUser, id: string, patch: ScreenPatch, now: Date): Promise<ScreenWriteResult> {
  return writeWithScheduleChange(db, 'screens', async (tx) => {
    const existing = await findScreen(tx, id);
    if (!existing || !userCoversScreen(user, existing)) return { ok: false, reason: 'not_found', detail: 'No such screen.' };
    const columns = screenColumnsOf(patch);
    const moved = { countyCode: columns.countyCode ?? existing.countyCode, municipalityCode: columns.municipalityCode ?? existing.municipalityCode };
    if (!userCoversScreen(user, moved)) return { ok: false, reason: 'forbidden', detail: 'The new place is outside your scope.' };
    await tx.update(screens).set({ ...columns, updatedAt: now }).where(eq(screens.id, id));
    if (patch.groupIds) {
      const outcome = await replaceStaticMemberships(tx, user, { id, ...moved }, patch.groupIds);
      if (!outcome.ok) return outcome;
    }
    const screen = await findScreen(tx, id);
    return screen ? { ok: true, screen } : { ok: false, reason: 'not_found', detail: 'No such screen.' };
  });
}

/** Revokes a screen's token: it stops working at once and the player goes back to pairing. */
export async function revokeScreen(db: Db, user: SignedInUser, id: string, now: Date): Promise<ScreenWriteResult> {
  return writeWithScheduleChange(db, 'screens', async (tx) => {
    const existing = await findScreen(tx, id);
    if (!existing || !userCoversScreen(user, existing)) return { ok: false, reason: 'not_found', detail: 'No such screen.' };
    const [row] = await tx
      .update(screens)
      .set({ revokedAt: existing.revokedAt ?? now, tokenHash: null, updatedAt: now })
      .where(eq(screens.id, id))
      .returning();
    return row ? { ok: true, screen: { ...row, groupIds: existing.groupIds } } : { ok: false, reason: 'not_found', detail: 'No such screen.' };
  });
}

/** Deletes a screen (its memberships, pairing codes and heartbeats go with it; plays stay). */
export async function deleteScreen(db: Db, user: SignedInUser, id: string): Promise<{ ok: true } | { ok: false; reason: 'not_found'; detail: string }> {
  return writeWithScheduleChange(db, 'screens', async (tx) => {
    const existing = await findScreen(tx, id);
    if (!existing || !userCoversScreen(user, existing)) return { ok: false, reason: 'not_found', detail: 'No such screen.' };
    await tx.delete(screens).where(eq(screens.id, id));
    return { ok: true };
  });
}
