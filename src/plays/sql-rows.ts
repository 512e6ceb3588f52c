import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';

/**
 * Runs a raw SQL statement and returns its rows, whichever driver is behind drizzle: postgres-js
 * answers with an array of rows, PGlite with `{ rows }`.
 */
export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A PostgreSQL array literal ('{a,b}') for values that need no quoting: uuids, integers and ISO
 * timestamps that zod has already validated. One array parameter per column lets a whole batch go
 * in as a single statement with a handful of parameters, whatever its size.
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
}

/**
 * Deletes the rows of a table that match a condition, a chunk at a time, so a large prune never
 * holds locks or bloats one transaction for long. Returns how many rows went.
 */
export async function deleteInChunks(
  db: DbOrTx,
  table: PgTable,
  key: PgColumn,
  where: SQL,
  chunk = 10_000,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [row] = await executeRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from ${table} where ${key} in (select ${key} from ${table} where ${where} limit ${chunk})
            returning 1)
          select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deleted += n;
    if (n < chunk) return deleted;
  }
}
