import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type FieldProblem, isDatabaseUnavailable } from '../errors.js';
import { createGroupCommit, type GroupCommit, groupCommitOf } from './group-commit.js';
import { FUTURE_TOLERANCE_MS, MAX_EVENT_AGE_DAYS } from './play-limits.js';
import type { PlayEvent } from './play-schemas.js';
import { arrayLiteral, executeRows } from './sql-rows.js';

export type PlayBatchOutcome =
  | { ok: true; accepted: number; duplicates: number }
  | { ok: false; reason: 'out_of_range'; errors: FieldProblem[] }
  | { ok: false; reason: 'unknown_screen' };

/**
 * The events whose start lies more than the clock-skew tolerance ahead of `now`, or more than
 * MAX_EVENT_AGE_DAYS back: one field problem each, so the player's log says which ones.
 */
export function findOutOfRangeEvents(events: readonly PlayEvent[], now: Date): FieldProblem[] {
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  const earliest = now.getTime() - MAX_EVENT_AGE_DAYS * 24 * 60 * 60 * 1000;
  const problems: FieldProblem[] = [];
  events.forEach((event, index) => {
    const startedAt = Date.parse(event.startedAt);
    if (startedAt > latest) {
      problems.push({
        field: `events.${index}.startedAt`,
        message: `lies more than ${FUTURE_TOLERANCE_MS / 60_000} minutes in the future`,
      });
    } else if (startedAt < earliest) {
      problems.push({
        field: `events.${index}.startedAt`,
        message: `is more than ${MAX_EVENT_AGE_DAYS} days old`,
      });
    }
  });
  return problems;
}

/** The batch without repeated event ids (the first of each wins). */
function withoutRepeats(events: readonly PlayEvent[]): PlayEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** One screen's batch on its way to the database: its events without repeats, and when it came. */
export interface PlayBatch {
  screenId: string;
  events: readonly PlayEvent[];
  receivedAt: Date;
}

/** What became of one batch in a group write: whether its screen is (still) paired, and rows added. */
export interface StoredPlayBatch {
  screenKnown: boolean;
  inserted: number;
}

// A group write carries at most this many events (a single larger batch still goes on its own).
const MAX_EVENTS_PER_WRITE = 5000;
const playWriters = new WeakMap<Db, GroupCommit<PlayBatch, StoredPlayBatch>>();

/**
 * Stores a screen's batch of plays, all or nothing, copying the screen's county and municipality
 * onto each play. Idempotent on the event id: a replayed batch stores nothing and counts its
 * events as duplicates. Batches arriving together share one statement (group commit); when this
 * resolves, the statement that carried the batch has committed.
 */
export async function ingestPlays(
  db: Db,
  screenId: string,
  events: readonly PlayEvent[],
  now: Date,
): Promise<PlayBatchOutcome> {
  const errors = findOutOfRangeEvents(events, now);
  if (errors.length > 0) return { ok: false, reason: 'out_of_range', errors };
  const writer = groupCommitOf(playWriters, db, () =>
    createGroupCommit({
      write: (batches) => storePlayBatches(db, batches),
      maxWeight: MAX_EVENTS_PER_WRITE,
      weightOf: (batch) => batch.events.length,
      retryAlone: (error) => !isDatabaseUnavailable(error),
    }),
  );
  const stored = await writer.submit({ screenId, events: withoutRepeats(events), receivedAt: now });
  if (!stored.screenKnown) return { ok: false, reason: 'unknown_screen' };
  return { ok: true, accepted: stored.inserted, duplicates: events.length - stored.inserted };
}

/**
 * Stores several screens' batches in one statement (unnest of column arrays), each play with its
 * screen's region. An event id already stored, or carried by an earlier batch of the same call,
 * is not inserted again: as if the batches had been stored one after another, in order. Batches
 * of screens that are unknown or revoked store nothing.
 */
export async function storePlayBatches(db: Db, batches: readonly PlayBatch[]): Promise<StoredPlayBatch[]> {
  const events = batches.flatMap((batch, index) => batch.events.map((event) => ({ index, event })));
  // The statement answers the known batches and the inserted event ids as separate rows; which
  // batch each inserted event counts for is worked out here. (Joining them back in SQL made the
  // planner loop over every pair of rows: quadratic in the size of the group.)
  const rows = await executeRows<{ batch: number | null; event_id: string | null }>(
    db,
    sql`with batch as (
      select * from unnest(${arrayLiteral(batches.map((_, index) => index))}::int[],
                           ${arrayLiteral(batches.map((batch) => batch.screenId))}::uuid[],
                           ${arrayLiteral(batches.map((batch) => batch.receivedAt.toISOString()))}::timestamptz[])
        as b(batch, screen_id, received_at)
    ), known as (
      select b.batch, b.screen_id, b.received_at, s.county_code, s.municipality_code
      from batch b join screens s on s.id = b.screen_id and s.revoked_at is null
    ), event as (
      select distinct on (e.event_id) e.*, k.screen_id, k.county_code, k.municipality_code, k.received_at
      from unnest(${arrayLiteral(events.map((e) => e.index))}::int[],
                  ${arrayLiteral(events.map((e) => e.event.eventId))}::uuid[],
                  ${arrayLiteral(events.map((e) => e.event.slideId))}::uuid[],
                  ${arrayLiteral(events.map((e) => e.event.assetId))}::uuid[],
                  ${arrayLiteral(events.map((e) => e.event.campaignId))}::uuid[],
                  ${arrayLiteral(events.map((e) => new Date(e.event.startedAt).toISOString()))}::timestamptz[],
                  ${arrayLiteral(events.map((e) => e.event.durationMs))}::int[])
        as e(batch, event_id, slide_id, asset_id, campaign_id, started_at, duration_ms)
      join known k on k.batch = e.batch
      order by e.event_id, e.batch
    ), inserted as (
      insert into plays (event_id, slide_id, asset_id, campaign_id, started_at, duration_ms,
                         screen_id, county_code, municipality_code, received_at)
      select event_id, slide_id, asset_id, campaign_id, started_at, duration_ms,
             screen_id, county_code, municipality_code, received_at
      from event
      on conflict (event_id) do nothing
      returning event_id
    )
    select batch, null::uuid as event_id from known
    union all
    select null, event_id from inserted`,
  );
  const known = new Set<number>();
  const inserted = new Set<string>();
  for (const row of rows) {
    if (row.event_id !== null) inserted.add(row.event_id.toLowerCase());
    else if (row.batch !== null) known.add(Number(row.batch));
  }
  // Each event counts for the first known batch that carries it, as the statement chose.
  const claimed = new Set<string>();
  return batches.map((batch, index) => {
    if (!known.has(index)) return { screenKnown: false, inserted: 0 };
    let count = 0;
    for (const event of batch.events) {
      const id = event.eventId.toLowerCase();
      if (claimed.has(id)) continue;
      claimed.add(id);
      if (inserted.has(id)) count += 1;
    }
    return { screenKnown: true, inserted: count };
  });
}
