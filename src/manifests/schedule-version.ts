import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { scheduleVersion } from '../slides/schema.js';

/**
 * The schedule version: one row bumped by every change that can alter a manifest, plus a
 * PostgreSQL notification so that every instance drops what it cached. Inside a transaction the
 * notification is delivered at commit (PostgreSQL semantics), so other instances never rebuild
 * from data that is not yet visible to them.
 */

/** The notification channel instances listen on. */
export const SCHEDULE_CHANNEL = 'schedule_changed';

/**
 * What changed: 'schedule' for slides, campaigns and assets (manifests must be rebuilt);
 * 'screens' for screens, groups and tokens (screen profiles and cached tokens too).
 */
export type ScheduleChangeKind = 'schedule' | 'screens';

/** A bump of the schedule version, as carried by the notification. */
export interface ScheduleChange {
  version: number;
  kind: ScheduleChangeKind;
}

const SCHEDULE_VERSION_ROW = 1;

type LocalListener = (change: ScheduleChange) => void;
// Instances in this process, by the database object they use: a change made through `db`
// itself (not a transaction) is committed when the statement returns, so they hear at once.
const localListeners = new WeakMap<object, Set<LocalListener>>();

/** Registers an in-process listener for changes made through this database object. */
export function onLocalScheduleChange(db: Db, listener: LocalListener): () => void {
  const listeners = localListeners.get(db) ?? new Set<LocalListener>();
  listeners.add(listener);
  localListeners.set(db, listeners);
  return () => listeners.delete(listener);
}

/**
 * Tells this process's instances about a committed change at once (the notification reaches
 * them too, a moment later; they ignore versions they already know). Call it after a
 * transaction that called markScheduleChanged(tx) has committed.
 */
export function announceScheduleChange(db: Db, change: ScheduleChange): void {
  for (const listener of localListeners.get(db) ?? []) listener(change);
}

/**
 * Bumps the schedule version and notifies every instance. Call it with the transaction (or the
 * database) of every write that can change what a screen plays: slides, campaigns (edit, publish,
 * archive), assets and renditions, screens and groups. Answers the new version.
 */
export async function markScheduleChanged(db: DbOrTx, kind: ScheduleChangeKind = 'schedule'): Promise<number> {
  const [row] = await db
    .insert(scheduleVersion)
    .values({ id: SCHEDULE_VERSION_ROW, version: 1 })
    .onConflictDoUpdate({
      target: scheduleVersion.id,
      set: { version: sql`${scheduleVersion.version} + 1`, changedAt: sql`now()` },
    })
    .returning({ version: scheduleVersion.version });
  if (!row) throw new Error('schedule_version upsert returned no row');
  const change: ScheduleChange = { version: row.version, kind };
  await db.execute(sql`select pg_notify(${SCHEDULE_CHANNEL}, ${JSON.stringify(change)})`);
  // Only a Db (not a transaction) is registered, so this never announces an uncommitted change.
  announceScheduleChange(db as Db, change);
  return row.version;
}

/** The current schedule version (0 before the first change). */
export async function readScheduleVersion(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ version: scheduleVersion.version })
    .from(scheduleVersion)
    .where(eq(scheduleVersion.id, SCHEDULE_VERSION_ROW));
  return row?.version ?? 0;
}

/** Reads a notification payload; null when it is not one of ours (then treat it as "anything changed"). */
export function parseScheduleChange(payload: string): ScheduleChange | null {
  try {
    const value = JSON.parse(payload) as Partial<ScheduleChange>;
    if (typeof value.version !== 'number' || (value.kind !== 'schedule' && value.kind !== 'screens')) return null;
    return { version: value.version, kind: value.kind };
  } catch {
    return null;
  }
}

/** Carries a refusal out of a transaction so that it rolls back everything written before it. */
class RefusedWrite<T> extends Error {
  constructor(readonly outcome: T) {
    super('write refused');
  }
}

/**
 * Runs a write in a transaction that bumps the schedule version when the work succeeds, and
 * rolls back everything when it answers a refusal ({ ok: false }), so a refused request never
 * leaves a partial write. This process's instances hear of the change once it has committed.
 */
export async function writeWithScheduleChange<T extends { ok: boolean }>(
  db: Db,
  kind: ScheduleChangeKind,
  work: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  let change: ScheduleChange | null = null;
  try {
    const outcome = await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new RefusedWrite(result);
      change = { version: await markScheduleChanged(tx, kind), kind };
      return result;
    });
    if (change) announceScheduleChange(db, change);
    return outcome;
  } catch (error) {
    if (error instanceof RefusedWrite) return error.outcome as T;
    throw error;
  }
}
