/*
 * The player's service worker (a classic script: older Chromium has no module workers).
 * The app shell is precached per player version and served cache-first, so a screen starts
 * without the network; media are answered from the cache the page fills (by URL, content-
 * addressed, so cache-first for ever), with byte ranges for video; the API goes to the network.
 */
const VERSION = '%PLAYER_VERSION%';
const SHELL_CACHE = `player-shell-${VERSION}`;
const MEDIA_CACHE = 'player-media';
const SHELL = [
  './',
  'player.css',
  'js/main.js',
  'js/api.js',
  'js/media-cache.js',
  'js/pairing.js',
  'js/playback.js',
  'js/plays.js',
  'js/reporting.js',
  'js/schedule.js',
  'js/stage.js',
  'js/store.js',
  'js/timing.js',
];
/** The player's page, /player/; its scope is /player, so the address without the slash starts offline too. */
const HOME = new URL('./', self.location.href).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('player-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** A cached media file, cut to the requested byte range when there is one (video elements ask so). */
async function mediaResponse(request) {
  const cache = await caches.open(MEDIA_CACHE);
  const hit = await cache.match(request.url, { ignoreVary: true });
  if (!hit) return fetch(request);
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get('range') || '');
  if (!range) return hit;
  const blob = await hit.blob();
  const start = Number(range[1]);
  const end = range[2] ? Math.min(Number(range[2]), blob.size - 1) : blob.size - 1;
  if (start >= blob.size || end < start)
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${blob.size}` } });
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'content-type': hit.headers.get('content-type') || 'application/octet-stream',
      'content-range': `bytes ${start}-${end}/${blob.size}`,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
    },
  });
}

/** The shell from its cache (any page of the scope is the player), else from the network. */
async function shellResponse(request) {
  const cache = await caches.open(SHELL_CACHE);
  const hit = await cache.match(request.mode === 'navigate' ? HOME : request, { ignoreSearch: true });
  return hit || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/media/')) event.respondWith(mediaResponse(request));
  else if (
    (url.pathname === HOME.slice(0, -1) || url.pathname.startsWith(HOME)) &&
    url.pathname !== `${HOME}sw.js`
  )
    event.respondWith(shellResponse(request));
});
