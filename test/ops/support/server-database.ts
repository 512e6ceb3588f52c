import { createTestServerDatabase } from '../../support/test-database.js';

/** The PostgreSQL server tests may create databases on (CI sets it in its PostgreSQL run). */
export const SERVER_URL = process.env.TEST_DATABASE_URL;

/** Why a PostgreSQL-only test does not run here. */
export const NEEDS_POSTGRES =
  'needs PostgreSQL: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test), as CI does in its PostgreSQL run';

/** Creates an empty database on the test server for child processes to migrate and share; answers its URL. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!SERVER_URL) throw new Error(NEEDS_POSTGRES);
  const { url, dropDatabase } = await createTestServerDatabase(SERVER_URL, 'ops');
  return { url, drop: dropDatabase };
}
