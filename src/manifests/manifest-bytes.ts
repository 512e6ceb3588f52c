import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ManifestText } from './manifest-document.js';

/**
 * A manifest kept in memory gzip-compressed (a fifth of its JSON size) and still able to carry
 * the time it is sent: the JSON ends with `"serverTime":"…"}`, everything before the time is
 * compressed once, byte-aligned (sync flush), and each answer appends the time as a final stored
 * deflate block and the gzip trailer, whose CRC continues from the stored CRC of the compressed
 * part. No answer recompresses anything.
 *
 * The compressed part is two runs of deflate blocks, each compressed on its own: the screen's own
 * fields, and the programme (segments, items, media), which is one shared Buffer for every screen
 * with the same programme. Independently compressed, sync-flushed runs concatenate into one valid
 * deflate stream, as each only refers back into itself.
 */
export interface ManifestBytes {
  /** Gzip header plus the sync-flushed deflate blocks of the screen's own part. */
  head: Buffer;
  /** Sync-flushed deflate blocks of the shared part. */
  shared: Buffer;
  /** CRC-32 and length of the uncompressed text in head and shared. */
  prefixCrc: number;
  prefixLength: number;
}

/** Compresses the shared part of a manifest (see createSharedDeflate). */
export type SharedDeflate = (text: string) => Buffer;

// ID1 ID2, CM = deflate, no flags, no mtime, XFL 0, OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

/** Sync-flushed deflate blocks of a text, behind `lead`, in a buffer of their own. */
function deflateBlocks(text: Buffer, lead: Buffer | null = null): Buffer {
  const deflated = deflateRawSync(text, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
  // Kept for hours: a buffer of its own, not a slice of a shared pool slab that would pin the slab.
  const leadLength = lead?.length ?? 0;
  const kept = Buffer.allocUnsafeSlow(leadLength + deflated.length);
  lead?.copy(kept, 0);
  deflated.copy(kept, leadLength);
  return kept;
}

/**
 * Compresses shared parts once per distinct text: manifests with the same programme hold the same
 * Buffer, kept as long as any manifest holds it.
 */
export function createSharedDeflate(): SharedDeflate {
  const known = new Map<string, WeakRef<Buffer>>();
  const forget = new FinalizationRegistry<string>((key) => {
    if (known.get(key)?.deref() === undefined) known.delete(key);
  });
  return (text) => {
    const key = createHash('sha256').update(text).digest('base64url');
    const found = known.get(key)?.deref();
    if (found) return found;
    const made = deflateBlocks(Buffer.from(text));
    known.set(key, new WeakRef(made));
    forget.register(made, key);
    return made;
  };
}

/** Compresses the JSON before the server time (the shared part must end with `"serverTime":`). */
export function packManifest(text: ManifestText, deflateShared: SharedDeflate = (shared) => deflateBlocks(Buffer.from(shared))): ManifestBytes {
  const own = Buffer.from(text.own);
  const shared = deflateShared(text.shared);
  const sharedLength = Buffer.byteLength(text.shared);
  return {
    head: deflateBlocks(own, GZIP_HEADER),
    shared,
    prefixCrc: crc32(text.shared, crc32(own)),
    prefixLength: own.length + sharedLength,
  };
}

// Answers sent in the same millisecond end alike: the ending is made once per millisecond.
let lastEnd: { at: number; bytes: Buffer } = { at: Number.NaN, bytes: Buffer.alloc(0) };

/** The end of the JSON sent at `now`: the server time and the closing brace (read-only). */
function endOf(now: Date): Buffer {
  const at = now.getTime();
  if (lastEnd.at !== at) lastEnd = { at, bytes: Buffer.from(`"${now.toISOString()}"}`) };
  return lastEnd.bytes;
}

/** The gzip body sent at `now`: head, shared part, a final stored block with the time, and the trailer. */
export function gzipManifestAt(bytes: ManifestBytes, now: Date): Uint8Array<ArrayBuffer> {
  const end = endOf(now);
  const { head, shared } = bytes;
  const body = Buffer.allocUnsafe(head.length + shared.length + 5 + end.length + 8);
  head.copy(body, 0);
  shared.copy(body, head.length);
  let at = head.length + shared.length;
  body[at] = 0x01; // BFINAL = 1, BTYPE = 00 (stored); the previous block left us byte-aligned.
  body.writeUInt16LE(end.length, at + 1);
  body.writeUInt16LE(~end.length & 0xffff, at + 3);
  at += 5;
  end.copy(body, at);
  at += end.length;
  body.writeUInt32LE(crc32(end, bytes.prefixCrc) >>> 0, at);
  body.writeUInt32LE((bytes.prefixLength + end.length) >>> 0, at + 4);
  return body as Uint8Array<ArrayBuffer>;
}

/** The plain JSON sent at `now`, for the rare client that does not take gzip. */
export function plainManifestAt(bytes: ManifestBytes, now: Date): Uint8Array<ArrayBuffer> {
  const deflated = Buffer.concat([bytes.head.subarray(GZIP_HEADER.length), bytes.shared]);
  const prefix = inflateRawSync(deflated, { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([prefix, endOf(now)]) as Uint8Array<ArrayBuffer>;
}

// Players send the same Accept-Encoding on every poll: its reading is remembered (a few values).
const gzipReadings = new Map<string, boolean>();
const MAX_REMEMBERED_READINGS = 64;

/** Whether an Accept-Encoding header admits gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let reading = gzipReadings.get(acceptEncoding);
  if (reading === undefined) {
    reading = readAcceptsGzip(acceptEncoding);
    if (gzipReadings.size < MAX_REMEMBERED_READINGS) gzipReadings.set(acceptEncoding, reading);
  }
  return reading;
}

function readAcceptsGzip(acceptEncoding: string): boolean {
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}
