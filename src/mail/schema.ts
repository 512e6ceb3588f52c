import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

/**
 * E-mail waiting to go out (transactional outbox). Rows are written in the same transaction as the
 * change they report, so a message exists exactly when the change does; a job sends them later.
 * Without SMTP the rows simply stay here, readable by developers.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    /** What the message is about, e.g. "order:<id>", so personal data can be removed with its subject. */
    relatedTo: text('related_to'),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a delivery may next be tried; a claimed message is pushed ahead by the claim lease. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('outbox_messages_due_idx').on(table.status, table.nextAttemptAt),
    index('outbox_messages_related_idx').on(table.relatedTo),
  ],
);
