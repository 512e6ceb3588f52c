import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/mail/schema.js';
import { orderIdempotencyKeys, orderLines } from '../../src/orders/schema.js';
import { packDownloads } from '../../src/packs/schema.js';
import {
  createOrderWorld,
  createProduct,
  IN_WINDOW,
  orderBody,
  type OrderWorld,
  organisationWithMember,
  postOrder,
  runScheduledJob,
} from './order-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
let world: OrderWorld;
let productId: string;
beforeAll(async () => {
  world = await createOrderWorld({ ORDER_PII_RETENTION_DAYS: '30' });
  productId = (await createProduct(world, { stock: 100 })).id;
});
afterAll(() => world.t.close());

const runPurgeJob = () => runScheduledJob(world.t, 'orders.purge-personal-data');

describe('removing personal data after shipping', () => {
  it('deletes print files the retention time after printing and order data the retention time after shipping, keeping quantities', async () => {
    world.t.clock.set(IN_WINDOW);
    const school = await organisationWithMember(world, '1980');
    const order = await (
      await postOrder(world, school.token, orderBody(world.campaignId, [[productId, 12]]), 'purge-key')
    ).json();
    const neverShipped = await (
      await postOrder(world, school.token, orderBody(world.campaignId, [[productId, 3]]))
    ).json();
    const waiting = await (
      await postOrder(world, school.token, orderBody(world.campaignId, [[productId, 2]]))
    ).json();
    for (const id of [order.id, neverShipped.id]) {
      expect(
        (await world.t.request(`/api/v1/orders/${id}/approve`, { method: 'POST', token: world.national }))
          .status,
      ).toBe(200);
    }
    const batch = await (
      await world.t.request('/api/v1/print-batches', { method: 'POST', token: world.national })
    ).json();
    const printedAt = Date.parse(IN_WINDOW);
    world.t.clock.set('2026-12-20T10:00:00Z');
    expect(
      (await world.t.request(`/api/v1/orders/${order.id}/ship`, { method: 'POST', token: world.national }))
        .status,
    ).toBe(200);
    const shippedAt = Date.parse('2026-12-20T10:00:00Z');
    const orderView = async (id: string) =>
      (await world.t.request(`/api/v1/orders/${id}`, { token: school.token })).json();

    world.t.clock.set(new Date(printedAt + 29 * DAY));
    expect(await runPurgeJob()).toMatchObject({ ran: true, result: { orders: 0, batchFiles: 0 } });
    expect((await world.t.request(batch.pdf.url, { token: world.national })).status).toBe(200);

    world.t.clock.set(new Date(printedAt + 31 * DAY));
    expect(await runPurgeJob()).toMatchObject({ ran: true, result: { orders: 1, batchFiles: 2 } });
    expect((await world.t.request(batch.pdf.url, { token: world.national })).status).toBe(410);
    expect((await world.t.request(batch.csv.url, { token: world.national })).status).toBe(410);
    expect(await world.t.deps.storage.has(batch.pdf.sha256)).toBe(false);
    expect(await world.t.deps.storage.has(batch.csv.sha256)).toBe(false);
    expect(
      await (await world.t.request(`/api/v1/print-batches/${batch.id}`, { token: world.national })).json(),
    ).toMatchObject({
      pdf: null,
      csv: null,
      orderCount: 2,
      copies: 15,
    });
    expect((await orderView(neverShipped.id)).contact.email).toBeNull();
    expect((await orderView(order.id)).contact.email).toBe('asa.oberg@example.se');

    world.t.clock.set(new Date(shippedAt + 31 * DAY));
    expect(await runPurgeJob()).toMatchObject({ ran: true, result: { orders: 1, idempotencyKeys: 1 } });
    const purged = await orderView(order.id);
    expect(purged.contact).toEqual({ name: '[borttaget]', email: null, phone: null });
    expect(purged.deliveryAddress).toEqual({
      recipient: '[borttaget]',
      street: '[borttaget]',
      postalCode: '[borttaget]',
      city: 'Västerås',
    });
    expect(purged.personalDataPurgedAt).not.toBeNull();
    expect(purged.lines.map((line: { quantity: number }) => line.quantity)).toEqual([12]);
    expect(purged.status).toBe('shipped');
    const db = world.t.database.db;
    expect(
      await db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.relatedTo, `order:${order.id}`)),
    ).toEqual([]);
    expect(
      await db.select().from(orderIdempotencyKeys).where(eq(orderIdempotencyKeys.orderId, order.id)),
    ).toEqual([]);
    expect(await db.select().from(orderLines).where(eq(orderLines.orderId, order.id))).toHaveLength(1);

    // An order still open keeps its data however old it is.
    const stillOpen = await orderView(waiting.id);
    expect(stillOpen.contact.email).toBe('asa.oberg@example.se');
    expect(stillOpen.deliveryAddress.street).toBe('Storgatan 1');
  });
});

describe('exporting an organisation’s data', () => {
  it('gives members their organisation’s data only, never password or token hashes', async () => {
    world.t.clock.set(IN_WINDOW);
    const ours = await organisationWithMember(world, '1980', 'Västerås ungdomsförening');
    const theirs = await organisationWithMember(world, '1980', 'Grannföreningen');
    const ourOrder = await (
      await postOrder(world, ours.token, orderBody(world.campaignId, [[productId, 1]]))
    ).json();
    const theirOrder = await (
      await postOrder(
        world,
        theirs.token,
        orderBody(world.campaignId, [[productId, 1]], {
          contact: { name: 'Bo Grann', email: 'bo@example.se', phone: '08-123 45' },
        }),
      )
    ).json();
    await world.t.database.db.insert(packDownloads).values([
      {
        campaignId: world.campaignId,
        language: 'sv',
        organisationId: ours.organisation.id,
        userId: ours.user.id,
        at: world.t.clock.now(),
      },
      {
        campaignId: world.campaignId,
        language: 'en',
        organisationId: theirs.organisation.id,
        userId: theirs.user.id,
        at: world.t.clock.now(),
      },
    ]);

    const response = await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`, {
      token: ours.token,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.organisation).toMatchObject({ id: ours.organisation.id, name: 'Västerås ungdomsförening' });
    expect(data.users.map((user: { id: string }) => user.id)).toEqual([ours.user.id]);
    expect(data.users[0].apiTokens).toHaveLength(1);
    expect(data.orders.map((order: { id: string }) => order.id)).toEqual([ourOrder.id]);
    expect(data.orders[0].events).toEqual([expect.objectContaining({ toStatus: 'submitted' })]);
    expect(data.packDownloads).toEqual([expect.objectContaining({ language: 'sv', userId: ours.user.id })]);
    expect(text).not.toContain(theirOrder.id);
    expect(text).not.toContain('Bo Grann');
    expect(text).not.toContain('Grannföreningen');
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|scrypt|argon/i);
  });

  it('answers 404 to other organisations, 403 to coordinators, and 200 to admins', async () => {
    const ours = await organisationWithMember(world, '1980');
    const stranger = await organisationWithMember(world, '1980');
    expect(
      (
        await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`, {
          token: stranger.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`, {
          token: world.vastmanland,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`, {
          token: world.uppsala,
        })
      ).status,
    ).toBe(404);
    expect(
      (await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`, { token: world.admin }))
        .status,
    ).toBe(200);
    expect((await world.t.request(`/api/v1/organisations/${ours.organisation.id}/export`)).status).toBe(401);
  });
});
