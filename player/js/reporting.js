/**
 * What the player tells the hub: proof-of-play batches from the IndexedDB queue (deleted only
 * after a 2xx answer, so an outage loses nothing and a retry counts nothing twice: the hub is
 * idempotent on eventId) and a heartbeat every minute.
 */
import { bodyOf, callHub } from './api.js';
import { mediaStats } from './media-cache.js';
import { newEventId, planUpload, playEventOf, refusedForGood } from './plays.js';
import { backoffDelay, createTimer, now } from './timing.js';

const BATCH = 500;
const FLUSH_MS = 20000;
const RETRY_BASE_MS = 10000;
const RETRY_CAP_MS = 10 * 60000;
const HEARTBEAT_MS = 60000;

/**
 * Starts the upload and heartbeat chains. `state()` answers { manifest, currentItem };
 * `onRevoked()` runs when the hub no longer knows the token.
 */
export function startReporting({ store, token, clock, playerVersion, state, onRevoked }) {
  const flushTimer = createTimer();
  const heartbeatTimer = createTimer();
  let flushing = false;
  let failures = 0;
  let heartbeatMs = HEARTBEAT_MS;
  let stopped = false;

  async function sendBatch() {
    const rows = await store.oldestPlays(BATCH);
    const plan = planUpload(rows, clock.serverNow());
    if (plan.drop.length) await store.deletePlays(plan.drop.map((row) => row.seq));
    if (!plan.send.length) return plan.drop.length > 0 && rows.length === BATCH;
    const response = await callHub('/api/v1/screens/me/plays', {
      method: 'POST',
      token,
      json: { events: plan.send.map((row) => row.event) },
    });
    if (response.status === 401) throw Object.assign(new Error('revoked'), { revoked: true });
    if (response.ok) {
      await store.deletePlays(plan.send.map((row) => row.seq));
      return rows.length === BATCH;
    }
    const refused = refusedForGood(plan.send, response.status, await bodyOf(response));
    if (refused.length) {
      await store.deletePlays(refused.map((row) => row.seq));
      return true;
    }
    throw new Error(`plays answered ${response.status}`);
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    let delay = FLUSH_MS;
    try {
      while (await sendBatch()) failures = 0;
      failures = 0;
    } catch (error) {
      if (error.revoked) return onRevoked();
      failures += 1;
      delay = backoffDelay(failures, RETRY_BASE_MS, RETRY_CAP_MS, Math.random());
    } finally {
      flushing = false;
    }
    if (!stopped) flushTimer.set(flush, delay);
  }

  async function heartbeat() {
    const { manifest, currentItem } = state();
    try {
      const stats = manifest ? await mediaStats(manifest.media) : { cachedItems: 0, cacheBytes: 0 };
      const estimate = navigator.storage?.estimate ? await navigator.storage.estimate() : null;
      const sentAt = now();
      const response = await callHub('/api/v1/screens/me/heartbeat', {
        method: 'POST',
        token,
        json: {
          playerVersion,
          currentItem,
          ...stats,
          freeStorageBytes: estimate?.quota
            ? Math.max(0, Math.round(estimate.quota - (estimate.usage || 0)))
            : null,
          manifestVersion: manifest ? manifest.version : null,
          clockOffsetMs: clock.offset(),
        },
      });
      if (response.status === 401) return onRevoked();
      const answer = response.ok ? await bodyOf(response) : null;
      if (answer) {
        clock.sample(answer.serverTime, sentAt);
        if (answer.heartbeatIntervalSeconds > 0) heartbeatMs = answer.heartbeatIntervalSeconds * 1000;
      }
    } catch {
      // The next beat tries again; a missed one only marks the screen offline for a while.
    }
    if (!stopped) heartbeatTimer.set(heartbeat, heartbeatMs);
  }

  flushTimer.set(flush, 2000);
  heartbeatTimer.set(heartbeat, 1000);

  return {
    /** Queues the play of one finished showing; the flush chain uploads it. */
    async record(item, startedAt, durationMs) {
      await store.addPlay(playEventOf(item, startedAt, durationMs, newEventId()));
    },
    /** Ends both chains, also after answers still on their way. */
    stop() {
      stopped = true;
      flushTimer.clear();
      heartbeatTimer.clear();
    },
  };
}
