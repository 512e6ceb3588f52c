import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type HeartbeatState, screens } from '../screens/schema.js';
import { HEARTBEAT_RETENTION_DAYS, OFFLINE_AFTER_MS } from './play-limits.js';
import { heartbeats } from './schema.js';
import { deleteInChunks } from './sql-rows.js';

export type HeartbeatOutcome = { ok: true } | { ok: false; reason: 'unknown_screen' };

/**
 * Records a heartbeat: the screen is seen now, keeps the reported state, is online again, and
 * the heartbeat is appended to the history. Screen and history change together.
 */
export async function recordHeartbeat(
  db: Db,
  screenId: string,
  state: HeartbeatState,
  now: Date,
): Promise<HeartbeatOutcome> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(screens)
      .set({ lastSeenAt: now, lastHeartbeat: state, offlineSince: null })
      .where(and(eq(screens.id, screenId), isNull(screens.revokedAt)))
      .returning({ id: screens.id });
    if (updated.length === 0) return { ok: false, reason: 'unknown_screen' } as const;
    await tx.insert(heartbeats).values({ screenId, receivedAt: now, state });
    return { ok: true } as const;
  });
}

/**
 * The offline job: marks screens offline whose last heartbeat (or pairing, if they never sent
 * one) is older than the allowed silence. offlineSince is when the job noticed.
 */
export async function markSilentScreensOffline(db: Db, now: Date): Promise<{ markedOffline: number }> {
  const silentSince = new Date(now.getTime() - OFFLINE_AFTER_MS);
  const marked = await db
    .update(screens)
    .set({ offlineSince: now })
    .where(
      and(
        isNull(screens.revokedAt),
        isNull(screens.offlineSince),
        sql`coalesce(${screens.lastSeenAt}, ${screens.pairedAt}) < ${silentSince.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: screens.id });
  return { markedOffline: marked.length };
}

/** The heartbeat pruning job: drops heartbeats older than the retention, in chunks. */
export async function pruneHeartbeats(db: Db, now: Date): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - HEARTBEAT_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const deleted = await deleteInChunks(
    db,
    heartbeats,
    heartbeats.id,
    sql`${heartbeats.receivedAt} < ${before.toISOString()}::timestamptz`,
  );
  return { deleted };
}
