import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdempotencyKeys, orders } from '../../src/orders/schema.js';
import {
  createOrderWorld,
  createProduct,
  orderBody,
  orderRowCounts,
  type OrderWorld,
  organisationWithMember,
  postOrder,
  stockOf,
} from './order-fixtures.js';

let world: OrderWorld;
beforeAll(async () => {
  world = await createOrderWorld({ DATABASE_POOL_SIZE: '20' });
});
afterAll(() => world.t.close());

describe('stock under concurrent orders', () => {
  it('gives exactly 10 of 50 simultaneous orders of 1 the last 10 copies; the rest get out_of_stock', async () => {
    const sticker = await createProduct(world, { kind: 'sticker', stock: 10, maxPerOrder: 100 });
    const orderers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => organisationWithMember(world, index % 2 ? '1980' : '0380')),
    );
    const before = await orderRowCounts(world);

    const responses = await Promise.all(
      orderers.map(({ token }) => postOrder(world, token, orderBody(world.campaignId, [[sticker.id, 1]]))),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(40);
    const refusals = await Promise.all(
      responses.filter((response) => response.status === 409).map((response) => response.json()),
    );
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ code: 'out_of_stock', productCode: sticker.code });
      expect(refusal.detail).toContain(sticker.code);
    }
    expect(await stockOf(world, sticker.id)).toBe(0);
    const after = await orderRowCounts(world);
    expect(after.orders - before.orders).toBe(10);
    expect(after.lines - before.lines).toBe(10);
    expect(after.outbox - before.outbox).toBe(10);
  });

  it('returns the copies to stock when an order is rejected or cancelled', async () => {
    const poster = await createProduct(world, { stock: 30 });
    const school = await organisationWithMember(world, '1980');
    const first = await (
      await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 12]]))
    ).json();
    const second = await (
      await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 8]]))
    ).json();
    expect(await stockOf(world, poster.id)).toBe(10);

    const rejected = await world.t.request(`/api/v1/orders/${first.id}/reject`, {
      method: 'POST',
      token: world.vastmanland,
      json: { note: 'Fel adress' },
    });
    expect(rejected.status).toBe(200);
    expect(await stockOf(world, poster.id)).toBe(22);
    const catalogue = await (await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`)).json();
    expect(catalogue.items.find((item: { id: string }) => item.id === poster.id).stockLeft).toBe(22);

    expect(
      (await world.t.request(`/api/v1/orders/${second.id}/cancel`, { method: 'POST', token: school.token }))
        .status,
    ).toBe(200);
    expect(await stockOf(world, poster.id)).toBe(30);
    const again = await world.t.request(`/api/v1/orders/${second.id}/cancel`, {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(again.status).toBe(409);
    expect(await stockOf(world, poster.id)).toBe(30);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the same status and body and creates nothing new', async () => {
    const poster = await createProduct(world, { stock: 100 });
    const school = await organisationWithMember(world, '1980');
    const body = orderBody(world.campaignId, [[poster.id, 5]]);
    const first = await postOrder(world, school.token, body, 'retry-1');
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const before = await orderRowCounts(world);

    world.t.clock.advance(60_000);
    const retry = await postOrder(world, school.token, { ...body, contact: { ...body.contact } }, 'retry-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(firstBody);
    expect(await orderRowCounts(world)).toEqual(before);
    expect(await stockOf(world, poster.id)).toBe(95);
  });

  it('keeps keys per organisation: another organisation may use the same key', async () => {
    const poster = await createProduct(world, { stock: null });
    const a = await organisationWithMember(world, '1980');
    const b = await organisationWithMember(world, '1980');
    const first = await (
      await postOrder(world, a.token, orderBody(world.campaignId, [[poster.id, 1]]), 'shared-key')
    ).json();
    const second = await postOrder(
      world,
      b.token,
      orderBody(world.campaignId, [[poster.id, 1]]),
      'shared-key',
    );
    expect(second.status).toBe(201);
    expect((await second.json()).id).not.toBe(first.id);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const poster = await createProduct(world, { stock: 100 });
    const school = await organisationWithMember(world, '1980');
    expect(
      (await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 5]]), 'reused')).status,
    ).toBe(201);
    const before = await orderRowCounts(world);
    const reused = await postOrder(
      world,
      school.token,
      orderBody(world.campaignId, [[poster.id, 6]]),
      'reused',
    );
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('idempotency_key_reused');
    expect(await orderRowCounts(world)).toEqual(before);
    expect(await stockOf(world, poster.id)).toBe(95);
  });

  it('creates one order for ten concurrent requests with the same key, and all get its answer', async () => {
    const poster = await createProduct(world, { stock: 100 });
    const school = await organisationWithMember(world, '1980');
    const body = orderBody(world.campaignId, [[poster.id, 7]]);
    const before = await orderRowCounts(world);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postOrder(world, school.token, body, 'concurrent-key')),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(new Set(bodies.map((item) => item.id)).size).toBe(1);
    for (const item of bodies) expect(item).toEqual(bodies[0]);
    const after = await orderRowCounts(world);
    expect(after.orders - before.orders).toBe(1);
    expect(after.idempotencyKeys - before.idempotencyKeys).toBe(1);
    expect(await stockOf(world, poster.id)).toBe(93);
    const stored = await world.t.database.db
      .select()
      .from(orders)
      .where(eq(orders.organisationId, school.organisation.id));
    expect(stored).toHaveLength(1);
  });

  it('does not store a refused attempt, so a retry after stock returns can succeed', async () => {
    const poster = await createProduct(world, { stock: 2 });
    const school = await organisationWithMember(world, '1980');
    const refused = await postOrder(
      world,
      school.token,
      orderBody(world.campaignId, [[poster.id, 3]]),
      'later',
    );
    expect(refused.status).toBe(409);
    const keys = await world.t.database.db
      .select()
      .from(orderIdempotencyKeys)
      .where(eq(orderIdempotencyKeys.organisationId, school.organisation.id));
    expect(keys).toEqual([]);
    await world.t.request(`/api/v1/products/${poster.id}`, {
      method: 'PATCH',
      token: world.national,
      json: { stock: 5 },
    });
    expect(
      (await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 3]]), 'later')).status,
    ).toBe(201);
  });
});
