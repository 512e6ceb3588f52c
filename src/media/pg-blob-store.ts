import { createHash, randomUUID } from 'node:crypto';
import { ReadableStream, type ReadableStream as WebReadableStream } from 'node:stream/web';
import { and, asc, between, eq, lt, not } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { blobChunks, blobContents } from './schema.js';
import { type BlobStore, type ByteRange, isSha256Hex, type PutOptions, type StoredBlob } from './storage.js';

export type PgBlobStoreOptions = {
  /** Bytes per chunk row; 512 KiB keeps rows well inside TOAST limits and reads few rows per MB. */
  chunkBytes?: number;
  /** Incomplete uploads older than this are removed when the store opens (a crash leaves them). */
  staleUploadMs?: number;
  /** The current instant in ms, for the sweep (tests pass their own). */
  now?: number;
};

const DEFAULT_CHUNK_BYTES = 512 * 1024;
// Chunks read per query while streaming: about 2 MB in memory per reader at most.
const CHUNKS_PER_READ = 4;
const UPLOAD_PREFIX = 'upload:';

/**
 * Content-addressed blobs in PostgreSQL (tables blob_contents and blob_chunks), for deployments
 * of several instances on one database: whatever one instance stores, all serve. Writes stream
 * chunk by chunk under a temporary key and are renamed to their hash when complete; reads stream
 * a few chunks at a time, so neither holds a whole video in memory.
 */
export class PgBlobStore implements BlobStore {
  private constructor(
    private readonly db: Db,
    private readonly chunkBytes: number,
  ) {}

  /** Opens the store and removes uploads that a crash left incomplete. */
  static async open(db: Db, options: PgBlobStoreOptions = {}): Promise<PgBlobStore> {
    const store = new PgBlobStore(db, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    const cutoff = new Date((options.now ?? Date.now()) - (options.staleUploadMs ?? 60 * 60 * 1000));
    // Best effort: before the first migration the table is not there, and there is nothing to sweep.
    await db
      .delete(blobContents)
      .where(and(not(blobContents.complete), lt(blobContents.createdAt, cutoff)))
      .catch(() => {});
    return store;
  }

  async put(content: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<StoredBlob> {
    if (options.expectedHash !== undefined && !isSha256Hex(options.expectedHash)) {
      throw new Error(`not a sha256 hex hash: ${options.expectedHash}`);
    }
    const uploadKey = `${UPLOAD_PREFIX}${randomUUID()}`;
    await this.db
      .insert(blobContents)
      .values({ key: uploadKey, chunkBytes: this.chunkBytes, createdAt: new Date() });
    try {
      const written = await this.writeChunks(uploadKey, content);
      if (options.expectedHash !== undefined && written.hash !== options.expectedHash) {
        throw new Error(`content hashes to ${written.hash}, expected ${options.expectedHash}`);
      }
      await this.completeUpload(uploadKey, written);
      return written;
    } catch (error) {
      await this.db
        .delete(blobContents)
        .where(eq(blobContents.key, uploadKey))
        .catch(() => {});
      throw error;
    }
  }

  /** Writes the content as fixed-size chunks under the upload key; answers its hash and length. */
  private async writeChunks(
    key: string,
    content: AsyncIterable<Uint8Array> | Uint8Array,
  ): Promise<StoredBlob> {
    const hasher = createHash('sha256');
    let bytes = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (data: Buffer) => {
      await this.db.insert(blobChunks).values({ key, seq, data });
      seq += 1;
    };
    for await (const chunk of content instanceof Uint8Array ? [content] : content) {
      hasher.update(chunk);
      bytes += chunk.byteLength;
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingBytes += chunk.byteLength;
      if (pendingBytes < this.chunkBytes) continue;
      let joined = Buffer.concat(pending, pendingBytes);
      while (joined.length >= this.chunkBytes) {
        await flush(joined.subarray(0, this.chunkBytes));
        joined = joined.subarray(this.chunkBytes);
      }
      pending = joined.length ? [Buffer.from(joined)] : [];
      pendingBytes = joined.length;
    }
    if (pendingBytes > 0) await flush(Buffer.concat(pending, pendingBytes));
    return { hash: hasher.digest('hex'), bytes };
  }

  /** Renames a finished upload to its hash; when the same bytes are already stored, drops it. */
  private async completeUpload(uploadKey: string, written: StoredBlob): Promise<void> {
    if (await this.has(written.hash)) {
      await this.db.delete(blobContents).where(eq(blobContents.key, uploadKey));
      return;
    }
    try {
      await this.db
        .update(blobContents)
        .set({ key: written.hash, bytes: written.bytes, complete: true })
        .where(eq(blobContents.key, uploadKey));
    } catch (error) {
      // Another instance stored the same bytes a moment ago: theirs stays, ours goes.
      if (!isUniqueViolation(error)) throw error;
      await this.db.delete(blobContents).where(eq(blobContents.key, uploadKey));
    }
  }

  async has(hash: string): Promise<boolean> {
    return (await this.stat(hash)) !== null;
  }

  async stat(hash: string): Promise<{ bytes: number } | null> {
    const found = await this.describe(hash);
    return found ? { bytes: found.bytes } : null;
  }

  private async describe(hash: string): Promise<{ bytes: number; chunkBytes: number } | null> {
    if (!isSha256Hex(hash)) return null;
    const [row] = await this.db
      .select({ bytes: blobContents.bytes, chunkBytes: blobContents.chunkBytes })
      .from(blobContents)
      .where(and(eq(blobContents.key, hash), eq(blobContents.complete, true)))
      .limit(1);
    return row ?? null;
  }

  async get(hash: string, range?: ByteRange): Promise<WebReadableStream<Uint8Array> | null> {
    const found = await this.describe(hash);
    if (!found) return null;
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? found.bytes - 1, found.bytes - 1);
    if (found.bytes === 0 || start > end)
      return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    const { chunkBytes } = found;
    const lastSeq = Math.floor(end / chunkBytes);
    let nextSeq = Math.floor(start / chunkBytes);
    const db = this.db;
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const upTo = Math.min(lastSeq, nextSeq + CHUNKS_PER_READ - 1);
          const rows = await db
            .select({ seq: blobChunks.seq, data: blobChunks.data })
            .from(blobChunks)
            .where(and(eq(blobChunks.key, hash), between(blobChunks.seq, nextSeq, upTo)))
            .orderBy(asc(blobChunks.seq));
          // A blob never changes; missing chunks mean it was deleted while being read.
          if (rows.length !== upTo - nextSeq + 1)
            throw new Error(`blob ${hash} was removed while being read`);
          for (const row of rows) {
            const offset = row.seq * chunkBytes;
            const from = Math.max(0, start - offset);
            const to = Math.min(row.data.byteLength, end - offset + 1);
            controller.enqueue(row.data.subarray(from, to));
          }
          nextSeq = upTo + 1;
          if (nextSeq > lastSeq) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
  }

  async delete(hash: string): Promise<boolean> {
    if (!isSha256Hex(hash)) return false;
    const removed = await this.db
      .delete(blobContents)
      .where(eq(blobContents.key, hash))
      .returning({ key: blobContents.key });
    return removed.length > 0;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (
    let current = error as { code?: string; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (current.code === '23505') return true;
  }
  return false;
}
