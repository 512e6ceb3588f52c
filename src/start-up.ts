import { ensureFirstAdmin } from './accounts/users-service.js';
import { importCampaignDefinitions } from './campaigns/import-definitions.js';
import type { AppDeps } from './deps.js';
import { NO_JOBS, type StopJobs, startJobs } from './jobs/start-jobs.js';

/**
 * What happens once after the server listens: migrations, the first admin, the demo campaigns,
 * then the jobs. Returns the function that stops the jobs (awaiting runs in flight).
 */
export async function startUp(deps: AppDeps): Promise<StopJobs> {
  const { config, database, log } = deps;
  await database.migrate();
  deps.readiness.migrated = true;
  log.info({ database: database.kind }, 'migrations applied');
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureFirstAdmin(database.db, {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
    });
    log.info({ email: config.ADMIN_EMAIL, outcome }, 'first admin');
  }
  if (config.IMPORT_CAMPAIGNS_ON_START) {
    const summary = await importCampaignDefinitions(deps, config.campaignsDir, {
      shouldStop: () => deps.readiness.shuttingDown,
    });
    log.info(
      summary,
      deps.readiness.shuttingDown ? 'campaign import paused by shutdown' : 'campaign definitions imported',
    );
  }
  if (deps.readiness.shuttingDown) return NO_JOBS;
  return config.JOBS_ENABLED ? startJobs(deps) : NO_JOBS;
}
