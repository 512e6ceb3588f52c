import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueMessages, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../src/mail/deliver.js';
import { enqueueMessage } from '../../src/mail/outbox.js';
import { outboxMessages } from '../../src/mail/schema.js';
import {
  type MailEnvelope,
  type MailTransport,
  nodemailerTransport,
  transportFromConfig,
} from '../../src/mail/transport.js';
import { runScheduledJob } from '../orders/order-fixtures.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { DATABASE_POOL_SIZE: '10' } });
});
afterAll(() => t.close());

const FROM = 'Kampanjnavet <no-reply@example.se>';

/** A transport that records what it sends, optionally failing or waiting first. */
function recordingTransport(options: { fail?: (message: MailEnvelope) => boolean; delayMs?: number } = {}) {
  const sent: MailEnvelope[] = [];
  const transport: MailTransport = {
    async send(message) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fail?.(message)) throw new Error('421 try again later');
      sent.push(message);
    },
  };
  return { sent, transport };
}

async function enqueue(subject = unique('Ämne')) {
  const relatedTo = unique('test');
  await enqueueMessage(
    t.database.db,
    { to: 'asa@example.se', subject, text: 'Hej Åsa!\n\nHello Åsa,', relatedTo },
    t.clock.now(),
  );
  const [row] = await t.database.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.relatedTo, relatedTo));
  if (!row) throw new Error('not enqueued');
  return row;
}

async function messageById(id: string) {
  const [row] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

describe('delivering the outbox', () => {
  it('sends due messages once and marks them sent', async () => {
    const message = await enqueue('Vi har tagit emot din beställning');
    const { sent, transport } = recordingTransport();
    await deliverDueMessages(t.database.db, transport, { now: t.clock.now(), from: FROM, batchSize: 500 });
    expect(sent.filter((item) => item.subject === 'Vi har tagit emot din beställning')).toEqual([
      {
        from: FROM,
        to: 'asa@example.se',
        subject: 'Vi har tagit emot din beställning',
        text: 'Hej Åsa!\n\nHello Åsa,',
        messageId: `<${message.id}@kampanjnavet>`,
      },
    ]);
    expect(await messageById(message.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      sentAt: t.clock.now(),
    });
    const again = recordingTransport();
    await deliverDueMessages(t.database.db, again.transport, {
      now: t.clock.now(),
      from: FROM,
      batchSize: 500,
    });
    expect(again.sent.map((item) => item.messageId)).not.toContain(`<${message.id}@kampanjnavet>`);
  });

  it('retries a failed send with growing delays, keeping the error, and gives up after the last attempt', async () => {
    const message = await enqueue();
    const failing = recordingTransport({ fail: (item) => item.messageId === `<${message.id}@kampanjnavet>` });
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const report = await deliverDueMessages(t.database.db, failing.transport, {
        now: t.clock.now(),
        from: FROM,
        batchSize: 500,
      });
      const row = await messageById(message.id);
      expect(row).toMatchObject({ attempts: attempt, lastError: '421 try again later' });
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(row?.status).toBe('pending');
        expect(row?.nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + retryDelayMs(attempt));
        // Not due yet: a run just before the retry time leaves it alone.
        t.clock.advance(retryDelayMs(attempt) - 1000);
        await deliverDueMessages(t.database.db, failing.transport, {
          now: t.clock.now(),
          from: FROM,
          batchSize: 500,
        });
        expect((await messageById(message.id))?.attempts).toBe(attempt);
        t.clock.advance(1000);
      } else {
        expect(row?.status).toBe('failed');
        expect(report.failed).toBeGreaterThanOrEqual(1);
      }
    }
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(4 * 60_000);
    expect(retryDelayMs(20)).toBe(6 * 60 * 60 * 1000);
  });

  it('lets two deliverers run at once without sending any message twice', async () => {
    const messages = await Promise.all(Array.from({ length: 12 }, () => enqueue()));
    const ids = new Set(messages.map((message) => `<${message.id}@kampanjnavet>`));
    const a = recordingTransport({ delayMs: 5 });
    const b = recordingTransport({ delayMs: 5 });
    await Promise.all([
      deliverDueMessages(t.database.db, a.transport, { now: t.clock.now(), from: FROM, batchSize: 500 }),
      deliverDueMessages(t.database.db, b.transport, { now: t.clock.now(), from: FROM, batchSize: 500 }),
    ]);
    const sentIds = [...a.sent, ...b.sent].map((item) => item.messageId).filter((id) => ids.has(id));
    expect(sentIds.sort()).toEqual([...ids].sort());
  });

  it('hands messages to nodemailer with sender, recipient, subject and UTF-8 text', async () => {
    const captured: string[] = [];
    const transporter = nodemailer.createTransport({ jsonTransport: true });
    const transport = nodemailerTransport(transporter);
    const original = transporter.sendMail.bind(transporter);
    transporter.sendMail = (async (mail: Parameters<typeof original>[0]) => {
      const info = await original(mail);
      captured.push(String((info as { message: string }).message));
      return info;
    }) as typeof transporter.sendMail;
    await transport.send({
      from: FROM,
      to: 'asa@example.se',
      subject: 'Din beställning är på väg',
      text: 'Hej Åsa!',
      messageId: '<x@kampanjnavet>',
    });
    const json = JSON.parse(captured[0] ?? '{}');
    expect(json).toMatchObject({
      subject: 'Din beställning är på väg',
      text: 'Hej Åsa!',
      messageId: '<x@kampanjnavet>',
    });
    expect(json.to).toEqual([{ address: 'asa@example.se', name: '' }]);
    expect(json.from).toEqual({ address: 'no-reply@example.se', name: 'Kampanjnavet' });
  });
});

describe('the mail job', () => {
  const runMailJob = (context: TestContext) => runScheduledJob(context, 'mail.deliver');

  it('leaves messages in the outbox when no SMTP server is configured', async () => {
    expect(transportFromConfig(t.deps.config)).toBeNull();
    const message = await enqueue();
    t.clock.advance(60_000);
    expect(await runMailJob(t)).toMatchObject({ ran: true, result: { skipped: expect.any(String) } });
    expect(await messageById(message.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('keeps a message for retry when the SMTP server cannot be reached', async () => {
    const unreachable = await createTestContext({
      env: { SMTP_URL: 'smtp://127.0.0.1:9/?connectionTimeout=2000', MAIL_FROM: FROM },
    });
    try {
      await enqueueMessage(
        unreachable.database.db,
        { to: 'asa@example.se', subject: 'Test', text: 'Hej' },
        unreachable.clock.now(),
      );
      const run = await runMailJob(unreachable);
      expect(run).toMatchObject({ ran: true, result: { sent: 0, retrying: 1 } });
      const [row] = await unreachable.database.db.select().from(outboxMessages);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.lastError).toBeTruthy();
    } finally {
      await unreachable.close();
    }
  });
});
