import { acceptsGzip, gzipManifestAt, plainManifestAt } from './manifest-bytes.js';
import type { CachedManifest } from './manifest-runtime.js';

/**
 * How a manifest poll is answered, as plain values: the route handler and the in-memory fast
 * path (manifest-fast-path.ts) send exactly this, so the two cannot drift apart. Header names
 * are lower-case.
 */
export type ManifestReply =
  | { status: 200; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }
  | { status: 304; headers: Record<string, string>; body: null };

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for it). */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * The answer to a poll for this manifest at `now`: 304 when If-None-Match names its ETag, else
 * the manifest, gzip-encoded when the client takes gzip. A stale manifest (kept from before the
 * database went away) says so in X-Manifest-Stale.
 */
export function manifestReply(
  manifest: CachedManifest,
  stale: boolean,
  now: Date,
  request: { ifNoneMatch: string | undefined | null; acceptEncoding: string | undefined | null },
): ManifestReply {
  const headers: Record<string, string> = { etag: manifest.etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
  if (stale) headers['x-manifest-stale'] = 'true';
  if (etagMatches(request.ifNoneMatch, manifest.etag)) return { status: 304, headers, body: null };
  headers['content-type'] = 'application/json; charset=utf-8';
  if (!acceptsGzip(request.acceptEncoding ?? undefined)) return { status: 200, headers, body: plainManifestAt(manifest.bytes, now) };
  headers['content-encoding'] = 'gzip';
  return { status: 200, headers, body: gzipManifestAt(manifest.bytes, now) };
}
