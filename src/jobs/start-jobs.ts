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
import { releaseSlot, runOncePerSlot, slotKey } from './run-once-per-slot.js';

/** A scheduled job: when (cron, server local time), its slot size, and what it does. */
export interface JobDefinition {
  name: string;
  schedule: string;
  slot: 'minute' | 'hour' | 'day';
  /** The work; `signal` aborts when the instance stops and the grace period is over. */
  run(deps: AppDeps, now: Date, signal?: AbortSignal): Promise<unknown>;
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
    {
      name: 'packs.render-upcoming',
      schedule: '7,37 * * * *',
      slot: 'minute',
      run: (deps, now) => renderUpcomingPacks(deps, now),
    },
    // Proof of play: recompute recent days' rollups (and late backlogs); prune raw plays once rolled up.
    {
      name: 'plays.roll-up',
      schedule: '*/10 * * * *',
      slot: 'minute',
      run: (deps, now) => rollUpRecentPlays(deps.database.db, now),
    },
    {
      name: 'plays.prune',
      schedule: '40 3 * * *',
      slot: 'day',
      run: (deps, now) => prunePlays(deps.database.db, now),
    },
    // Fleet health: mark screens offline after three missed heartbeats; keep two weeks of heartbeats.
    {
      name: 'screens.mark-offline',
      schedule: '* * * * *',
      slot: 'minute',
      run: (deps, now) => markSilentScreensOffline(deps.database.db, now),
    },
    {
      name: 'heartbeats.prune',
      schedule: '50 3 * * *',
      slot: 'day',
      run: (deps, now) => pruneHeartbeats(deps.database.db, now),
    },
    // Orders: the daily print batch and removal of personal data; outbox e-mail delivery.
    ...orderJobDefinitions(config),
    ...mailJobDefinitions(),
    // Events: programme slides renewed hourly, so events that are over (or closed for registration) drop out.
    ...eventJobDefinitions(),
  ];
}

/** Stops the jobs and waits for runs in flight, at most `graceMs`; resolves when no run is left. */
export type StopJobs = (graceMs: number) => Promise<JobsStopped>;

/** What stopping found: runs that finished in the grace period, and runs stopped with their slot released. */
export type JobsStopped = { finished: string[]; released: string[] };

/** The stop function of an instance that runs no jobs. */
export const NO_JOBS: StopJobs = async () => ({ finished: [], released: [] });

type RunInFlight = {
  job: string;
  slot: string;
  controller: AbortController;
  settled: Promise<void>;
  done: boolean;
};

/** Starts the cron jobs (all of the service's unless given); returns the function that stops them. */
export function startJobs(
  deps: AppDeps,
  definitions: JobDefinition[] = jobDefinitions(deps.config),
): StopJobs {
  const running = new Set<RunInFlight>();
  const tasks = definitions.map((job) =>
    cron.schedule(job.schedule, () => runScheduledJob(deps, job, running)),
  );
  return async (graceMs) => {
    for (const task of tasks) await task.stop();
    return awaitRunsInFlight(deps, running, graceMs);
  };
}

async function runScheduledJob(deps: AppDeps, job: JobDefinition, running: Set<RunInFlight>): Promise<void> {
  if (deps.readiness.shuttingDown) return;
  const now = deps.clock.now();
  const slot = slotKey(now, job.slot);
  const controller = new AbortController();
  const run: RunInFlight = { job: job.name, slot, controller, settled: Promise.resolve(), done: false };
  run.settled = runOncePerSlot(
    deps.database.db,
    deps.log,
    job.name,
    slot,
    (signal) => job.run(deps, now, signal),
    controller.signal,
  )
    .then(
      () => {},
      // Logged by runOncePerSlot; a failed job must not take the process down.
      () => {},
    )
    .finally(() => {
      run.done = true;
      running.delete(run);
    });
  running.add(run);
  await run.settled;
}

/**
 * Waits for the runs in flight until the grace period ends. A run still going then is told to stop
 * (its signal aborts) and its slot claim is released, so the slot counts as not run and the job's
 * next run does the work; whatever the run committed before stays.
 */
async function awaitRunsInFlight(
  deps: AppDeps,
  running: Set<RunInFlight>,
  graceMs: number,
): Promise<JobsStopped> {
  const runs = [...running];
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.all(runs.map((run) => run.settled)), graceOver]);
  clearTimeout(timer);
  const released: string[] = [];
  for (const run of runs.filter((candidate) => !candidate.done)) {
    run.controller.abort();
    await releaseSlot(deps.database.db, run.job, run.slot).catch(() => {});
    deps.log.warn(
      { job: run.job, slot: run.slot, graceMs },
      'job still running after the grace period; stopped, slot released',
    );
    released.push(run.job);
  }
  const finished = runs.filter((run) => !released.includes(run.job)).map((run) => run.job);
  return { finished, released };
}
