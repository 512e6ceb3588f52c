import path from 'node:path';
import { createApp } from './app.js';
import { createBlobStore } from './assets/create-blob-store.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { type AppDeps, systemClock } from './deps.js';
import { createLogger } from './log.js';
import { stopScheduleSync } from './manifests/schedule-sync.js';
import { closeServer, serveApp } from './ops/http-server.js';
import { startUp } from './start-up.js';

/** Starts the service: config → database → migrations → app → jobs, and stops it gracefully. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const storage = await createBlobStore(config, database);
  const deps: AppDeps = {
    config,
    database,
    storage,
    clock: systemClock,
    log,
    readiness: { migrated: false, shuttingDown: false },
  };
  const app = createApp(deps);

  // Listen before migrating, so /healthz answers at once and /readyz says when we are ready.
  // Header and request timeouts keep slow clients (slowloris) from holding sockets.
  const server = serveApp(app.fetch, config, log);
  log.info({ database: database.kind, mediaStore: config.mediaStore }, 'started');

  // Start-up work (migrations, import, jobs) runs while the server already answers /healthz.
  const startingUp = startUp(deps).catch((error) => {
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const stoppingAt = Date.now();
    // /readyz answers 503 from now on and responses say Connection: close, so balancers move on.
    deps.readiness.shuttingDown = true;
    log.info({ signal }, 'shutting down');
    // New connections are refused at once; requests and job runs in flight get the grace period
    // to finish, at the same time, before the database closes under them.
    const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
    const closed = closeServer(server, graceMs, log);
    // The import checks shuttingDown between files, so this wait is short.
    const stopJobs = await startingUp;
    if (stopJobs) log.info(await stopJobs(Math.max(0, graceMs - (Date.now() - stoppingAt))), 'jobs stopped');
    await closed;
    await stopScheduleSync(deps);
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('start failed:', error);
  process.exit(1);
});
