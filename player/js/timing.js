/** Time for the player: one reading of the clock, the server-clock correction, back-off and timer chains. */

/** The player's only reading of the local clock (Playwright's page.clock drives it in tests). */
export function now() {
  return Date.now();
}

/** Wait after `failures` failures in a row: doubling from baseMs, capped, with jitter in [half, whole]. */
export function backoffDelay(failures, baseMs, capMs, random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Server time minus the local midpoint of the round trip that carried it (ms). */
export function offsetSample(serverTimeMs, sentAt, receivedAt) {
  return Math.round(serverTimeMs - (sentAt + receivedAt) / 2);
}

/**
 * The offset after one more sample: smoothed so one slow answer cannot jerk playback, but a jump
 * beyond `jumpMs` (the local clock was set, the box slept) is taken at once.
 */
export function smoothOffset(previous, sample, jumpMs = 30000, weight = 0.25) {
  if (typeof previous !== 'number' || Math.abs(sample - previous) > jumpMs) return sample;
  return Math.round(previous + (sample - previous) * weight);
}

/** A clock corrected by the server time the player last saw; `persist` keeps the offset across reloads. */
export function createServerClock(initialOffset, persist) {
  let offset = typeof initialOffset === 'number' ? initialOffset : null;
  return {
    serverNow: () => now() + (offset || 0),
    offset: () => offset,
    /** Takes one sample from an answer carrying `serverTime` (ISO) sent at `sentAt`, received now. */
    sample(serverTime, sentAt) {
      const serverMs = Date.parse(serverTime);
      if (!Number.isFinite(serverMs)) return;
      offset = smoothOffset(offset, offsetSample(serverMs, sentAt, now()));
      persist(offset);
    },
  };
}

/** One timer chain for one concern: setting it clears the one set before, so chains never multiply. */
export function createTimer() {
  let handle = null;
  return {
    set(run, ms) {
      clearTimeout(handle);
      handle = setTimeout(
        () => {
          handle = null;
          run();
        },
        Math.max(0, ms),
      );
    },
    clear() {
      clearTimeout(handle);
      handle = null;
    },
  };
}
