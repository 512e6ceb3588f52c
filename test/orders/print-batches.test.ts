import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printBatches } from '../../src/orders/schema.js';
import {
  createOrderWorld,
  createProduct,
  orderBody,
  type OrderWorld,
  organisationWithMember,
  postOrder,
  runScheduledJob,
} from './order-fixtures.js';

let world: OrderWorld;
let productId: string;
beforeAll(async () => {
  world = await createOrderWorld();
  productId = (await createProduct(world, { stock: null, maxPerOrder: 500 })).id;
});
afterAll(() => world.t.close());

async function batchCount(): Promise<number> {
  const [row] = await world.t.database.db.select({ n: count() }).from(printBatches);
  return row?.n ?? 0;
}

/** Places and approves an order from a new organisation in a municipality; answers its id. */
async function approvedOrder(municipalityCode: string, copies = 10): Promise<string> {
  const { token } = await organisationWithMember(world, municipalityCode);
  const order = await (
    await postOrder(world, token, orderBody(world.campaignId, [[productId, copies]]))
  ).json();
  const approved = await world.t.request(`/api/v1/orders/${order.id}/approve`, {
    method: 'POST',
    token: world.national,
  });
  expect(approved.status).toBe(200);
  return order.id;
}

const runPrintJob = () => runScheduledJob(world.t, 'orders.print-batch');

describe('print batches by coordinators', () => {
  it('lets a county coordinator batch only the approved orders from their county', async () => {
    const vasteras = await approvedOrder('1980');
    const uppsala = await approvedOrder('0380');
    const response = await world.t.request('/api/v1/print-batches', {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(response.status).toBe(201);
    const batch = await response.json();
    expect(batch).toMatchObject({ countyCode: '19', orderCount: 1 });
    const detail = await (
      await world.t.request(`/api/v1/print-batches/${batch.id}`, { token: world.vastmanland })
    ).json();
    expect(detail.orderIds).toEqual([vasteras]);
    expect(
      (await (await world.t.request(`/api/v1/orders/${uppsala}`, { token: world.national })).json()).status,
    ).toBe('approved');

    // Another county's coordinator neither sees the batch nor downloads its files.
    expect(
      (await world.t.request(`/api/v1/print-batches/${batch.id}`, { token: world.uppsala })).status,
    ).toBe(404);
    expect(
      (await world.t.request(`/api/v1/print-batches/${batch.id}/orders.csv`, { token: world.uppsala }))
        .status,
    ).toBe(404);
    const listed = (await (await world.t.request('/api/v1/print-batches', { token: world.uppsala })).json())
      .items;
    expect(listed.map((item: { id: string }) => item.id)).not.toContain(batch.id);
    // The national coordinator batches the rest.
    const rest = await world.t.request('/api/v1/print-batches', { method: 'POST', token: world.national });
    expect(rest.status).toBe(201);
    expect((await rest.json()).countyCode).toBeNull();
  });

  it('makes no empty batch (409) and refuses members (403)', async () => {
    const before = await batchCount();
    const empty = await world.t.request('/api/v1/print-batches', { method: 'POST', token: world.national });
    expect(empty.status).toBe(409);
    expect((await empty.json()).code).toBe('no_approved_orders');
    const { token } = await organisationWithMember(world, '1980');
    expect((await world.t.request('/api/v1/print-batches', { method: 'POST', token })).status).toBe(403);
    expect((await world.t.request('/api/v1/print-batches', { token })).status).toBe(403);
    expect(await batchCount()).toBe(before);
  });
});

describe('the daily print job', () => {
  it('makes one batch per day however often it runs, and none when nothing is approved', async () => {
    world.t.clock.set('2026-12-18T05:00:00Z');
    const first = await approvedOrder('1980', 3);
    const second = await approvedOrder('0380', 4);
    const before = await batchCount();

    const run = await runPrintJob();
    expect(run.ran).toBe(true);
    expect(await batchCount()).toBe(before + 1);
    const [batch] = (
      await (await world.t.request('/api/v1/print-batches?limit=1', { token: world.national })).json()
    ).items;
    expect(batch).toMatchObject({ createdBy: null, orderCount: 2, copies: 7, countyCode: null });
    for (const id of [first, second]) {
      const order = await (await world.t.request(`/api/v1/orders/${id}`, { token: world.national })).json();
      expect(order.status).toBe('sent_to_print');
      expect(order.events.at(-1)).toMatchObject({ toStatus: 'sent_to_print', actor: null });
    }

    await approvedOrder('1980', 5);
    world.t.clock.advance(60 * 60 * 1000);
    expect(await runPrintJob()).toEqual({ ran: false, reason: 'slot_taken' });
    expect(await batchCount()).toBe(before + 1);

    world.t.clock.set('2026-12-19T05:00:00Z');
    const nextDay = await runPrintJob();
    expect(nextDay).toMatchObject({ ran: true, result: { orders: 1 } });
    world.t.clock.set('2026-12-20T05:00:00Z');
    const nothing = await runPrintJob();
    expect(nothing).toMatchObject({ ran: true, result: { batchId: null, reason: 'no_approved_orders' } });
    expect(await batchCount()).toBe(before + 2);
  });

  it('never puts an order in two batches when two batchers run at once', async () => {
    const ids = await Promise.all(
      ['1980', '1980', '0380', '0380', '1984'].map((code) => approvedOrder(code, 1)),
    );
    const results = await Promise.all([
      world.t.request('/api/v1/print-batches', { method: 'POST', token: world.national }),
      world.t.request('/api/v1/print-batches', { method: 'POST', token: world.national }),
    ]);
    const made = await Promise.all(
      results.filter((response) => response.status === 201).map((response) => response.json()),
    );
    const batchedIds = (
      await Promise.all(
        made.map(
          async (batch) =>
            (
              await (
                await world.t.request(`/api/v1/print-batches/${batch.id}`, { token: world.national })
              ).json()
            ).orderIds,
        ),
      )
    ).flat();
    expect(batchedIds.sort()).toEqual([...ids].sort());
    for (const response of results.filter((item) => item.status !== 201)) expect(response.status).toBe(409);
  });
});
