import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { listOutboxMessages } from './outbox.js';

/**
 * `npx tsx src/mail/print-outbox.ts [--status pending|sent|failed] [--limit 20]` prints the newest
 * outbox messages, so a developer without SMTP can read what the service would have sent.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { status: { type: 'string' }, limit: { type: 'string', default: '20' } },
  });
  const status = values.status as 'pending' | 'sent' | 'failed' | undefined;
  if (status && !['pending', 'sent', 'failed'].includes(status))
    throw new Error('--status must be pending, sent or failed');
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.dataDir, 'pglite'),
  });
  try {
    await database.migrate();
    const messages = await listOutboxMessages(database.db, {
      status,
      limit: Math.max(1, Number(values.limit) || 20),
    });
    for (const message of messages.reverse()) {
      console.log(
        `=== ${message.createdAt.toISOString()} [${message.status}, ${message.attempts} attempts] ${message.id}`,
      );
      console.log(
        `To: ${message.toAddress}\nSubject: ${message.subject}${message.lastError ? `\nLast error: ${message.lastError}` : ''}\n`,
      );
      console.log(message.textBody);
    }
    if (messages.length === 0) console.log('The outbox is empty.');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
