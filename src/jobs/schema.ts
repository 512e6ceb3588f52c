import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per job and time slot. An instance runs a job only after inserting its slot row, so with
 * several instances on one PostgreSQL each slot runs exactly once (the insert is the lock).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: text('slot').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome'),
    detail: text('detail'),
  },
  (table) => [primaryKey({ columns: [table.job, table.slot] })],
);
