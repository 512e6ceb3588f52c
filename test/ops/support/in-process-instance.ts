import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../../../src/app.js';
import { createBlobStore } from '../../../src/assets/create-blob-store.js';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/db/client.js';
import { type AppDeps, systemClock } from '../../../src/deps.js';
import { stopScheduleSync } from '../../../src/manifests/schedule-sync.js';

/** An app instance in this process, on a real socket and its own connection pool, as main.ts builds it. */
export interface Instance {
  base: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/** Starts an instance on a PostgreSQL URL (already migrated), with the system clock and shared media. */
export async function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-instance-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const database = await openDatabase({ url: databaseUrl, poolSize: 5 });
  const deps: AppDeps = {
    config,
    database,
    storage: await createBlobStore(config, database),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    readiness: { migrated: true, shuttingDown: false },
  };
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    deps,
    async close() {
      deps.readiness.shuttingDown = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopScheduleSync(deps);
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
