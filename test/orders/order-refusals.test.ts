import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderWorld,
  createProduct,
  IN_WINDOW,
  orderBody,
  orderRowCounts,
  type OrderWorld,
  organisationWithMember,
  postOrder,
  stockOf,
} from './order-fixtures.js';

let world: OrderWorld;
let poster: Awaited<ReturnType<typeof createProduct>>;
let member: Awaited<ReturnType<typeof organisationWithMember>>;

beforeAll(async () => {
  world = await createOrderWorld();
  poster = await createProduct(world, { maxPerOrder: 50, quotaPerOrganisation: 60, stock: 1000 });
  member = await organisationWithMember(world, '1980');
});
afterAll(() => world.t.close());

/** Asserts a refusal: the status, a problem body with the code, and no rows or stock changed. */
async function expectRefusal(
  send: () => Promise<Response>,
  status: number,
  code: string,
  productId = poster.id,
) {
  const before = await orderRowCounts(world);
  const stockBefore = await stockOf(world, productId);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const body = await response.json();
  expect(body.code).toBe(code);
  expect(await orderRowCounts(world)).toEqual(before);
  expect(await stockOf(world, productId)).toBe(stockBefore);
  return body;
}

describe('orders outside the ordering window', () => {
  it('refuses an order before 15 December with when ordering opens', async () => {
    world.t.clock.set('2026-12-14T12:00:00Z');
    const body = await expectRefusal(
      () => postOrder(world, member.token, orderBody(world.campaignId, [[poster.id, 1]])),
      422,
      'ordering_closed',
    );
    expect(body.detail).toContain('2026-12-14T23:00:00.000Z');
    world.t.clock.set(IN_WINDOW);
  });

  it('refuses an order after the window closed on 31 March', async () => {
    world.t.clock.set('2027-03-31T22:00:01Z');
    await expectRefusal(
      () => postOrder(world, member.token, orderBody(world.campaignId, [[poster.id, 1]])),
      422,
      'ordering_closed',
    );
    world.t.clock.set(IN_WINDOW);
  });

  it('takes an order on the last evening of the window', async () => {
    world.t.clock.set('2027-03-31T21:59:00Z');
    const other = await organisationWithMember(world, '1980');
    const response = await postOrder(world, other.token, orderBody(world.campaignId, [[poster.id, 1]]));
    expect(response.status).toBe(201);
    expect((await response.json()).seasonKey).toBe('2026-12-15');
    world.t.clock.set(IN_WINDOW);
  });
});

describe('limits', () => {
  it('refuses more than the maximum per order, naming the product', async () => {
    const body = await expectRefusal(
      () => postOrder(world, member.token, orderBody(world.campaignId, [[poster.id, 51]])),
      422,
      'max_per_order_exceeded',
    );
    expect(body.productCode).toBe(poster.code);
  });

  it('counts the season quota over all the organisation’s orders, not per order', async () => {
    const school = await organisationWithMember(world, '1980');
    expect(
      (await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 40]]))).status,
    ).toBe(201);
    const body = await expectRefusal(
      () => postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 21]])),
      422,
      'quota_exceeded',
    );
    expect(body.detail).toContain('20 left');
    expect(
      (await postOrder(world, school.token, orderBody(world.campaignId, [[poster.id, 20]]))).status,
    ).toBe(201);
  });

  it('gives the quota back when an order is cancelled, and starts afresh next season', async () => {
    const club = await organisationWithMember(world, '1980');
    const first = await (
      await postOrder(world, club.token, orderBody(world.campaignId, [[poster.id, 50]]))
    ).json();
    await expectRefusal(
      () => postOrder(world, club.token, orderBody(world.campaignId, [[poster.id, 20]])),
      422,
      'quota_exceeded',
    );
    expect(
      (await world.t.request(`/api/v1/orders/${first.id}/cancel`, { method: 'POST', token: club.token }))
        .status,
    ).toBe(200);
    expect((await postOrder(world, club.token, orderBody(world.campaignId, [[poster.id, 50]]))).status).toBe(
      201,
    );

    world.t.clock.set('2027-12-16T09:00:00Z');
    const nextSeason = await postOrder(world, club.token, orderBody(world.campaignId, [[poster.id, 50]]));
    expect(nextSeason.status).toBe(201);
    expect((await nextSeason.json()).seasonKey).toBe('2027-12-15');
    world.t.clock.set(IN_WINDOW);
  });

  it('refuses a product of another campaign or an inactive one with the failing line', async () => {
    const inactive = await createProduct(world);
    await world.t.request(`/api/v1/products/${inactive.id}`, {
      method: 'PATCH',
      token: world.national,
      json: { active: false },
    });
    const body = await expectRefusal(
      () =>
        postOrder(
          world,
          member.token,
          orderBody(world.campaignId, [
            [poster.id, 1],
            [inactive.id, 1],
          ]),
        ),
      422,
      'unknown_product',
    );
    expect(body.errors).toEqual([{ field: 'lines.1.productId', message: expect.any(String) }]);
  });

  it('refuses the organisation default when the organisation has none', async () => {
    const bare = await world.t.organisation({ kind: 'school', municipalityCode: '1980' });
    const { token } = await world.t.user({ role: 'member', organisationId: bare.id });
    await expectRefusal(
      () => postOrder(world, token, orderBody(world.campaignId, [[poster.id, 1]])),
      422,
      'no_default_address',
    );
  });

  it('refuses users without an organisation', async () => {
    await expectRefusal(
      () => postOrder(world, world.uppsala, orderBody(world.campaignId, [[poster.id, 1]])),
      403,
      'forbidden',
    );
  });
});

describe('malformed orders', () => {
  it('answers 400 listing each failing field and writes nothing', async () => {
    const body = await expectRefusal(
      () =>
        postOrder(world, member.token, {
          campaignId: 'not-a-uuid',
          lines: [
            { productId: poster.id, quantity: 0 },
            { productId: poster.id, quantity: 2.5 },
          ],
          delivery: {
            kind: 'address',
            address: { recipient: '', street: 'Storgatan 1', postalCode: '72', city: 'Västerås' },
          },
          contact: { name: 'Åsa', email: 'not-an-email', phone: 'call me' },
          extra: true,
        }),
      400,
      'validation_failed',
    );
    const fields = body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'campaignId',
        'lines.0.quantity',
        'lines.1.quantity',
        'delivery.address.recipient',
        'delivery.address.postalCode',
        'contact.email',
        'contact.phone',
      ]),
    );
  });

  it('refuses the same product on two lines', async () => {
    const body = await expectRefusal(
      () =>
        postOrder(
          world,
          member.token,
          orderBody(world.campaignId, [
            [poster.id, 1],
            [poster.id, 2],
          ]),
        ),
      400,
      'validation_failed',
    );
    expect(body.errors.map((error: { field: string }) => error.field)).toContain('lines');
  });

  it('refuses malformed JSON', async () => {
    const before = await orderRowCounts(world);
    const response = await world.t.request('/api/v1/orders', {
      method: 'POST',
      token: member.token,
      headers: { 'content-type': 'application/json' },
      body: '{"campaignId": ',
    });
    expect(response.status).toBe(400);
    expect(await orderRowCounts(world)).toEqual(before);
  });
});

describe('who may see and change an order', () => {
  let orderId: string;
  beforeAll(async () => {
    const response = await postOrder(world, member.token, orderBody(world.campaignId, [[poster.id, 3]]));
    orderId = (await response.json()).id;
  });

  it('hides an order from another organisation (404), also for cancelling', async () => {
    const stranger = await organisationWithMember(world, '1980');
    const read = await world.t.request(`/api/v1/orders/${orderId}`, { token: stranger.token });
    expect(read.status).toBe(404);
    await expectRefusal(
      () => world.t.request(`/api/v1/orders/${orderId}/cancel`, { method: 'POST', token: stranger.token }),
      404,
      'not_found',
    );
  });

  it('forbids a coordinator of another county to approve (403)', async () => {
    await expectRefusal(
      () => world.t.request(`/api/v1/orders/${orderId}/approve`, { method: 'POST', token: world.uppsala }),
      403,
      'forbidden',
    );
  });

  it('forbids members to approve, even their own organisation’s order (403)', async () => {
    await expectRefusal(
      () => world.t.request(`/api/v1/orders/${orderId}/approve`, { method: 'POST', token: member.token }),
      403,
      'forbidden',
    );
  });

  it('refuses an impossible step (shipping a submitted order) with 409', async () => {
    await expectRefusal(
      () => world.t.request(`/api/v1/orders/${orderId}/ship`, { method: 'POST', token: world.vastmanland }),
      409,
      'invalid_transition',
    );
  });

  it('lets the organisation cancel only while submitted; coordinators until it goes to print', async () => {
    const approved = await world.t.request(`/api/v1/orders/${orderId}/approve`, {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(approved.status).toBe(200);
    await expectRefusal(
      () => world.t.request(`/api/v1/orders/${orderId}/cancel`, { method: 'POST', token: member.token }),
      409,
      'invalid_transition',
    );
    const cancelled = await world.t.request(`/api/v1/orders/${orderId}/cancel`, {
      method: 'POST',
      token: world.vastmanland,
      json: { note: 'Dubbelbeställning' },
    });
    expect(cancelled.status).toBe(200);
    const order = await cancelled.json();
    expect(order.status).toBe('cancelled');
    expect(order.closedAt).not.toBeNull();
    expect(order.events.at(-1)).toMatchObject({
      fromStatus: 'approved',
      toStatus: 'cancelled',
      note: 'Dubbelbeställning',
      actor: { id: expect.any(String) },
    });
  });
});
