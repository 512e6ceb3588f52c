import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOncePerSlot, slotKey } from '../../src/jobs/run-once-per-slot.js';
import { jobRuns } from '../../src/jobs/schema.js';
import { type JobDefinition, startJobs } from '../../src/jobs/start-jobs.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

/*
 * Stopping the jobs (what SIGTERM does in main.ts) waits for the runs in flight: a run that ends
 * within the grace period is finished and recorded before the database closes; a run still going
 * when the grace period is over is told to stop and its slot claim is released.
 */
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A job that runs every second and, on its first run, waits until the test lets it go. */
function gatedJob(options: { honoursSignal?: boolean } = {}) {
  let started!: () => void;
  let release!: () => void;
  const state = {
    name: unique('test.slow'),
    started: new Promise<void>((resolve) => {
      started = resolve;
    }),
    gate: new Promise<void>((resolve) => {
      release = resolve;
    }),
    release: () => release(),
    runs: 0,
    signal: undefined as AbortSignal | undefined,
  };
  const definition: JobDefinition = {
    name: state.name,
    schedule: '* * * * * *',
    slot: 'day',
    async run(_deps, _now, signal) {
      state.runs += 1;
      if (state.runs > 1) return 'again';
      state.signal = signal;
      started();
      if (!options.honoursSignal) await state.gate;
      else {
        await Promise.race([
          state.gate,
          new Promise<never>((_, reject) =>
            signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
        ]);
      }
      return 'done';
    },
  };
  return { state, definition };
}

async function runRow(job: string) {
  const [row] = await t.database.db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slotKey(t.clock.now(), 'day'))));
  return row;
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

describe('stopping the jobs', () => {
  it('waits for a run in flight and records it as finished before it resolves', async () => {
    const { state, definition } = gatedJob();
    const stop = startJobs(t.deps, [definition]);
    await state.started;

    const stopping = stop(30_000);
    expect(await settledWithin(stopping, 300)).toBe(false);
    expect((await runRow(state.name))?.outcome).toBeNull();

    state.release();
    expect(await stopping).toEqual({ finished: [state.name], released: [] });
    expect(await runRow(state.name)).toMatchObject({ outcome: 'ok', detail: '"done"' });
    expect(state.signal?.aborted).toBe(false);
  }, 20_000);

  it('stops a run still going when the grace period is over and releases its slot for the next run', async () => {
    const { state, definition } = gatedJob();
    const stop = startJobs(t.deps, [definition]);
    await state.started;

    expect(await stop(200)).toEqual({ finished: [], released: [state.name] });
    expect(state.signal?.aborted).toBe(true);
    expect(await runRow(state.name)).toBeUndefined();

    // The slot is free: the next run claims it and does the work.
    const next = await runOncePerSlot(
      t.database.db,
      t.deps.log,
      state.name,
      slotKey(t.clock.now(), 'day'),
      async () => 'caught up',
    );
    expect(next).toEqual({ ran: true, result: 'caught up' });
    state.release();
  }, 20_000);

  it('records nothing as failed when a run gives up because it was told to stop', async () => {
    const { state, definition } = gatedJob({ honoursSignal: true });
    const stop = startJobs(t.deps, [definition]);
    await state.started;

    expect(await stop(200)).toEqual({ finished: [], released: [state.name] });
    // The run ends on its own once aborted; its claim stays released, not marked failed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runRow(state.name)).toBeUndefined();
  }, 20_000);

  it('resolves at once when no run is in flight', async () => {
    const { definition } = gatedJob();
    const stop = startJobs(t.deps, [{ ...definition, schedule: '0 0 1 1 *' }]);
    expect(await stop(30_000)).toEqual({ finished: [], released: [] });
  });
});
