import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { addDays, type LocalDay, localDayOf, localDayRange } from './local-days.js';
import { PLAYS_RETENTION_DAYS, REPORT_TIME_ZONE } from './play-limits.js';
import { playRollupState, plays } from './schema.js';
import { deleteInChunks, executeRows } from './sql-rows.js';

/**
 * A play stamped with received_at just before a rollup read it may commit just after. Plays
 * received within this margin before the watermark are read again by the next run.
 */
export const COMMIT_MARGIN_MS = 10 * 60 * 1000;

const STATE_ROW = 1;

/** Recomputes the rollups of one local day from its raw plays (upsert; safe to repeat). */
export async function rollUpPlayDay(db: DbOrTx, day: LocalDay): Promise<void> {
  const { start, end } = localDayRange(day);
  const from = start.toISOString();
  const until = end.toISOString();
  await db.execute(sql`
    insert into play_rollups (day, campaign_id, slide_id, county_code, municipality_code, plays, seconds, screens)
    select ${day}::date, campaign_id, slide_id, county_code, municipality_code,
           count(*), round(sum(duration_ms) / 1000.0), count(distinct screen_id)
    from plays
    where started_at >= ${from}::timestamptz and started_at < ${until}::timestamptz
      and campaign_id is not null and slide_id is not null
    group by campaign_id, slide_id, county_code, municipality_code
    on conflict (day, campaign_id, slide_id, county_code, municipality_code) do update
      set plays = excluded.plays, seconds = excluded.seconds, screens = excluded.screens
      where (play_rollups.plays, play_rollups.seconds, play_rollups.screens)
            is distinct from (excluded.plays, excluded.seconds, excluded.screens)`);
  await db.execute(sql`
    insert into play_screen_days (day, campaign_id, screen_id, county_code, municipality_code, plays, duration_ms)
    select ${day}::date, campaign_id, screen_id, county_code, municipality_code, count(*), sum(duration_ms)
    from plays
    where started_at >= ${from}::timestamptz and started_at < ${until}::timestamptz and campaign_id is not null
    group by campaign_id, screen_id, county_code, municipality_code
    on conflict (day, campaign_id, screen_id, county_code, municipality_code) do update
      set plays = excluded.plays, duration_ms = excluded.duration_ms
      where (play_screen_days.plays, play_screen_days.duration_ms)
            is distinct from (excluded.plays, excluded.duration_ms)`);
}

/** Until when every received play is known to be rolled up, or null before the first run. */
async function readWatermark(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ at: playRollupState.receivedThrough }).from(playRollupState).limit(1);
  return row ? new Date(row.at.getTime() - COMMIT_MARGIN_MS) : null;
}

/** The local days of plays received since an instant (all days when null). */
async function daysReceivedSince(db: DbOrTx, since: Date | null): Promise<LocalDay[]> {
  const rows = await executeRows<{ day: string }>(
    db,
    sql`select distinct to_char(timezone(${REPORT_TIME_ZONE}, started_at), 'YYYY-MM-DD') as day
        from plays ${since ? sql`where received_at >= ${since.toISOString()}::timestamptz` : sql``}`,
  );
  return rows.map((row) => row.day);
}

/**
 * The rollup job: recomputes today, yesterday, and every older day that received plays since the
 * last run (a player's late backlog), then moves the watermark to `now`.
 */
export async function rollUpRecentPlays(db: Db, now: Date): Promise<{ days: LocalDay[] }> {
  const today = localDayOf(now);
  const late = await daysReceivedSince(db, await readWatermark(db));
  const days = [...new Set([...late, addDays(today, -1), today])].sort();
  for (const day of days) await db.transaction((tx) => rollUpPlayDay(tx, day));
  await db
    .insert(playRollupState)
    .values({ id: STATE_ROW, receivedThrough: now, updatedAt: now })
    .onConflictDoUpdate({
      target: playRollupState.id,
      set: {
        receivedThrough: sql`greatest(${playRollupState.receivedThrough}, excluded.received_through)`,
        updatedAt: now,
      },
    });
  return { days };
}

/**
 * The pruning job: deletes raw plays of days older than the retention, but only plays the rollup
 * job has already counted (received before its watermark). Deletes in chunks so no single
 * statement holds locks for long.
 */
export async function prunePlays(db: Db, now: Date): Promise<{ deleted: number; before: string | null }> {
  const rolledUpBefore = await readWatermark(db);
  if (!rolledUpBefore) return { deleted: 0, before: null };
  const cutoff = localDayRange(addDays(localDayOf(now), -PLAYS_RETENTION_DAYS)).start;
  const deleted = await deleteInChunks(
    db,
    plays,
    plays.eventId,
    sql`${plays.startedAt} < ${cutoff.toISOString()}::timestamptz and ${plays.receivedAt} < ${rolledUpBefore.toISOString()}::timestamptz`,
  );
  return { deleted, before: cutoff.toISOString() };
}
