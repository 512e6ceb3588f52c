import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { blobContents } from './schema.js';
import { type BlobStore, isSha256Hex, type StoredBlob } from './storage.js';

/*
 * Copies content-addressed blobs from one store to another (files to PostgreSQL or back), for
 * operators switching MEDIA_STORE. Each blob is written through the target's own put with the
 * expected hash, so bytes that do not hash to their name are refused, then read back and hashed
 * again. Blobs the target already holds are skipped, so a run can be repeated or resumed after an
 * interruption: a blob is either complete in the target or absent (both stores write atomically).
 */

/** What became of one blob. */
export type BlobOutcome =
  | { hash: string; bytes: number; outcome: 'copied' | 'present' | 'would_copy' }
  | { hash: string; bytes: number; outcome: 'failed'; detail: string };

/** Totals of a migration run. */
export type MigrationTotals = {
  blobs: number;
  copied: number;
  present: number;
  wouldCopy: number;
  failed: number;
  bytesCopied: number;
};

export type MigrateBlobsOptions = {
  from: BlobStore;
  to: BlobStore;
  /** The blobs to move, as the source lists them. */
  blobs: readonly StoredBlob[];
  /** Re-hash blobs the target already holds instead of trusting their size. */
  verifyExisting?: boolean;
  /** Only report what would be copied. */
  dryRun?: boolean;
  /** Blobs copied at once. */
  concurrency?: number;
  /** Called after each blob, in completion order. */
  onBlob?: (outcome: BlobOutcome, totals: MigrationTotals) => void;
  /** Stops taking new blobs once aborted; blobs under way finish. */
  signal?: AbortSignal;
};

/** Copies every listed blob the target lacks, verifying hashes; answers the totals. */
export async function migrateBlobs(options: MigrateBlobsOptions): Promise<MigrationTotals> {
  const totals: MigrationTotals = {
    blobs: 0,
    copied: 0,
    present: 0,
    wouldCopy: 0,
    failed: 0,
    bytesCopied: 0,
  };
  let next = 0;
  const worker = async () => {
    while (next < options.blobs.length && !options.signal?.aborted) {
      const blob = options.blobs[next++] as StoredBlob;
      const outcome = await migrateOne(options, blob).catch(
        (error: unknown): BlobOutcome => ({ ...blob, outcome: 'failed', detail: messageOf(error) }),
      );
      count(totals, outcome);
      options.onBlob?.(outcome, { ...totals });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return totals;
}

function count(totals: MigrationTotals, result: BlobOutcome): void {
  totals.blobs += 1;
  if (result.outcome === 'copied') {
    totals.copied += 1;
    totals.bytesCopied += result.bytes;
  } else if (result.outcome === 'present') totals.present += 1;
  else if (result.outcome === 'would_copy') totals.wouldCopy += 1;
  else totals.failed += 1;
}

async function migrateOne(options: MigrateBlobsOptions, blob: StoredBlob): Promise<BlobOutcome> {
  const { from, to } = options;
  const failed = (detail: string): BlobOutcome => ({ ...blob, outcome: 'failed', detail });
  const existing = await to.stat(blob.hash);
  if (existing) {
    if (existing.bytes !== blob.bytes)
      return failed(`the target holds ${existing.bytes} bytes under this hash`);
    if (options.verifyExisting && (await hashOf(await to.get(blob.hash))) !== blob.hash) {
      return failed('the copy in the target does not hash to its name');
    }
    return { ...blob, outcome: 'present' };
  }
  if (options.dryRun) return { ...blob, outcome: 'would_copy' };
  const source = await from.get(blob.hash);
  if (!source) return failed('the source no longer holds it');
  try {
    await to.put(source, { expectedHash: blob.hash });
  } catch (error) {
    return failed(`not copied: ${messageOf(error)}`);
  }
  const readBack = await hashOf(await to.get(blob.hash));
  if (readBack !== blob.hash) {
    await to.delete(blob.hash);
    return failed('the copy read back from the target does not hash to its name; removed it');
  }
  return { ...blob, outcome: 'copied' };
}

/** The sha256 of a stream's bytes, or null for no stream. */
async function hashOf(stream: WebReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!stream) return null;
  const hasher = createHash('sha256');
  for await (const chunk of stream) hasher.update(chunk);
  return hasher.digest('hex');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The blobs of a file store (`root/ab/cd/<hash>`), in hash order; temp files are not blobs. */
export async function listFsBlobs(root: string): Promise<StoredBlob[]> {
  const blobs: StoredBlob[] = [];
  const twoHex = /^[0-9a-f]{2}$/;
  const entries = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const first of (await entries(root)).filter((e) => e.isDirectory() && twoHex.test(e.name))) {
    for (const second of await entries(join(root, first.name))) {
      if (!second.isDirectory() || !twoHex.test(second.name)) continue;
      const dir = join(root, first.name, second.name);
      for (const file of await entries(dir)) {
        const prefix = `${first.name}${second.name}`;
        if (!file.isFile() || !isSha256Hex(file.name) || !file.name.startsWith(prefix)) continue;
        blobs.push({ hash: file.name, bytes: (await stat(join(dir, file.name))).size });
      }
    }
  }
  return blobs.sort((a, b) => (a.hash < b.hash ? -1 : 1));
}

/** The complete blobs of the PostgreSQL store, in hash order, read a page at a time. */
export async function listPgBlobs(db: Db, pageSize = 1000): Promise<StoredBlob[]> {
  const blobs: StoredBlob[] = [];
  for (let after = ''; ; ) {
    const page = await db
      .select({ hash: blobContents.key, bytes: blobContents.bytes })
      .from(blobContents)
      .where(and(eq(blobContents.complete, true), gt(blobContents.key, after)))
      .orderBy(asc(blobContents.key))
      .limit(pageSize);
    for (const row of page) if (isSha256Hex(row.hash)) blobs.push(row);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return blobs;
    after = last.hash;
  }
}
