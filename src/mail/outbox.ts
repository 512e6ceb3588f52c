import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outboxMessages } from './schema.js';

export type OutboxRow = typeof outboxMessages.$inferSelect;

/** An e-mail to be sent: one recipient, plain text. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  /** What it is about ("order:<id>"), so it can be found and removed with its subject's personal data. */
  relatedTo?: string;
}

/**
 * Puts a message in the outbox. Call it with the transaction that makes the change the message
 * reports: the message then exists exactly when the change does, and sending happens later.
 */
export async function enqueueMessage(tx: DbOrTx, message: OutgoingMessage, now: Date): Promise<void> {
  await tx.insert(outboxMessages).values({
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    relatedTo: message.relatedTo ?? null,
    nextAttemptAt: now,
    createdAt: now,
  });
}

/** Outbox messages, newest first, optionally by status or subject. */
export async function listOutboxMessages(
  db: DbOrTx,
  filters: { status?: OutboxRow['status']; relatedTo?: string; limit: number },
): Promise<OutboxRow[]> {
  const where: SQL[] = [];
  if (filters.status) where.push(eq(outboxMessages.status, filters.status));
  if (filters.relatedTo) where.push(eq(outboxMessages.relatedTo, filters.relatedTo));
  return db
    .select()
    .from(outboxMessages)
    .where(and(...where))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(filters.limit);
}

/** Deletes every message about the given subjects (they carry names, addresses and e-mails). */
export async function deleteMessagesAbout(tx: DbOrTx, relatedTo: string[]): Promise<number> {
  if (relatedTo.length === 0) return 0;
  const deleted = await tx
    .delete(outboxMessages)
    .where(inArray(outboxMessages.relatedTo, relatedTo))
    .returning({ id: outboxMessages.id });
  return deleted.length;
}
