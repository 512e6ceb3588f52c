import type { JobDefinition } from '../jobs/start-jobs.js';
import { deliverDueMessages } from './deliver.js';
import { transportFromConfig } from './transport.js';

/** Sends due outbox messages every minute when SMTP_URL is set; without it mail stays in the outbox. */
export function mailJobDefinitions(): JobDefinition[] {
  return [
    {
      name: 'mail.deliver',
      schedule: '* * * * *',
      slot: 'minute',
      run: async (deps, now) => {
        const transport = transportFromConfig(deps.config);
        if (!transport) return { skipped: 'no SMTP_URL; messages stay in the outbox' };
        return deliverDueMessages(deps.database.db, transport, {
          now,
          from: deps.config.MAIL_FROM,
          log: deps.log,
        });
      },
    },
  ];
}
