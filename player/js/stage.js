/**
 * Two stacked layers: the next item loads and decodes on the hidden one, then fades in over the
 * one on screen, which stays opaque underneath until the fade is over, so no black frame shows.
 */

export const FADE_MS = 600;
const LOAD_LIMIT_MS = 20000;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function emptyLayer(layer) {
  const video = layer.querySelector('video');
  if (video) {
    // Releases the decoder now rather than whenever the element is collected.
    video.pause();
    video.removeAttribute('src');
    video.load();
  }
  layer.textContent = '';
}

function mediaElementOf(item) {
  if (item.kind === 'video') {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.playsInline = true;
    video.preload = 'auto';
    video.setAttribute('aria-label', item.altText || '');
    return video;
  }
  const image = new Image();
  image.alt = item.altText || '';
  return image;
}

/** Resolves true once the element can show its first frame without waiting, false if it cannot. */
function readied(element, item) {
  let timer;
  const limit = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), LOAD_LIMIT_MS);
  });
  const ready =
    item.kind === 'video'
      ? new Promise((resolve) => {
          element.oncanplaythrough = () => resolve(true);
          element.onerror = () => resolve(false);
        })
      : element.decode().then(
          () => true,
          () => false,
        );
  return Promise.race([ready, limit]).then((ok) => {
    clearTimeout(timer);
    element.oncanplaythrough = null;
    element.onerror = null;
    return ok;
  });
}

/** The stage inside `root` (which holds two `.layer` elements). */
export function createStage(root) {
  const layers = Array.from(root.querySelectorAll('.layer'));
  let front = 0;
  let pending = null;
  let settled = Promise.resolve();

  const hide = (layer) => {
    layer.className = 'layer';
    layer.setAttribute('aria-hidden', 'true');
  };

  /** Loads `item` on the hidden layer (once the last fade is over), remembered under `key`. */
  function prepare(key, item) {
    if (pending && pending.key === key) return pending;
    const layer = layers[1 - front];
    const entry = { key, item, layer };
    entry.ready = settled.then(() => {
      if (pending !== entry) return false;
      emptyLayer(layer);
      const element = mediaElementOf(item);
      element.className = item.fit === 'cover' ? 'cover' : 'contain';
      element.src = item.url;
      layer.appendChild(element);
      return readied(element, item);
    });
    pending = entry;
    return entry;
  }

  function swapIn(entry, ok) {
    if (pending !== entry) return false;
    pending = null;
    if (!ok) {
      emptyLayer(entry.layer);
      return false;
    }
    const old = layers[front];
    front = 1 - front;
    const video = entry.layer.querySelector('video');
    if (video) {
      video.currentTime = 0;
      video.play().catch(() => {});
    }
    if (old.classList.contains('front')) old.className = 'layer behind';
    entry.layer.className = 'layer front';
    entry.layer.removeAttribute('aria-hidden');
    settled = wait(FADE_MS + 50).then(() => {
      if (!old.classList.contains('front')) {
        hide(old);
        emptyLayer(old);
      }
    });
    return true;
  }

  /** Shows `item` (prepared or not); answers false when it could not be loaded or was superseded. */
  function show(key, item) {
    const entry = prepare(key, item);
    if (!entry.shown) entry.shown = entry.ready.then((ok) => swapIn(entry, ok));
    return entry.shown;
  }

  /** Fades to the calm background (a closed shop, an empty loop). */
  function blank() {
    pending = null;
    const old = layers[front];
    if (!old.classList.contains('front')) return;
    hide(old);
    settled = wait(FADE_MS + 50).then(() => {
      if (!old.classList.contains('front')) emptyLayer(old);
    });
  }

  return { prepare, show, blank };
}
