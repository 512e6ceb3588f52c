/*
 * plays-ingest: proof-of-play events per second stored through the real endpoint
 * (POST /api/v1/screens/me/plays on the real app, over loopback with @hono/node-server; several
 * screens posting batches of 500 at once) against, in the same run and the same database, the
 * same number of rows inserted directly with one parameterised multi-row INSERT per batch (no
 * HTTP, no validation). Ratio = endpoint / direct. Also measured: the ingestion service called
 * directly (its single unnest statement, no HTTP), to show what HTTP and validation cost.
 *
 * PGlite by default (a data folder in the temp dir, as the service uses); with DATABASE_URL set,
 * a fresh database created on that server for the run and dropped afterwards. The HTTP clients
 * run in a worker thread, as real screens are other machines: the server's thread (which also
 * runs PGlite) does only the server's work.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { count, sql } from 'drizzle-orm';
import pino from 'pino';
import { hashSecret } from '../src/accounts/secrets.js';
import { createApp } from '../src/app.js';
import { createBlobStore } from '../src/assets/create-blob-store.js';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/client.js';
import type { AppDeps } from '../src/deps.js';
import { ingestPlays } from '../src/plays/ingest-service.js';
import { plays } from '../src/plays/schema.js';
import { screens } from '../src/screens/schema.js';
import { openTestDatabase } from '../test/support/test-database.js';
import { meetsTarget, reportResult } from './support/report.js';

const SCREENS = 8;
const BATCH = 500;
const BATCHES_PER_PHASE = 80; // 40,000 plays per phase and round
const ROUNDS = 5;
const TARGET = '>= 20000';

interface Event {
  eventId: string;
  slideId: string;
  assetId: string;
  campaignId: string;
  startedAt: string;
  durationMs: number;
}

const slidePool = Array.from({ length: 20 }, () => ({
  slideId: randomUUID(),
  assetId: randomUUID(),
  campaignId: randomUUID(),
}));

/** `n` batches of plays from the last hour, spread over a pool of 20 slides. */
function makeBatches(n: number): Event[][] {
  const base = Date.now() - 60 * 60 * 1000;
  return Array.from({ length: n }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => ({
      eventId: randomUUID(),
      ...(slidePool[(b + i) % slidePool.length] as (typeof slidePool)[number]),
      startedAt: new Date(base + (b * BATCH + i) * 7).toISOString(),
      durationMs: 10_000,
    })),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs `work` over the items with `workers` loops at once; answers the wall time in seconds. */
async function timed<T>(
  items: T[],
  workers: number,
  work: (item: T, worker: number) => Promise<void>,
): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item, worker);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * The screens, in a worker thread: each posts its batches one after another, all at once. The
 * bodies are made before the clock starts; the worker answers the wall time and the accepted sum.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { endpoint, tokens, bodies } = workerData;
parentPort.once('message', async () => {
  const queue = bodies.slice();
  let accepted = 0;
  const started = performance.now();
  await Promise.all(tokens.map(async (token) => {
    for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
      const response = await fetch(endpoint, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body });
      if (response.status !== 200) throw new Error('endpoint answered ' + response.status + ': ' + (await response.text()));
      accepted += (await response.json()).accepted;
    }
  }));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, accepted });
});
`;

/** Posts the bodies through the endpoint from a worker thread; answers seconds and accepted. */
async function postFromWorker(
  endpoint: string,
  tokens: string[],
  bodies: string[],
): Promise<{ seconds: number; accepted: number }> {
  const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { endpoint, tokens, bodies } });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage('go');
    });
  } finally {
    await worker.terminate();
  }
}

/** A fresh database: PGlite in a temp folder, or a new database on the DATABASE_URL server. */
async function openBenchDatabase(): Promise<{ database: Database; close(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    // The test harness already knows how to create (and drop) a throwaway database on a server.
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    const { database, drop } = await openTestDatabase();
    return { database, close: drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plays-bench-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  const close = async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { database, close };
}

/** The reference: one parameterised multi-row INSERT per batch, through the raw driver. */
function multiRowInserter(database: Database): (rows: Event[], screenId: string) => Promise<void> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  return async (rows, screenId) => {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const at = params.length;
      params.push(
        row.eventId,
        screenId,
        row.slideId,
        row.assetId,
        row.campaignId,
        '19',
        '1980',
        row.startedAt,
        row.durationMs,
        new Date().toISOString(),
      );
      return `(${Array.from({ length: 10 }, (_, k) => `$${at + k + 1}`).join(',')})`;
    });
    const text = `insert into plays (event_id, screen_id, slide_id, asset_id, campaign_id, county_code, municipality_code, started_at, duration_ms, received_at)
      values ${tuples.join(',')} on conflict (event_id) do nothing`;
    if (database.kind === 'pglite')
      await (client as { query(text: string, params: unknown[]): Promise<unknown> }).query(text, params);
    else
      await (client as { unsafe(text: string, params: unknown[]): Promise<unknown> }).unsafe(
        text,
        params as never[],
      );
  };
}

async function countPlays(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(plays);
  return row?.n ?? 0;
}

async function main(): Promise<void> {
  const { database, close } = await openBenchDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'plays-bench-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    JOBS_ENABLED: 'false',
  });
  const deps: AppDeps = {
    config,
    database,
    storage: await createBlobStore(config),
    clock: { now: () => new Date() },
    log: pino({ level: 'silent' }),
    readiness: { migrated: true, shuttingDown: false },
  };
  const fleet = await Promise.all(
    Array.from({ length: SCREENS }, async (_, i) => {
      const token = `scr_${randomBytes(24).toString('base64url')}`;
      const [row] = await database.db
        .insert(screens)
        .values({
          name: `bench screen ${i}`,
          countyCode: '19',
          municipalityCode: '1980',
          orientation: 'landscape',
          width: 1920,
          height: 1080,
          languages: ['sv'],
          tokenHash: hashSecret(token),
        })
        .returning({ id: screens.id });
      if (!row) throw new Error('screen not created');
      return { id: row.id, token };
    }),
  );

  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}/api/v1/screens/me/plays`;

  const tokens = fleet.map((screen) => screen.token);
  const screenOf = (worker: number) => (fleet[worker % SCREENS] as { id: string }).id;
  const insertDirect = multiRowInserter(database);

  // Warm up every path (JIT, connections, plans), then start each phase on an empty table.
  await postFromWorker(
    endpoint,
    tokens,
    makeBatches(SCREENS * 2).map((batch) => JSON.stringify({ events: batch })),
  );
  await timed(makeBatches(SCREENS * 2), SCREENS, (rows, worker) => insertDirect(rows, screenOf(worker)));
  // The database is this run's own, so each phase can start on a truly empty table (no dead rows).
  const clear = () => database.db.execute(sql`truncate plays`);
  await clear();

  // Five rounds alternate the three phases so a burst of load from elsewhere on the machine hits all
  // of them alike; each phase reports the median of its rounds.
  const total = BATCHES_PER_PHASE * BATCH;
  const rounds: Array<{ endpoint: number; direct: number; service: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bodies = makeBatches(BATCHES_PER_PHASE).map((batch) => JSON.stringify({ events: batch }));
    const { seconds: endpointSeconds, accepted } = await postFromWorker(endpoint, tokens, bodies);
    const stored = await countPlays(database);
    if (accepted !== total || stored !== total)
      throw new Error(`lost plays: accepted ${accepted}, stored ${stored}, sent ${total}`);
    await clear();

    const directSeconds = await timed(makeBatches(BATCHES_PER_PHASE), SCREENS, (rows, worker) =>
      insertDirect(rows, screenOf(worker)),
    );
    if ((await countPlays(database)) !== total) throw new Error('direct inserts lost rows');
    await clear();

    const serviceSeconds = await timed(makeBatches(BATCHES_PER_PHASE), SCREENS, async (rows, worker) => {
      const outcome = await ingestPlays(database.db, screenOf(worker), rows, new Date());
      if (!outcome.ok || outcome.accepted !== rows.length) throw new Error('service refused or lost a batch');
    });
    await clear();
    rounds.push({
      endpoint: total / endpointSeconds,
      direct: total / directSeconds,
      service: total / serviceSeconds,
    });
  }

  await new Promise<void>((resolve) => server.close(() => resolve()));
  await close();
  await rm(dataDir, { recursive: true, force: true });

  const value = median(rounds.map((r) => r.endpoint));
  const reference = median(rounds.map((r) => r.direct));
  await reportResult({
    name: 'plays-ingest',
    value: Math.round(value),
    unit: 'plays/s',
    reference: { name: `direct multi-row INSERT per batch, ${database.kind}`, value: Math.round(reference) },
    ratio: Math.round((value / reference) * 100) / 100,
    target: TARGET,
    meets: meetsTarget(value, TARGET),
    setup: {
      database: database.kind,
      screens: SCREENS,
      batchSize: BATCH,
      batches: BATCHES_PER_PHASE,
      playsPerPhase: total,
      rounds: ROUNDS,
    },
    extra: {
      serviceDirectUnnest: Math.round(median(rounds.map((r) => r.service))),
      rounds: rounds.map((r) => ({
        endpoint: Math.round(r.endpoint),
        direct: Math.round(r.direct),
        service: Math.round(r.service),
      })),
    },
    notes: [
      'median of the rounds; the rounds are in extra',
      'target is absolute plays/s through HTTP; the ratio compares with the same rows inserted without HTTP',
      'serviceDirectUnnest: the ingestion service (screen lookup + one unnest INSERT per batch) called without HTTP',
    ],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
