/**
 * Playback: the last good manifest from IndexedDB plays at once, on a clock corrected by the
 * server time; the manifest is polled conditionally and replaced only by a valid one whose media
 * are cached; each showing is queued as a play; a watchdog reloads a stalled page.
 */
import { bodyOf, callHub } from './api.js';
import { cacheMedia, pruneMedia } from './media-cache.js';
import { startReporting } from './reporting.js';
import { continueLoop, longestItemMs, manifestIsValid, showingAt } from './schedule.js';
import { createStage } from './stage.js';
import { backoffDelay, createServerClock, createTimer, now } from './timing.js';

const DEFAULT_POLL_MS = 60000;
const RETRY_BASE_MS = 5000;
const RETRY_CAP_MS = 5 * 60000;
const WATCHDOG_MS = 15000;

/** Plays for the screen holding `token`, from what `store` kept and what the hub sends. */
export async function startPlayback(store, token, playerVersion) {
  const stage = createStage(document.getElementById('stage'));
  const loading = document.getElementById('loading');
  const clock = createServerClock(await store.get('clockOffset'), (offset) =>
    store.set('clockOffset', offset).catch(() => {}),
  );
  const kept = await store.get('manifest');
  let manifest = manifestIsValid(kept) ? kept : null;
  let shown = null;
  let tickRun = 0;
  let expectedTickAt = Number.POSITIVE_INFINITY;
  const tickTimer = createTimer();
  const pollTimer = createTimer();
  const watchdogTimer = createTimer();
  let pollFailures = 0;
  let revoked = false;

  async function revoke() {
    if (revoked) return;
    revoked = true;
    for (const timer of [tickTimer, pollTimer, watchdogTimer]) timer.clear();
    reporting.stop();
    await store.clear();
    location.reload();
  }

  const reporting = startReporting({
    store,
    token,
    clock,
    playerVersion,
    state: () => ({ manifest, currentItem: shown?.item ? shown.item.slideId : null }),
    onRevoked: revoke,
  });

  /** The showing on screen has ended: queue its play (at most as long as it was planned). */
  function endShowing() {
    // After a revocation the queue is being cleared: nothing more goes into it.
    if (shown?.item && !revoked) {
      const durationMs = Math.min(now() - shown.shownAt, shown.plannedMs);
      reporting.record(shown.item, shown.startedAt, durationMs).catch(() => {});
    }
    shown = null;
  }

  async function tick() {
    const run = ++tickRun;
    loading.hidden = manifest !== null;
    if (!manifest) {
      expectedTickAt = Number.POSITIVE_INFINITY;
      return;
    }
    const t = clock.serverNow();
    const showing = showingAt(manifest, t);
    expectedTickAt = now() + (showing.endsAt - t);
    if (!shown || shown.key !== showing.key) {
      if (!showing.item) {
        endShowing();
        stage.blank();
        shown = { key: showing.key, item: null };
      } else if (await stage.show(showing.key, showing.item)) {
        if (run !== tickRun) return;
        endShowing();
        const startedAt = clock.serverNow();
        shown = {
          key: showing.key,
          item: showing.item,
          startedAt,
          shownAt: now(),
          plannedMs: Math.max(0, showing.endsAt - startedAt),
        };
      } else if (run !== tickRun) {
        return;
      }
      // An item that cannot load leaves the one before on screen; the next change tries again.
    }
    const next = showingAt(manifest, showing.endsAt);
    if (next.item) stage.prepare(next.key, next.item);
    tickTimer.set(tick, showing.endsAt - clock.serverNow());
  }

  /** Replaces the manifest once its media are cached (as far as the network allows). */
  async function adopt(next) {
    await cacheMedia(next.media);
    manifest = continueLoop(manifest, next);
    await store.set('manifest', manifest);
    pruneMedia(manifest.media).catch(() => {});
    tick();
  }

  async function poll() {
    let delay;
    try {
      const sentAt = now();
      const response = await callHub('/api/v1/screens/me/manifest', {
        token,
        etag: manifest ? `"${manifest.version}"` : undefined,
      });
      if (response.status === 401) return revoke();
      if (response.status === 304 && manifest) {
        // Files that failed to download last time get another try.
        await cacheMedia(manifest.media);
      } else if (response.status === 200) {
        const body = await bodyOf(response);
        if (body) clock.sample(body.serverTime, sentAt);
        // A malformed manifest never replaces the last good one.
        if (!manifestIsValid(body)) throw new Error('malformed manifest');
        await adopt(body);
      } else {
        throw new Error(`manifest answered ${response.status}`);
      }
      pollFailures = 0;
      delay = manifest ? manifest.pollSeconds * 1000 : DEFAULT_POLL_MS;
    } catch {
      pollFailures += 1;
      delay = backoffDelay(pollFailures, RETRY_BASE_MS, RETRY_CAP_MS, Math.random());
    }
    pollTimer.set(poll, delay);
  }

  let lastWatch = now();
  function watch() {
    const t = now();
    // A late watchdog means the whole page was frozen (or the clock jumped): the tick gets a chance first.
    const frozen = t - lastWatch > 2 * WATCHDOG_MS;
    lastWatch = t;
    const grace = Math.max(60000, 3 * longestItemMs(manifest));
    if (!frozen && t > expectedTickAt + grace) {
      location.reload();
      return;
    }
    watchdogTimer.set(watch, WATCHDOG_MS);
  }

  tick();
  poll();
  watchdogTimer.set(watch, WATCHDOG_MS);
}
