import cron from 'node-cron';
import { deleteExpiredSessions } from '../accounts/auth-service.js';
import type { Config } from '../config.js';
import type { AppDeps } from '../deps.js';
import { deleteExpiredPairingCodes } from '../screens/pairing-service.js';
import { eventJobDefinitions } from '../events/event-jobs.js';
import { mailJobDefinitions } from '../mail/mail-jobs.js';
import { orderJobDefinitions } from '../orders/order-jobs.js';
import { renderUpcomingPacks } from '../packs/pack-jobs.js';
import { markSilentScreensOffline, pruneHeartbeats } from '../plays/heartbeat-service.js';
import { prunePlays, rollUpRecentPlays } from '../plays/rollup-service.js';
import { runOncePerSlot, slotKey } from './run-once-per-slot.js';

/** A scheduled job: when (cron, server local time), its slot size, and what it does. */
export interface JobDefinition {
  name: string;
  schedule: string;
  slot: 'minute' | 'hour' | 'day';
  run(deps: AppDeps, now: Date): Promise<unknown>;
}

/** Every job of the service. Features add theirs here; the wiring stays in this one place. */
export function jobDefinitions(config?: Config): JobDefinition[] {
  return [
    {
      name: 'sessions.delete-expired',
      schedule: '17 * * * *',
      slot: 'hour',
      run: (deps, now) => deleteExpiredSessions(deps.database.db, now),
    },
    {
      name: 'pairing.delete-expired',
      schedule: '23 * * * *',
      slot: 'hour',
      run: (deps, now) => deleteExpiredPairingCodes(deps.database.db, now),
    },
    // Social-media packs: render ahead for download windows open now or within two weeks.
    { name: 'packs.render-upcoming', schedule: '7,37 * * * *', slot: 'minute', run: (deps, now) => renderUpcomingPacks(deps, now) },
    // Proof of play: recompute recent days' rollups (and late backlogs); prune raw plays once rolled up.
    { name: 'plays.roll-up', schedule: '*/10 * * * *', slot: 'minute', run: (deps, now) => rollUpRecentPlays(deps.database.db, now) },
    { name: 'plays.prune', schedule: '40 3 * * *', slot: 'day', run: (deps, now) => prunePlays(deps.database.db, now) },
    // Fleet health: mark screens offline after three missed heartbeats; keep two weeks of heartbeats.
    { name: 'screens.mark-offline', schedule: '* * * * *', slot: 'minute', run: (deps, now) => markSilentScreensOffline(deps.database.db, now) },
    { name: 'heartbeats.prune', schedule: '50 3 * * *', slot: 'day', run: (deps, now) => pruneHeartbeats(deps.database.db, now) },
    // Orders: the daily print batch and removal of personal data; outbox e-mail delivery.
    ...orderJobDefinitions(config),
    ...mailJobDefinitions(),
    // Events: programme slides renewed hourly, so events that are over (or closed for registration) drop out.
    ...eventJobDefinitions(),
  ];
}

/** Starts the cron jobs; returns a function that stops them. */
export function startJobs(deps: AppDeps): () => void {
  const tasks = jobDefinitions(deps.config).map((job) =>
    cron.schedule(job.schedule, async () => {
      if (deps.readiness.shuttingDown) return;
      const now = deps.clock.now();
      try {
        await runOncePerSlot(deps.database.db, deps.log, job.name, slotKey(now, job.slot), () => job.run(deps, now));
      } catch {
        // Logged by runOncePerSlot; a failed job must not take the process down.
      }
    }),
  );
  return () => {
    for (const task of tasks) task.stop();
  };
}
