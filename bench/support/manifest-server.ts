import path from 'node:path';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { createBlobStore } from '../../src/assets/create-blob-store.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import type { AppDeps } from '../../src/deps.js';

const HOUR = 3_600_000;

/**
 * The real app in a process of its own, for the manifest benchmarks:
 * `node --import tsx bench/support/manifest-server.ts <pglite-dir | postgres-url> <data-dir>`.
 * It prints `{"port":…}` once it listens and stops on SIGTERM. Running apart from the benchmark
 * means its resident memory is the server's alone.
 */
async function main(): Promise<void> {
  const [where, dataDir] = process.argv.slice(2);
  if (!where || !dataDir) throw new Error('usage: manifest-server.ts <pglite-dir | postgres-url> <data-dir>');
  const database = /^postgres(ql)?:\/\//.test(where) ? await openDatabase({ url: where, poolSize: 10 }) : await openDatabase({ dataDir: where });
  const config = loadConfig({ DATA_DIR: path.resolve(dataDir), LOG_LEVEL: 'silent', NODE_ENV: 'production', JOBS_ENABLED: 'false' });
  // Every manifest is rebuilt at the top of each hour (and shops open and close then), so a run
  // crossing one measured rebuilds, or failed for answering 200 where 304 was expected. The
  // app's clock is set back to start two minutes past an hour: no run comes near the next one.
  const clockOffset = (Date.now() - 2 * 60_000 + HOUR) % HOUR;
  const deps: AppDeps = {
    config,
    database,
    storage: await createBlobStore(config),
    clock: { now: () => new Date(Date.now() - clockOffset) },
    log: pino({ level: 'silent' }),
    readiness: { migrated: true, shuttingDown: false },
  };
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
  });
  // SIGUSR2: print memory use after a full collection (with --expose-gc), to tell live data from heap slack.
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    process.stderr.write(`${JSON.stringify({ memory: process.memoryUsage() })}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    database.close().finally(() => process.exit(0));
  });
}

await main();
