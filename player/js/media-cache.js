/**
 * The media files of the manifest, kept in the Cache API by URL. Media URLs are content-addressed,
 * so a cached file never goes stale; the service worker answers from this cache first.
 */

/** Shared with sw.js, which cannot import modules on older Chromium. */
const MEDIA_CACHE = 'player-media';
const available = () => typeof caches !== 'undefined';
const absolute = (url) => new URL(url, location.href).href;

/** Downloads the files not cached yet, one at a time (a shop line is slow); answers how many failed. */
export async function cacheMedia(media) {
  if (!available()) return 0;
  const cache = await caches.open(MEDIA_CACHE);
  let failed = 0;
  for (const file of media) {
    const url = absolute(file.url);
    if (await cache.match(url, { ignoreVary: true })) continue;
    try {
      const response = await fetch(url, { credentials: 'omit' });
      if (response.status === 200) await cache.put(url, response);
      else failed += 1;
    } catch {
      failed += 1;
    }
  }
  return failed;
}

/** Removes cached files the current manifest no longer mentions. */
export async function pruneMedia(media) {
  if (!available()) return;
  const cache = await caches.open(MEDIA_CACHE);
  const keep = new Set(media.map((file) => absolute(file.url)));
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
}

/** How many of the manifest's files are cached, and their bytes (as the manifest gives them). */
export async function mediaStats(media) {
  const stats = { cachedItems: 0, cacheBytes: 0 };
  if (!available()) return stats;
  const cache = await caches.open(MEDIA_CACHE);
  for (const file of media) {
    if (await cache.match(absolute(file.url), { ignoreVary: true })) {
      stats.cachedItems += 1;
      stats.cacheBytes += Number(file.bytes) || 0;
    }
  }
  return stats;
}
