import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * Content-addressed blob storage. A blob's name is the lowercase hex sha256 of its bytes, so the
 * same bytes are stored once, a stored blob never changes, and a URL carrying the hash can be
 * cached forever. Kept deliberately small so a shared store (object storage, a database) can
 * implement it later.
 *
 * `get` answers a web ReadableStream because that is what a fetch-style Response (Hono's
 * `c.body(stream)`) takes directly; Node code can turn it back with `Readable.fromWeb`.
 */
export interface BlobStore {
  /** Stores bytes and answers their hash; storing existing content again is a cheap no-op. */
  put(content: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<StoredBlob>;
  /** Whether a blob with this hash is stored. */
  has(hash: string): Promise<boolean>;
  /** The blob's bytes (optionally an inclusive byte range, as in HTTP Range), or null when absent. */
  get(hash: string, range?: ByteRange): Promise<WebReadableStream<Uint8Array> | null>;
  /** The blob's size, or null when absent. */
  stat(hash: string): Promise<{ bytes: number } | null>;
  /** Removes a blob; answers whether it was there. */
  delete(hash: string): Promise<boolean>;
}

export type StoredBlob = { hash: string; bytes: number };

export type PutOptions = {
  /** When set, the content must hash to this value, otherwise put throws and stores nothing. */
  expectedHash?: string;
};

/** Inclusive byte offsets, like an HTTP `Range: bytes=start-end` header; end defaults to the last byte. */
export type ByteRange = { start: number; end?: number };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.tmp';

/** Whether a string is a lowercase hex sha256, the only form of hash the stores accept. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export type FsBlobStoreOptions = {
  /**
   * Temp files older than this are removed when the store opens. Several processes may share one
   * root, so a fresh temp file may belong to a live upload elsewhere; only stale ones are swept.
   */
  staleTempMs?: number;
  /** The current instant in ms, for the stale-temp sweep (tests pass their own). */
  now?: number;
};

/**
 * Blobs as files under `root/ab/cd/<hash>`. Writes go to `root/tmp/` (same filesystem), are
 * fsynced, then renamed into place, so a reader never sees a partial blob and a crash leaves at
 * most a temp file, swept on the next open.
 */
export class FsBlobStore implements BlobStore {
  private constructor(readonly root: string) {}

  /** Opens (creating if needed) a store at root and sweeps stale temp files left by crashes. */
  static async open(root: string, options: FsBlobStoreOptions = {}): Promise<FsBlobStore> {
    const store = new FsBlobStore(root);
    await mkdir(store.tempDir, { recursive: true });
    await store.sweepTempFiles(options.staleTempMs ?? 60 * 60 * 1000, options.now ?? Date.now());
    return store;
  }

  private get tempDir(): string {
    return join(this.root, 'tmp');
  }

  /** The file path of a blob; hash must already be validated. */
  private pathOf(hash: string): string {
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(content: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<StoredBlob> {
    if (options.expectedHash !== undefined && !isSha256Hex(options.expectedHash)) {
      throw new Error(`not a sha256 hex hash: ${options.expectedHash}`);
    }
    const tempPath = join(this.tempDir, `${randomUUID()}${TEMP_SUFFIX}`);
    try {
      const written = await writeAndHash(tempPath, content);
      if (options.expectedHash !== undefined && written.hash !== options.expectedHash) {
        throw new Error(`content hashes to ${written.hash}, expected ${options.expectedHash}`);
      }
      const finalPath = this.pathOf(written.hash);
      const finalDir = join(finalPath, '..');
      await mkdir(finalDir, { recursive: true });
      // Same content under the same name: replacing an existing blob is harmless and atomic.
      await rename(tempPath, finalPath);
      await fsyncDirectory(finalDir);
      return written;
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  async has(hash: string): Promise<boolean> {
    return (await this.stat(hash)) !== null;
  }

  async get(hash: string, range?: ByteRange): Promise<WebReadableStream<Uint8Array> | null> {
    if (!isSha256Hex(hash)) return null;
    const handle = await open(this.pathOf(hash), 'r').catch(ignoreMissing);
    if (!handle) return null;
    // The stream owns the open handle, so a blob deleted meanwhile still reads completely.
    const stream = handle.createReadStream({ start: range?.start, end: range?.end });
    return Readable.toWeb(stream) as WebReadableStream<Uint8Array>;
  }

  async stat(hash: string): Promise<{ bytes: number } | null> {
    if (!isSha256Hex(hash)) return null;
    const found = await stat(this.pathOf(hash)).catch(ignoreMissing);
    return found?.isFile() ? { bytes: found.size } : null;
  }

  async delete(hash: string): Promise<boolean> {
    if (!isSha256Hex(hash)) return false;
    try {
      await unlink(this.pathOf(hash));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Removes temp files older than staleTempMs at the instant now. */
  private async sweepTempFiles(staleTempMs: number, now: number): Promise<void> {
    for (const name of await readdir(this.tempDir)) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const path = join(this.tempDir, name);
      const found = await stat(path).catch(ignoreMissing);
      if (found && now - found.mtimeMs >= staleTempMs) await rm(path, { force: true });
    }
  }
}

/** Writes content to a new file, fsyncs it, and answers its sha256 and length. */
async function writeAndHash(
  path: string,
  content: AsyncIterable<Uint8Array> | Uint8Array,
): Promise<StoredBlob> {
  const hasher = createHash('sha256');
  let bytes = 0;
  const handle = await open(path, 'wx', 0o644);
  try {
    const chunks = content instanceof Uint8Array ? [content] : content;
    for await (const chunk of chunks) {
      hasher.update(chunk);
      bytes += chunk.byteLength;
      await writeFully(handle, chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { hash: hasher.digest('hex'), bytes };
}

/** FileHandle.write may write fewer bytes than asked; loop until the chunk is out. */
export async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** Makes a rename durable; some platforms cannot open directories, which is not worth failing for. */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // fsync on a directory is unsupported on some filesystems; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function ignoreMissing(error: unknown): null {
  if (isMissing(error)) return null;
  throw error;
}
