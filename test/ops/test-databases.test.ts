import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/test-app.js';
import {
  createdAtFromName,
  dropLeftoverTestDatabases,
  LEFTOVER_AGE_MS,
  openTestDatabase,
  testDatabaseName,
} from '../support/test-database.js';
import { NEEDS_POSTGRES, SERVER_URL } from './support/server-database.js';

/*
 * The databases test files create on the PostgreSQL server go away: each file drops its own, and
 * leftovers of runs that were killed are swept, while databases of runs still going, and any
 * database that is not a test's, are never touched.
 */
describe('test database names', () => {
  it('carry the time they were created, which the sweep reads back', () => {
    const at = Date.parse('2026-11-21T08:00:00Z');
    const name = testDatabaseName('test', at);
    expect(name).toMatch(/^hub_test_[0-9a-z]+_[0-9a-f]{10}$/);
    expect(createdAtFromName(name)).toBe(at);
    expect(createdAtFromName(testDatabaseName('ops', at))).toBe(at);
    expect(createdAtFromName('hub_test_3f9a0c1d2e4b')).toBeNull();
    expect(createdAtFromName('production')).toBeNull();
  });
});

const admin = SERVER_URL ? postgres(SERVER_URL, { max: 2, onnotice: () => {} }) : null;
afterAll(async () => {
  await admin?.end();
});

async function exists(name: string): Promise<boolean> {
  if (!admin) throw new Error(NEEDS_POSTGRES);
  const rows = await admin`select 1 from pg_database where datname = ${name}`;
  return rows.length > 0;
}

describe.skipIf(!SERVER_URL)(
  `test databases on the server${SERVER_URL ? '' : ` (skipped: ${NEEDS_POSTGRES})`}`,
  () => {
    it('drops the database of a test file when it is done', async () => {
      const { database, drop } = await openTestDatabase();
      const [row] = (await database.db.execute('select current_database() as name')) as unknown as {
        name: string;
      }[];
      const name = row?.name ?? '';
      expect(name).toMatch(/^hub_test_/);
      expect(await exists(name)).toBe(true);
      await drop();
      expect(await exists(name)).toBe(false);

      const t = await createTestContext();
      const [again] = (await t.database.db.execute('select current_database() as name')) as unknown as {
        name: string;
      }[];
      await t.close();
      expect(await exists(again?.name ?? '')).toBe(false);
    });

    it('sweeps old unconnected test databases and keeps young, connected and foreign ones', async () => {
      if (!admin) throw new Error(NEEDS_POSTGRES);
      const longAgo = Date.now() - LEFTOVER_AGE_MS - 60_000;
      const leftover = testDatabaseName('test', longAgo);
      const leftoverOps = testDatabaseName('ops', longAgo);
      const young = testDatabaseName('test');
      const inUse = testDatabaseName('test', longAgo);
      const foreign = `hubkeep_${testDatabaseName('test', longAgo).slice(4)}`;
      const names = [leftover, leftoverOps, young, inUse, foreign];
      for (const name of names) await admin.unsafe(`create database ${name}`);
      const url = new URL(SERVER_URL ?? '');
      url.pathname = `/${inUse}`;
      const user = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        await user`select 1`;
        const dropped = await dropLeftoverTestDatabases(admin, { among: names });
        expect(dropped.sort()).toEqual([leftover, leftoverOps].sort());
        expect(await Promise.all(names.map(exists))).toEqual([false, false, true, true, true]);
      } finally {
        await user.end();
        for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
      }
    });
  },
);
