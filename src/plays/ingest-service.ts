import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { FieldProblem } from '../errors.js';
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

/**
 * Stores a screen's batch of plays, all or nothing, copying the screen's county and municipality
 * onto each play. Idempotent on the event id: a replayed batch stores nothing and counts its
 * events as duplicates. One statement (unnest of column arrays) per batch, so when this resolves
 * the batch is committed.
 */
export async function ingestPlays(
  db: Db,
  screenId: string,
  events: readonly PlayEvent[],
  now: Date,
): Promise<PlayBatchOutcome> {
  const errors = findOutOfRangeEvents(events, now);
  if (errors.length > 0) return { ok: false, reason: 'out_of_range', errors };
  const unique = withoutRepeats(events);
  // The screen's region is read in the same statement: one round trip per batch.
  const [row] = await executeRows<{ inserted: number; screens: number }>(
    db,
    sql`with screen as (
      select county_code, municipality_code from screens where id = ${screenId}::uuid and revoked_at is null
    ), inserted as (
      insert into plays (event_id, slide_id, asset_id, campaign_id, started_at, duration_ms,
                         screen_id, county_code, municipality_code, received_at)
      select e.event_id, e.slide_id, e.asset_id, e.campaign_id, e.started_at, e.duration_ms,
             ${screenId}::uuid, screen.county_code, screen.municipality_code, ${now.toISOString()}::timestamptz
      from screen, unnest(${arrayLiteral(unique.map((e) => e.eventId))}::uuid[],
                  ${arrayLiteral(unique.map((e) => e.slideId))}::uuid[],
                  ${arrayLiteral(unique.map((e) => e.assetId))}::uuid[],
                  ${arrayLiteral(unique.map((e) => e.campaignId))}::uuid[],
                  ${arrayLiteral(unique.map((e) => new Date(e.startedAt).toISOString()))}::timestamptz[],
                  ${arrayLiteral(unique.map((e) => e.durationMs))}::int[])
        as e(event_id, slide_id, asset_id, campaign_id, started_at, duration_ms)
      on conflict (event_id) do nothing
      returning 1
    )
    select (select count(*)::int from inserted) as inserted, (select count(*)::int from screen) as screens`,
  );
  if (Number(row?.screens ?? 0) === 0) return { ok: false, reason: 'unknown_screen' };
  const accepted = Number(row?.inserted ?? 0);
  return { ok: true, accepted, duplicates: events.length - accepted };
}
