import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../src/db/client.js';

/*
 * Databases that test files create on the PostgreSQL server (TEST_DATABASE_URL) are named
 * `hub_<kind>_<created, base-36 seconds>_<random>` and dropped when the file is done. A run that
 * is killed cannot drop its own, so every file first sweeps leftovers: databases with a test
 * prefix that are older than LEFTOVER_AGE_MS and have no connection. Runs going on at the same
 * time (other terminals, other helpers) keep theirs: those are young or connected.
 */

/** Prefixes of databases tests create; nothing else is ever dropped. */
export const TEST_DATABASE_PREFIXES = ['hub_test_', 'hub_ops_'] as const;
/** A test database this old with no connection belongs to a run that is gone. */
export const LEFTOVER_AGE_MS = 2 * 60 * 60 * 1000;

type Admin = ReturnType<typeof postgres>;

/** A new database name for tests of a kind, carrying its creation time. */
export function testDatabaseName(kind: 'test' | 'ops', now = Date.now()): string {
  return `hub_${kind}_${Math.floor(now / 1000).toString(36)}_${randomBytes(5).toString('hex')}`;
}

/** When a test database was created, from its name, or null for names without a time (older runs). */
export function createdAtFromName(name: string): number | null {
  const match = /^hub_(?:test|ops)_([0-9a-z]{6,7})_[0-9a-f]{10}$/.exec(name);
  return match?.[1] ? Number.parseInt(match[1], 36) * 1000 : null;
}

/**
 * Drops test databases left by runs that ended without cleaning up: a test prefix, older than
 * `olderThanMs` (by the time in the name, or for older names by the server's file time), and no
 * connection. Answers the names dropped.
 */
export async function dropLeftoverTestDatabases(
  admin: Admin,
  options: {
    olderThanMs?: number;
    now?: number;
    /** Consider only these names (tests of the sweep keep to their own databases). */
    among?: readonly string[];
  } = {},
): Promise<string[]> {
  const olderThanMs = options.olderThanMs ?? LEFTOVER_AGE_MS;
  const now = options.now ?? Date.now();
  const candidates = await admin<{ datname: string; connections: number }[]>`
    select d.datname, (select count(*)::int from pg_stat_activity a where a.datname = d.datname) as connections
    from pg_database d
    where d.datname like 'hub\\_test\\_%' or d.datname like 'hub\\_ops\\_%'`;
  const dropped: string[] = [];
  for (const { datname, connections } of candidates) {
    if (connections > 0 || !TEST_DATABASE_PREFIXES.some((prefix) => datname.startsWith(prefix))) continue;
    if (options.among && !options.among.includes(datname)) continue;
    const createdAt = createdAtFromName(datname) ?? (await fileTimeOf(admin, datname));
    if (createdAt === null || now - createdAt < olderThanMs) continue;
    // Without FORCE: should a run connect after all, the drop fails and its database stays.
    const ok = await admin
      .unsafe(`drop database if exists "${datname.replaceAll('"', '""')}"`)
      .then(() => true)
      .catch(() => false);
    if (ok) dropped.push(datname);
  }
  return dropped;
}

/** A database's creation time as the server's files say, where the server lets us read them. */
async function fileTimeOf(admin: Admin, datname: string): Promise<number | null> {
  try {
    const [row] = await admin<{ modified: Date }[]>`
      select (pg_stat_file('base/' || oid || '/PG_VERSION')).modification as modified
      from pg_database where datname = ${datname}`;
    return row ? row.modified.getTime() : null;
  } catch {
    return null;
  }
}

let swept: Promise<unknown> | null = null;

/**
 * Creates an empty database on the server for one test file, after sweeping leftovers once per
 * process; answers its URL and a drop that always ends the admin connection.
 */
export async function createTestServerDatabase(
  serverUrl: string,
  kind: 'test' | 'ops',
): Promise<{ name: string; url: string; dropDatabase(): Promise<void> }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  swept ??= dropLeftoverTestDatabases(admin).catch(() => []);
  await swept;
  const name = testDatabaseName(kind);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async dropDatabase() {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * A fresh, migrated database for one test file: embedded PGlite in memory by default, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (CI runs the suite both ways).
 * Each file gets its own database so files can run in parallel without seeing each other's rows.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const server = await createTestServerDatabase(serverUrl, 'test');
  let database: Database | undefined;
  const drop = async () => {
    try {
      await database?.close();
    } finally {
      await server.dropDatabase();
    }
  };
  try {
    database = await openDatabase({ url: server.url, poolSize: 10 });
    await database.migrate();
  } catch (error) {
    // A database that never became usable is dropped at once, not left for the sweep.
    await drop().catch(() => {});
    throw error;
  }
  return { database, drop };
}
