/** The player starts here: the service worker, then pairing or playback. */
import { startPairing } from './pairing.js';
import { startPlayback } from './playback.js';
import { openStore } from './store.js';

const SW_UPDATE_MS = 6 * 3600000;
/** Without a trailing slash, so a screen set up with /player (no slash) also starts offline. */
const SCOPE = '/player';

function playerVersion() {
  const meta = document.querySelector('meta[name="player-version"]');
  return meta?.content || 'unknown';
}

/** Registers the service worker; a new version takes over with a reload, and is looked for every few hours. */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) location.reload();
  });
  navigator.serviceWorker
    .register('/player/sw.js', { scope: SCOPE })
    .then((registration) => {
      const check = () => {
        registration.update().catch(() => {});
        setTimeout(check, SW_UPDATE_MS);
      };
      setTimeout(check, SW_UPDATE_MS);
    })
    .catch(() => {});
}

async function boot() {
  registerServiceWorker();
  const store = await openStore();
  const token = await store.get('token');
  const version = playerVersion();
  if (token) return startPlayback(store, token, version);
  startPairing(async (screenToken) => {
    await store.set('token', screenToken);
    startPlayback(store, screenToken, version);
  });
}

boot().catch(() => {
  // Storage that cannot open now may open after a restart of the page.
  setTimeout(() => location.reload(), 30000);
});
