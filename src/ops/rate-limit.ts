/**
 * Counts failures per key (a client address, an account) in a fixed window that starts at the
 * first failure, kept in this process's memory. Successes cost nothing, so people signing in
 * normally are never slowed; a key that used up its failures is refused until the window ends.
 * Behind a load balancer each instance counts on its own (the limit is per instance).
 */
export interface FailureLimiter {
  /** Seconds until the key may try again, or null when it may try now. */
  blockedFor(key: string, now: number): number | null;
  /** Counts one failure for the key at `now` (ms). */
  recordFailure(key: string, now: number): void;
  /** Forgets the key's failures (after a success). */
  clear(key: string): void;
}

/** Past this many keys, windows that have ended are swept so memory stays bounded. */
const SWEEP_ABOVE_KEYS = 10_000;

/** A limiter allowing `limit` failures per key in each window of `windowMs`. */
export function createFailureLimiter(limit: number, windowMs: number): FailureLimiter {
  const windows = new Map<string, { startedAt: number; failures: number }>();
  const live = (key: string, now: number) => {
    const window = windows.get(key);
    if (window && now - window.startedAt >= windowMs) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };
  return {
    blockedFor(key, now) {
      const window = live(key, now);
      if (!window || window.failures < limit) return null;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    },
    recordFailure(key, now) {
      const window = live(key, now);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= SWEEP_ABOVE_KEYS) {
        for (const [other, entry] of windows) if (now - entry.startedAt >= windowMs) windows.delete(other);
      }
      windows.set(key, { startedAt: now, failures: 1 });
    },
    clear(key) {
      windows.delete(key);
    },
  };
}
