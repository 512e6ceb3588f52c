import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_IMAGE_LIMITS, makeRenditions, normalizeMaster, type Rendition } from './images.js';
import { type MediaProblem, mediaProblem } from './media-problems.js';
import { RENDITION_SPEC, type RenditionSpec } from './rendition-spec.js';
import {
  DEFAULT_MAX_SVG_BYTES,
  type ImageFormat,
  type MediaFormat,
  type MediaKind,
  sniffFile,
} from './sniff.js';
import type { BlobStore } from './storage.js';

export type IngestLimits = {
  /** Folder for intermediate files (the normalised master); created if missing. */
  tmpDir: string;
  /** Largest decoded image, width × height (default 100 MP). */
  maxPixels?: number;
  /** Longest image processing in seconds (default 60). */
  maxSeconds?: number;
  /** Largest SVG document in bytes (default 5 MiB). */
  maxSvgBytes?: number;
};

export type IngestDeps = { store: BlobStore; limits: IngestLimits; renditionSpec?: RenditionSpec };

/** What the asset row needs about its stored master. */
export type IngestedMaster = {
  hash: string;
  bytes: number;
  kind: MediaKind;
  /** The stored format: images become JPEG or PNG masters, video and PDF are stored as uploaded. */
  format: MediaFormat;
  mime: string;
  /** The format that was uploaded (e.g. svg or webp for a png master). */
  sourceFormat: MediaFormat;
  width?: number;
  height?: number;
};

/** A rendition row: the blob (already in the store) by hash, without its bytes. */
export type IngestedRendition = Omit<Rendition, 'buffer'>;

export type IngestOutcome =
  | { ok: true; master: IngestedMaster; renditions: IngestedRendition[] }
  | ({ ok: false } & MediaProblem);

/**
 * Takes an uploaded temp file (from receiveUpload or parseMultipartUpload) all the way to stored
 * blobs: sniff by content, refuse anything unsafe or incomplete, make an image master and its
 * renditions, or keep video/PDF as uploaded. It owns tmpFile and removes it in every case. On a
 * refusal or a fault nothing of this call is left in the store or in the temp folder.
 */
export async function ingestUpload(tmpFile: string, deps: IngestDeps): Promise<IngestOutcome> {
  try {
    const sniffed = await sniffFile(tmpFile, {
      maxSvgBytes: deps.limits.maxSvgBytes ?? DEFAULT_MAX_SVG_BYTES,
    });
    if (!sniffed.ok) return refuse(mediaProblem(sniffed.code, sniffed.detail));
    if (sniffed.kind !== 'image') {
      // Video and PDF are kept byte for byte: no transcoding, one put that stores all or nothing.
      const stored = await deps.store.put(createReadStream(tmpFile));
      const { format, kind, mime } = sniffed;
      return {
        ok: true,
        master: { hash: stored.hash, bytes: stored.bytes, kind, format, mime, sourceFormat: format },
        renditions: [],
      };
    }
    return await ingestImage(tmpFile, sniffed.format as ImageFormat, deps);
  } finally {
    await rm(tmpFile, { force: true });
  }
}

async function ingestImage(
  tmpFile: string,
  sourceFormat: ImageFormat,
  deps: IngestDeps,
): Promise<IngestOutcome> {
  await mkdir(deps.limits.tmpDir, { recursive: true });
  const workDir = await mkdtemp(join(deps.limits.tmpDir, 'ingest-'));
  try {
    const normalized = await normalizeMaster(tmpFile, {
      sourceFormat,
      outputPath: join(workDir, 'master'),
      limits: {
        maxPixels: deps.limits.maxPixels ?? DEFAULT_IMAGE_LIMITS.maxPixels,
        maxSeconds: deps.limits.maxSeconds ?? DEFAULT_IMAGE_LIMITS.maxSeconds,
      },
    });
    if (!normalized.ok) return refuse(mediaProblem(normalized.code, normalized.detail));
    const { master } = normalized;
    const renditions = await makeRenditions(master.path, deps.renditionSpec ?? RENDITION_SPEC);
    await storeAll(deps.store, [
      { hash: master.hash, open: () => createReadStream(master.path) },
      ...renditions.map((rendition) => ({ hash: rendition.hash, open: () => rendition.buffer })),
    ]);
    return {
      ok: true,
      master: {
        hash: master.hash,
        bytes: master.bytes,
        kind: 'image',
        format: master.format,
        mime: master.format === 'jpeg' ? 'image/jpeg' : 'image/png',
        sourceFormat,
        width: master.width,
        height: master.height,
      },
      renditions: renditions.map(({ buffer: _bytes, ...row }) => row),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

type PendingBlob = { hash: string; open: () => AsyncIterable<Uint8Array> | Uint8Array };

/**
 * Puts blobs in order, skipping ones already stored. If a put fails, the blobs this call added
 * are deleted again (never ones that were there before: other assets may share them).
 */
async function storeAll(store: BlobStore, blobs: PendingBlob[]): Promise<void> {
  const added: string[] = [];
  try {
    for (const blob of blobs) {
      if (await store.has(blob.hash)) continue;
      await store.put(blob.open(), { expectedHash: blob.hash });
      added.push(blob.hash);
    }
  } catch (error) {
    await Promise.allSettled(added.map((hash) => store.delete(hash)));
    throw error;
  }
}

function refuse(problem: MediaProblem): IngestOutcome {
  return { ok: false, ...problem };
}
