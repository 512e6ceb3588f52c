import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { outboxMessages } from './schema.js';
import type { MailTransport } from './transport.js';

/** After this many failed attempts a message is marked failed and left for a person to look at. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** How long a claimed message is hidden from other deliverers while it is being sent. */
const CLAIM_LEASE_MS = 5 * 60 * 1000;

/** The wait before attempt n+1 after n failures: 1, 2, 4 … minutes, at most six hours. */
export function retryDelayMs(failedAttempts: number): number {
  const minutes = 2 ** Math.max(0, failedAttempts - 1);
  return Math.min(minutes * 60_000, 6 * 60 * 60 * 1000);
}

export interface DeliveryOptions {
  now: Date;
  from: string;
  log?: Logger;
  batchSize?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the messages that are due. Each is claimed first (attempts + 1 and a lease, with SKIP
 * LOCKED so instances never take the same one), then sent outside any transaction; a failure only
 * schedules a retry with backoff and records the error, so orders never wait on mail.
 */
export async function deliverDueMessages(
  db: Db,
  transport: MailTransport,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const { now } = options;
  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, now)))
    .orderBy(asc(outboxMessages.nextAttemptAt))
    .limit(options.batchSize ?? 50)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outboxMessages)
    .set({
      attempts: sql`${outboxMessages.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
    })
    .where(inArray(outboxMessages.id, due))
    .returning();

  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  for (const message of claimed) {
    try {
      await transport.send({
        from: options.from,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        messageId: `<${message.id}@kampanjnavet>`,
      });
      await db
        .update(outboxMessages)
        .set({ status: 'sent', sentAt: now, lastError: null })
        .where(eq(outboxMessages.id, message.id));
      report.sent += 1;
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const givingUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({
          status: givingUp ? 'failed' : 'pending',
          lastError,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
        })
        .where(eq(outboxMessages.id, message.id));
      options.log?.warn(
        { messageId: message.id, attempts: message.attempts, err: lastError },
        'mail delivery failed',
      );
      if (givingUp) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}
