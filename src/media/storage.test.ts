import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ByteRange, FsBlobStore, isSha256Hex } from './storage.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'blob-store-test-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readBlob(store: FsBlobStore, hash: string, range?: ByteRange): Promise<Buffer> {
  const stream = await store.get(hash, range);
  if (!stream) throw new Error(`blob ${hash} is missing`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('FsBlobStore', () => {
  it('stores bytes under their sha256 in a two-level fan-out and reads them back', async () => {
    const store = await FsBlobStore.open(root);
    const content = Buffer.from('campaign artwork bytes');
    const stored = await store.put(content);
    expect(stored).toEqual({ hash: sha256(content), bytes: content.length });
    const hash = stored.hash;
    expect(await readdir(join(root, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
    expect(await store.has(hash)).toBe(true);
    expect(await store.stat(hash)).toEqual({ bytes: content.length });
    expect(await readBlob(store, hash)).toEqual(content);
  });

  it('accepts a chunked async stream and hashes it the same as one buffer', async () => {
    const store = await FsBlobStore.open(root);
    const content = Buffer.alloc(300_000, 7);
    const stored = await store.put(chunked(content, 65_536));
    expect(stored.hash).toBe(sha256(content));
    expect(stored.bytes).toBe(300_000);
  });

  it('serves an inclusive byte range', async () => {
    const store = await FsBlobStore.open(root);
    const { hash } = await store.put(Buffer.from('0123456789'));
    expect((await readBlob(store, hash, { start: 2, end: 5 })).toString()).toBe('2345');
    expect((await readBlob(store, hash, { start: 7 })).toString()).toBe('789');
  });

  it('stores identical content once', async () => {
    const store = await FsBlobStore.open(root);
    const first = await store.put(Buffer.from('same'));
    const second = await store.put(Buffer.from('same'));
    expect(second).toEqual(first);
    expect(await readdir(join(root, first.hash.slice(0, 2), first.hash.slice(2, 4)))).toHaveLength(1);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses content that does not match the expected hash and keeps nothing', async () => {
    const store = await FsBlobStore.open(root);
    const wrong = sha256(Buffer.from('other'));
    await expect(store.put(Buffer.from('content'), { expectedHash: wrong })).rejects.toThrow(/expected/);
    expect(await store.has(sha256(Buffer.from('content')))).toBe(false);
    expect((await readdir(root)).sort()).toEqual(['tmp']);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('leaves no temp file when the source stream fails midway', async () => {
    const store = await FsBlobStore.open(root);
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('partial');
      throw new Error('client went away');
    }
    await expect(store.put(failing())).rejects.toThrow('client went away');
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('answers null or false for absent blobs and for strings that are not hashes', async () => {
    const store = await FsBlobStore.open(root);
    const absent = sha256(Buffer.from('never stored'));
    expect(await store.get(absent)).toBeNull();
    expect(await store.stat(absent)).toBeNull();
    expect(await store.has(absent)).toBe(false);
    expect(await store.delete(absent)).toBe(false);
    for (const hostile of ['../../etc/passwd', '..', '', 'AB'.repeat(32), `${absent}/..`]) {
      expect(await store.get(hostile)).toBeNull();
      expect(await store.has(hostile)).toBe(false);
      expect(await store.delete(hostile)).toBe(false);
    }
  });

  it('deletes a blob', async () => {
    const store = await FsBlobStore.open(root);
    const { hash } = await store.put(Buffer.from('to delete'));
    expect(await store.delete(hash)).toBe(true);
    expect(await store.has(hash)).toBe(false);
  });

  it('sweeps stale temp files left by a crash on open, but not fresh ones of live writers', async () => {
    await FsBlobStore.open(root);
    const stale = join(root, 'tmp', 'crashed.tmp');
    const fresh = join(root, 'tmp', 'live.tmp');
    await writeFile(stale, 'half a blob');
    await writeFile(fresh, 'being written');
    const now = Date.now();
    await utimes(stale, new Date(now - 2 * 3_600_000), new Date(now - 2 * 3_600_000));
    await FsBlobStore.open(root, { staleTempMs: 3_600_000, now });
    expect(await readdir(join(root, 'tmp'))).toEqual(['live.tmp']);
  });
});

describe('isSha256Hex', () => {
  it('accepts only 64 lowercase hex digits', () => {
    expect(isSha256Hex('a'.repeat(64))).toBe(true);
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
  });
});
