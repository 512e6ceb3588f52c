import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import {
  listFsBlobs,
  listPgBlobs,
  type MigrationTotals,
  migrateBlobs,
} from '../../src/media/blob-migration.js';
import { PgBlobStore } from '../../src/media/pg-blob-store.js';
import { type BlobStore, FsBlobStore } from '../../src/media/storage.js';
import { openTestDatabase } from '../support/test-database.js';
import { createServerDatabase, SERVER_URL } from './support/server-database.js';

/*
 * Moving media between the file store and the PostgreSQL store (npm run media:migrate), on the
 * embedded database and, with TEST_DATABASE_URL, on PostgreSQL: every blob arrives with its hash
 * checked, a second run copies nothing, an interrupted run is finished by the next, a blob whose
 * bytes do not match its name is reported and not copied, and the way back works too.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-media-migration-'));
  dirs.push(dir);
  return dir;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(store: BlobStore, hash: string): Promise<Buffer> {
  const stream: WebReadableStream<Uint8Array> | null = await store.get(hash);
  if (!stream) throw new Error(`no blob ${hash}`);
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

/** A file store holding the given contents; answers the store and its folder. */
async function fileStoreWith(contents: Buffer[]): Promise<{ store: FsBlobStore; dir: string }> {
  const dir = path.join(await tempDir(), 'media');
  const store = await FsBlobStore.open(dir);
  for (const content of contents) await store.put(content);
  return { store, dir };
}

const totals = (counts: Partial<MigrationTotals>): MigrationTotals => ({
  blobs: 0,
  copied: 0,
  present: 0,
  wouldCopy: 0,
  failed: 0,
  bytesCopied: 0,
  ...counts,
});

describe('migrateBlobs', () => {
  // A PostgreSQL store with small chunks, so blobs span several chunk rows.
  let pg: PgBlobStore;
  beforeAll(async () => {
    pg = await PgBlobStore.open(database.db, { chunkBytes: 1000 });
  });

  it('copies every blob of the file store into PostgreSQL, and a second run copies nothing', async () => {
    const contents = [Buffer.alloc(0), randomBytes(10), randomBytes(2500), randomBytes(4000)];
    const { store, dir } = await fileStoreWith(contents);
    const blobs = await listFsBlobs(dir);
    expect(blobs.map((blob) => blob.hash).sort()).toEqual(contents.map(sha256).sort());

    const seen: string[] = [];
    const first = await migrateBlobs({ from: store, to: pg, blobs, onBlob: (o) => seen.push(o.outcome) });
    expect(first).toEqual(totals({ blobs: 4, copied: 4, bytesCopied: 6510 }));
    expect(seen).toEqual(['copied', 'copied', 'copied', 'copied']);
    for (const content of contents) expect((await bytesOf(pg, sha256(content))).equals(content)).toBe(true);

    expect(await migrateBlobs({ from: store, to: pg, blobs })).toEqual(totals({ blobs: 4, present: 4 }));
  });

  it('reports a file whose bytes no longer match its name and copies it nowhere', async () => {
    const good = randomBytes(1200);
    const rotten = randomBytes(1500);
    const { store, dir } = await fileStoreWith([good, rotten]);
    const hash = sha256(rotten);
    await writeFile(path.join(dir, hash.slice(0, 2), hash.slice(2, 4), hash), randomBytes(1500));

    const outcomes: Array<{ hash: string; outcome: string; detail?: string }> = [];
    const result = await migrateBlobs({
      from: store,
      to: pg,
      blobs: await listFsBlobs(dir),
      onBlob: (o) => outcomes.push(o),
    });
    expect(result).toMatchObject({ blobs: 2, copied: 1, failed: 1 });
    expect(outcomes.find((o) => o.hash === hash)?.detail).toMatch(/hashes to [0-9a-f]{64}, expected/);
    expect(await pg.has(hash)).toBe(false);
    expect(await pg.has(sha256(good))).toBe(true);
  });

  it('finishes in a second run what an interrupted run left', async () => {
    const contents = Array.from({ length: 5 }, () => randomBytes(1800));
    const { store, dir } = await fileStoreWith(contents);
    const blobs = await listFsBlobs(dir);
    const interrupt = new AbortController();
    const first = await migrateBlobs({
      from: store,
      to: pg,
      blobs,
      concurrency: 1,
      signal: interrupt.signal,
      onBlob: (_o, soFar) => soFar.blobs === 2 && interrupt.abort(),
    });
    expect(first).toMatchObject({ blobs: 2, copied: 2 });
    expect(await migrateBlobs({ from: store, to: pg, blobs })).toMatchObject({
      blobs: 5,
      copied: 3,
      present: 2,
    });
    for (const content of contents) expect(await pg.has(sha256(content))).toBe(true);
  });

  it('copies the PostgreSQL store back into files, checks existing copies when asked, and only counts on a dry run', async () => {
    const own = Array.from({ length: 7 }, (_, i) => randomBytes(300 * i));
    for (const content of own) await pg.put(content);
    const dir = path.join(await tempDir(), 'media');
    const files = await FsBlobStore.open(dir);
    // Listed a page of three at a time, in hash order.
    const blobs = await listPgBlobs(database.db, 3);
    expect(blobs.map((blob) => blob.hash)).toEqual(expect.arrayContaining(own.map(sha256)));
    expect(blobs.map((blob) => blob.hash)).toEqual(blobs.map((blob) => blob.hash).sort());

    expect(await migrateBlobs({ from: pg, to: files, blobs, dryRun: true })).toMatchObject({
      wouldCopy: blobs.length,
      copied: 0,
    });
    expect(await listFsBlobs(dir)).toEqual([]);

    const back = await migrateBlobs({ from: pg, to: files, blobs });
    expect(back).toMatchObject({ blobs: blobs.length, copied: blobs.length, failed: 0 });
    expect(await listFsBlobs(dir)).toEqual(blobs);
    for (const { hash } of blobs) expect(sha256(await bytesOf(files, hash))).toBe(hash);

    // A copy damaged after the fact keeps its size: only --verify notices.
    const damaged = blobs.find((blob) => blob.bytes > 0) ?? blobs[0];
    if (!damaged) throw new Error('no blob');
    const damagedPath = path.join(dir, damaged.hash.slice(0, 2), damaged.hash.slice(2, 4), damaged.hash);
    await writeFile(damagedPath, randomBytes(damaged.bytes));
    expect(await migrateBlobs({ from: pg, to: files, blobs })).toMatchObject({
      present: blobs.length,
      failed: 0,
    });
    expect(await migrateBlobs({ from: pg, to: files, blobs, verifyExisting: true })).toMatchObject({
      present: blobs.length - 1,
      failed: 1,
    });
  });
});

/** Runs `npm run media:migrate -- <args>` with the environment given; answers exit code and output. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'media:migrate', '--', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run media:migrate', () => {
  it('moves the media of a deployment to PostgreSQL and back, printing progress, and repeats harmlessly', async () => {
    const dataDir = await tempDir();
    const server = SERVER_URL ? await createServerDatabase() : null;
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      ...(server ? { DATABASE_URL: server.url } : {}),
    };
    const contents = [randomBytes(700 * 1024), randomBytes(20), randomBytes(3000)];
    const media = await FsBlobStore.open(path.join(dataDir, 'media'));
    for (const content of contents) await media.put(content);
    try {
      expect(await runCli(['--to', 'nowhere'], env)).toMatchObject({ code: 2 });

      const first = await runCli(['--to', 'postgres'], env);
      expect(first.output).toContain('Copying 3 blobs');
      expect(first.output).toContain('3/3 3 copied');
      expect(first.output).toContain('Done: 3 copied');
      expect(first.output).toContain('set MEDIA_STORE=postgres and restart');
      expect(first.code).toBe(0);

      const again = await runCli(['--to', 'postgres', '--verify'], env);
      expect(again.output).toContain('Done: 0 copied (0.0 KiB), 3 already there, 0 failed');
      expect(again.code).toBe(0);

      // The blobs are in the database the deployment uses.
      const opened = await openDatabase(
        server ? { url: server.url, poolSize: 2 } : { dataDir: path.join(dataDir, 'pglite') },
      );
      try {
        const store = await PgBlobStore.open(opened.db);
        for (const content of contents)
          expect((await bytesOf(store, sha256(content))).equals(content)).toBe(true);
      } finally {
        await opened.close();
      }

      // And back: with the files gone, they are restored from PostgreSQL.
      await rm(path.join(dataDir, 'media'), { recursive: true, force: true });
      const back = await runCli(['--to', 'fs'], env);
      expect(back.output).toContain('Done: 3 copied');
      expect(back.code).toBe(0);
      const files = await listFsBlobs(path.join(dataDir, 'media'));
      expect(files.map((file) => file.hash).sort()).toEqual(contents.map(sha256).sort());
    } finally {
      await server?.drop();
    }
  }, 180_000);
});
