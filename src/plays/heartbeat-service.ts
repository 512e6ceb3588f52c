import { and, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { isDatabaseUnavailable } from '../errors.js';
import { type HeartbeatState, screens } from '../screens/schema.js';
import { createGroupCommit, type GroupCommit, groupCommitOf } from './group-commit.js';
import { HEARTBEAT_RETENTION_DAYS, OFFLINE_AFTER_MS } from './play-limits.js';
import { heartbeats } from './schema.js';
import { arrayLiteral, deleteInChunks, executeRows } from './sql-rows.js';

export type HeartbeatOutcome = { ok: true } | { ok: false; reason: 'unknown_screen' };

/** One heartbeat on its way to the database. */
export interface Heartbeat {
  screenId: string;
  state: HeartbeatState;
  receivedAt: Date;
}

// Heartbeats are small: a thousand make a statement of about 200 kB.
const MAX_HEARTBEATS_PER_WRITE = 1000;
const heartbeatWriters = new WeakMap<Db, GroupCommit<Heartbeat, boolean>>();

/**
 * Records a heartbeat: the screen is seen now, keeps the reported state, is online again, and
 * the heartbeat is appended to the history. Heartbeats arriving together share one statement
 * (group commit); when this resolves, the statement that carried this one has committed.
 */
export async function recordHeartbeat(
  db: Db,
  screenId: string,
  state: HeartbeatState,
  now: Date,
): Promise<HeartbeatOutcome> {
  const writer = groupCommitOf(heartbeatWriters, db, () =>
    createGroupCommit({
      write: (beats) => storeHeartbeats(db, beats),
      maxWeight: MAX_HEARTBEATS_PER_WRITE,
      retryAlone: (error) => !isDatabaseUnavailable(error),
    }),
  );
  const known = await writer.submit({ screenId, state, receivedAt: now });
  return known ? { ok: true } : { ok: false, reason: 'unknown_screen' };
}

/**
 * Stores heartbeats in one statement, screen rows and history together: each paired screen takes
 * the state of its latest heartbeat in the list, and every heartbeat of a paired screen joins the
 * history. Answers, per heartbeat, whether its screen is paired.
 */
export async function storeHeartbeats(db: Db, beats: readonly Heartbeat[]): Promise<boolean[]> {
  // Screen ids and times go in as arrays, so the planner knows how many rows come and looks each
  // screen up by its key (a JSON record set counts as 100 rows, and made it scan every screen);
  // the states go in as one JSON array, read by position.
  const seen = await executeRows<{ id: string }>(
    db,
    sql`with beat as (
      select b.ord, b.screen_id, b.received_at, (${JSON.stringify(beats.map((beat) => beat.state))}::jsonb) -> (b.ord::int - 1) as state
      from unnest(${arrayLiteral(beats.map((beat) => beat.screenId))}::uuid[],
                  ${arrayLiteral(beats.map((beat) => beat.receivedAt.toISOString()))}::timestamptz[])
        with ordinality as b(screen_id, received_at, ord)
    ), latest as (
      select distinct on (screen_id) screen_id, received_at, state from beat order by screen_id, ord desc
    ), seen as (
      update screens s set last_seen_at = l.received_at, last_heartbeat = l.state, offline_since = null
      from latest l
      where s.id = l.screen_id and s.revoked_at is null
      returning s.id
    ), kept as (
      insert into heartbeats (screen_id, received_at, state)
      select b.screen_id, b.received_at, b.state from beat b join seen on seen.id = b.screen_id
    )
    select id from seen`,
  );
  const paired = new Set(seen.map((row) => row.id.toLowerCase()));
  return beats.map((beat) => paired.has(beat.screenId.toLowerCase()));
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
