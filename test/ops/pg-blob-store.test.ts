import { createHash, randomBytes } from 'node:crypto';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { PgBlobStore } from '../../src/media/pg-blob-store.js';
import { blobChunks, blobContents } from '../../src/media/schema.js';
import { openTestDatabase } from '../support/test-database.js';

let database: Database;
let drop: () => Promise<void>;
let store: PgBlobStore;
const CHUNK = 1000;

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  store = await PgBlobStore.open(database.db, { chunkBytes: CHUNK });
});
afterAll(() => drop());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: WebReadableStream<Uint8Array> | null): Promise<Buffer> {
  if (!stream) throw new Error('no stream');
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function rows(): Promise<{ contents: number; chunks: number }> {
  const [contents] = await database.db.select({ n: count() }).from(blobContents);
  const [chunks] = await database.db.select({ n: count() }).from(blobChunks);
  return { contents: contents?.n ?? 0, chunks: chunks?.n ?? 0 };
}

describe('media in PostgreSQL', () => {
  it('stores streamed bytes under their sha256 in fixed-size chunks and reads them back whole', async () => {
    const bytes = randomBytes(3 * CHUNK + 123);
    const stored = await store.put(inPieces(bytes, 337));
    expect(stored).toEqual({ hash: sha256(bytes), bytes: bytes.length });
    expect(await store.stat(stored.hash)).toEqual({ bytes: bytes.length });
    expect(await store.has(stored.hash)).toBe(true);
    expect((await readAll(await store.get(stored.hash))).equals(bytes)).toBe(true);
  });

  it('answers byte ranges that start and end inside and across chunks', async () => {
    const bytes = randomBytes(5 * CHUNK);
    const { hash } = await store.put(bytes);
    for (const [start, end] of [
      [0, 0],
      [10, 20],
      [CHUNK - 1, CHUNK],
      [CHUNK, 2 * CHUNK - 1],
      [1500, 4321],
      [4999, 4999],
      [4990, undefined],
    ] as Array<[number, number | undefined]>) {
      const part = await readAll(await store.get(hash, { start, end }));
      expect(part.equals(bytes.subarray(start, end === undefined ? undefined : end + 1))).toBe(true);
    }
  });

  it('stores the same bytes once', async () => {
    const bytes = randomBytes(2500);
    const before = await rows();
    const [a, b] = await Promise.all([store.put(bytes), store.put(inPieces(bytes, 100))]);
    expect(a).toEqual(b);
    const after = await rows();
    expect(after.contents - before.contents).toBe(1);
    expect(after.chunks - before.chunks).toBe(3);
    await store.put(bytes);
    expect(await rows()).toEqual(after);
  });

  it('keeps an empty blob', async () => {
    const { hash, bytes } = await store.put(new Uint8Array(0));
    expect(bytes).toBe(0);
    expect((await readAll(await store.get(hash))).length).toBe(0);
  });

  it('refuses content that does not hash to the expected value and keeps nothing of it', async () => {
    const before = await rows();
    await expect(store.put(randomBytes(4000), { expectedHash: 'a'.repeat(64) })).rejects.toThrow(/expected/);
    expect(await rows()).toEqual(before);
  });

  it('keeps nothing of an upload whose source fails midway', async () => {
    const before = await rows();
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield randomBytes(2500);
      throw new Error('client went away');
    }
    await expect(store.put(failing())).rejects.toThrow(/went away/);
    expect(await rows()).toEqual(before);
  });

  it('deletes a blob with its chunks, and answers null for unknown or malformed hashes', async () => {
    const before = await rows();
    const { hash } = await store.put(randomBytes(2100));
    expect(await store.delete(hash)).toBe(true);
    expect(await store.delete(hash)).toBe(false);
    expect(await rows()).toEqual(before);
    expect(await store.get(hash)).toBeNull();
    expect(await store.stat('../../etc/passwd')).toBeNull();
    expect(await store.get('not-a-hash')).toBeNull();
  });

  it('sweeps uploads a crash left incomplete, once they are stale', async () => {
    const at = Date.now();
    await database.db
      .insert(blobContents)
      .values({ key: 'upload:crashed', chunkBytes: CHUNK, createdAt: new Date(at - 2 * 3_600_000) });
    await database.db.insert(blobChunks).values({ key: 'upload:crashed', seq: 0, data: randomBytes(10) });
    await database.db
      .insert(blobContents)
      .values({ key: 'upload:live', chunkBytes: CHUNK, createdAt: new Date(at) });
    await PgBlobStore.open(database.db, { now: at });
    const keys = (await database.db.select({ key: blobContents.key }).from(blobContents)).map(
      (row) => row.key,
    );
    expect(keys).not.toContain('upload:crashed');
    expect(keys).toContain('upload:live');
    expect(await store.get('upload:live')).toBeNull();
  });
});
