import { and, eq, isNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { jobRuns } from './schema.js';

export type SlotRun<T> = { ran: true; result: T } | { ran: false; reason: 'slot_taken' | 'stopped' };

/**
 * Runs `work` for a job's slot unless some instance already claimed that slot. A failed run keeps
 * its row (outcome 'failed') so it is visible, and does not run again in the same slot. A run
 * stopped through `signal` (the instance shutting down) releases its claim instead: it did not
 * happen, so the slot is free for whichever run comes next.
 */
export async function runOncePerSlot<T>(
  db: Db,
  log: Logger,
  job: string,
  slot: string,
  work: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal = new AbortController().signal,
): Promise<SlotRun<T>> {
  const claimed = await db
    .insert(jobRuns)
    .values({ job, slot })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (claimed.length === 0) return { ran: false, reason: 'slot_taken' };
  const where = and(eq(jobRuns.job, job), eq(jobRuns.slot, slot));
  try {
    const result = await work(signal);
    await db
      .update(jobRuns)
      .set({ finishedAt: new Date(), outcome: 'ok', detail: summarise(result) })
      .where(where);
    log.info({ job, slot }, 'job finished');
    return { ran: true, result };
  } catch (error) {
    if (signal.aborted) {
      await releaseSlot(db, job, slot).catch(() => {});
      log.info({ job, slot }, 'job stopped by shutdown; its slot is released');
      return { ran: false, reason: 'stopped' };
    }
    await db
      .update(jobRuns)
      .set({
        finishedAt: new Date(),
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      })
      .where(where)
      .catch(() => {});
    log.error({ job, slot, err: error }, 'job failed');
    throw error;
  }
}

/** Removes the claim of a run that has not finished, so the slot counts as not run. */
export async function releaseSlot(db: Db, job: string, slot: string): Promise<void> {
  await db.delete(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot), isNull(jobRuns.outcome)));
}

function summarise(result: unknown): string | null {
  if (result === undefined) return null;
  try {
    return JSON.stringify(result).slice(0, 2000);
  } catch {
    return null;
  }
}

/** The slot key for a time, truncated to the minute, hour or day (UTC). */
export function slotKey(at: Date, granularity: 'minute' | 'hour' | 'day'): string {
  const iso = at.toISOString();
  return granularity === 'day'
    ? iso.slice(0, 10)
    : granularity === 'hour'
      ? iso.slice(0, 13)
      : iso.slice(0, 16);
}
