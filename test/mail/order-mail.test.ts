import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/mail/schema.js';
import {
  createOrderWorld,
  createProduct,
  orderBody,
  type OrderWorld,
  organisationWithMember,
  postOrder,
  runScheduledJob,
} from '../orders/order-fixtures.js';

let world: OrderWorld;
beforeAll(async () => {
  world = await createOrderWorld({ SMTP_URL: 'smtp://127.0.0.1:9/?connectionTimeout=2000' });
});
afterAll(() => world.t.close());

describe('order e-mail when the mail server is down', () => {
  it('takes and approves the order anyway; the e-mails wait in the outbox with the error', async () => {
    const product = await createProduct(world, { stock: 10 });
    const school = await organisationWithMember(world, '1980');
    const placed = await postOrder(world, school.token, orderBody(world.campaignId, [[product.id, 2]]));
    expect(placed.status).toBe(201);
    const order = await placed.json();

    const run = await runScheduledJob(world.t, 'mail.deliver');
    expect(run).toMatchObject({ ran: true, result: { sent: 0, retrying: 1 } });

    const approved = await world.t.request(`/api/v1/orders/${order.id}/approve`, {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(approved.status).toBe(200);
    const messages = await world.t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.relatedTo, `order:${order.id}`));
    expect(messages.map((message) => message.status)).toEqual(['pending', 'pending']);
    expect(messages.find((message) => message.attempts === 1)?.lastError).toBeTruthy();
  });
});
