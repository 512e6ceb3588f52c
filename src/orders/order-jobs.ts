import type { Config } from '../config.js';
import type { JobDefinition } from '../jobs/start-jobs.js';
import { purgeOrderPersonalData } from './personal-data-purge.js';
import { createPrintBatch } from './print-batch-service.js';

/**
 * The order jobs: the daily print batch (PRINT_BATCH_CRON, one run per UTC day across instances;
 * no approved orders makes no batch) and the nightly removal of personal data from closed orders.
 */
export function orderJobDefinitions(config?: Pick<Config, 'PRINT_BATCH_CRON'>): JobDefinition[] {
  return [
    {
      name: 'orders.print-batch',
      schedule: config?.PRINT_BATCH_CRON ?? '0 6 * * *',
      slot: 'day',
      run: async (deps, now) => {
        const result = await createPrintBatch(deps.database.db, deps.storage, 'system', now);
        return result.ok
          ? { batchId: result.batch.id, orders: result.batch.orderCount }
          : { batchId: null, reason: result.reason };
      },
    },
    {
      name: 'orders.purge-personal-data',
      schedule: '20 3 * * *',
      slot: 'day',
      run: (deps, now) =>
        purgeOrderPersonalData(deps.database.db, deps.storage, {
          now,
          retentionDays: deps.config.ORDER_PII_RETENTION_DAYS,
          log: deps.log,
        }),
    },
  ];
}
