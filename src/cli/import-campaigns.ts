import path from 'node:path';
import { createBlobStore } from '../assets/create-blob-store.js';
import { importCampaignDefinitions } from '../campaigns/import-definitions.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { type AppDeps, systemClock } from '../deps.js';
import { createLogger } from '../log.js';

/**
 * `npm run campaigns:import` imports campaigns/ on demand, exactly as a start does: what is new is
 * created, what changed is updated, the rest is left alone. On the embedded database, stop the
 * service first (one process owns a PGlite folder at a time).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    await database.migrate();
    const deps: AppDeps = {
      config,
      database,
      storage: await createBlobStore(config, database),
      clock: systemClock,
      log,
      readiness: { migrated: true, shuttingDown: false },
    };
    const summary = await importCampaignDefinitions(deps, config.campaignsDir);
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
