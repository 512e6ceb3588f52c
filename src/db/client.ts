import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle database, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction: services accept either. */
export type DbOrTx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** A connection to the database plus what differs between the two engines. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /** Subscribes to a PostgreSQL notification channel; returns an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs work while holding a cluster-wide lock (a PostgreSQL advisory lock), so two instances
   * starting together do not both migrate or import. PGlite has one process: it just runs.
   */
  withLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /** Sends a notification on a channel (delivered to every instance, this one included). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Options for opening a database. */
export interface OpenDatabaseOptions {
  /** postgres:// URL; absent means embedded PGlite. */
  url?: string;
  /** PGlite data folder; absent means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

// Fixed keys for pg_advisory_lock, so two instances starting together do not both migrate or
// import the same rows.
const MIGRATION_LOCK_KEY = 724_311_001;
export const IMPORT_LOCK_KEY = 724_311_002;

/** Opens PGlite (default) or PostgreSQL (when a URL is given). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    withLock: (_key, work) => work(),
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    async notify(channel, payload) {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    close: () => client.close(),
  };
}

/**
 * Seconds before the next attempt to open a pooled connection after `retries` failed ones: 50 ms
 * doubling to at most one second, with jitter so instances do not retry in step. postgres-js'
 * default grows to 20 s, and since the count is shared by the pool, after an outage of a few
 * seconds most pooled connections sat out up to 20 s after PostgreSQL was back.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const client = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Fail fast when the server is gone, so requests get a 503 instead of hanging.
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    // Idle connections close after a minute; dead ones are noticed by TCP keepalive after 30 s idle.
    idle_timeout: 60,
    keep_alive: 30,
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  const withLock: Database['withLock'] = async (key, work) => {
    // One dedicated connection holds the lock for the whole run.
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(${key})`;
      return await work();
    } finally {
      await reserved`select pg_advisory_unlock(${key})`.catch(() => {});
      reserved.release();
    }
  };
  return {
    db,
    kind: 'postgres',
    withLock,
    async migrate() {
      await withLock(MIGRATION_LOCK_KEY, () =>
        migratePostgres(db as never, { migrationsFolder: MIGRATIONS_DIR }),
      );
    },
    async listen(channel, onMessage) {
      const subscription = await client.listen(channel, (payload) => onMessage(payload));
      return () => subscription.unlisten();
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
