import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A manifest kept in memory gzip-compressed (a fifth of its JSON size, so 10,000 screens' worth
 * fit in tens of megabytes) and still able to carry the time it is sent: the JSON ends with
 * `"serverTime":"…"}`, everything before the time is compressed once, byte-aligned (sync flush),
 * and each answer appends the time as a final stored deflate block and the gzip trailer, whose
 * CRC continues from the stored CRC of the compressed part. No answer recompresses anything.
 */
export interface ManifestBytes {
  /** Gzip header plus the sync-flushed deflate stream of everything before the time. */
  gzipPrefix: Buffer;
  /** CRC-32 and length of the uncompressed part in gzipPrefix. */
  prefixCrc: number;
  prefixLength: number;
}

// ID1 ID2, CM = deflate, no flags, no mtime, XFL 0, OS unknown.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

/** Compresses the JSON before the server time (it must end with `"serverTime":`). */
export function packManifest(jsonBeforeTime: string): ManifestBytes {
  const prefix = Buffer.from(jsonBeforeTime);
  const deflated = deflateRawSync(prefix, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
  // Kept for hours: a buffer of its own, not a slice of a shared pool slab that would pin the slab.
  const gzipPrefix = Buffer.allocUnsafeSlow(GZIP_HEADER.length + deflated.length);
  GZIP_HEADER.copy(gzipPrefix, 0);
  deflated.copy(gzipPrefix, GZIP_HEADER.length);
  return { gzipPrefix, prefixCrc: crc32(prefix), prefixLength: prefix.length };
}

function endOf(now: Date): Buffer {
  return Buffer.from(`"${now.toISOString()}"}`);
}

/** The gzip body sent at `now`: prefix, a final stored block with the time, and the trailer. */
export function gzipManifestAt(bytes: ManifestBytes, now: Date): Uint8Array<ArrayBuffer> {
  const end = endOf(now);
  const { gzipPrefix } = bytes;
  const body = Buffer.allocUnsafe(gzipPrefix.length + 5 + end.length + 8);
  gzipPrefix.copy(body, 0);
  let at = gzipPrefix.length;
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
  const prefix = inflateRawSync(bytes.gzipPrefix.subarray(GZIP_HEADER.length), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([prefix, endOf(now)]) as Uint8Array<ArrayBuffer>;
}

/** Whether an Accept-Encoding header admits gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}
