import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServices, startService } from './support/child-service.js';
import {
  ADMIN,
  ADMIN_ENV,
  apiTokenFor,
  call,
  orderOf,
  pairScreenOverHttp,
  playEvent,
  setUpOrdering,
} from './support/hub-world.js';
import { createServerDatabase, NEEDS_POSTGRES, SERVER_URL } from './support/server-database.js';

const ORDERS = 40;
const BATCHES = 24;
const EVENTS_PER_BATCH = 25;

/** Runs `work` over the items with `lanes` loops at once. */
async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * Kills the service with SIGKILL in the middle of a burst of orders and play batches, restarts it
 * on the same data, and checks that everything acknowledged is there and that retries of every
 * request (acknowledged or not) create nothing twice.
 */
async function killMidBurstAndRecover(env: Record<string, string>): Promise<void> {
  let service = await startService({ ...env, ...ADMIN_ENV });
  const adminToken = await apiTokenFor(service.base, ADMIN.email, ADMIN.password);
  const world = await setUpOrdering(service.base, adminToken);
  const screen = await pairScreenOverHttp(service.base, adminToken);

  const orders = Array.from({ length: ORDERS }, (_, i) => ({
    key: `crash-order-${i}-${Date.now()}`,
    body: orderOf(world, 1 + (i % 5)),
  }));
  const batches = Array.from({ length: BATCHES }, () => Array.from({ length: EVENTS_PER_BATCH }, playEvent));
  const acknowledgedOrders = new Map<string, string>();
  const acknowledgedBatches = new Set<number>();
  const postOrder = (base: string, order: (typeof orders)[number]) =>
    call(base, '/api/v1/orders', {
      method: 'POST',
      token: world.memberToken,
      json: order.body,
      headers: { 'idempotency-key': order.key },
    });
  const postBatch = (base: string, index: number) =>
    call(base, '/api/v1/screens/me/plays', {
      method: 'POST',
      token: screen.token,
      json: { events: batches[index] },
    });

  let killed = false;
  const killer = (async () => {
    while (acknowledgedOrders.size < ORDERS / 3) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    await service.kill();
  })();
  const swallow = async (work: () => Promise<void>) => {
    if (killed) return;
    await work().catch(() => {}); // A request cut by the kill is simply not acknowledged.
  };
  await Promise.all([
    inLanes(orders, 6, (order) =>
      swallow(async () => {
        const response = await postOrder(service.base, order);
        if (response.status === 201)
          acknowledgedOrders.set(order.key, ((await response.json()) as { id: string }).id);
      }),
    ),
    inLanes(
      batches.map((_, index) => index),
      3,
      (index) =>
        swallow(async () => {
          const response = await postBatch(service.base, index);
          if (response.status === 200) acknowledgedBatches.add(index);
        }),
    ),
    killer,
  ]);
  expect(acknowledgedOrders.size).toBeGreaterThanOrEqual(ORDERS / 3);
  expect(acknowledgedOrders.size).toBeLessThan(ORDERS);

  service = await startService({ ...env });
  try {
    // Every acknowledged order survived the kill.
    for (const id of acknowledgedOrders.values()) {
      expect((await call(service.base, `/api/v1/orders/${id}`, { token: world.memberToken })).status).toBe(
        200,
      );
    }
    // Retrying every order (as a client that never saw an answer would) creates each exactly once.
    await inLanes(orders, 4, async (order) => {
      const retried = await postOrder(service.base, order);
      expect(retried.status).toBe(201);
      const id = ((await retried.json()) as { id: string }).id;
      const acknowledged = acknowledgedOrders.get(order.key);
      if (acknowledged) {
        expect(id).toBe(acknowledged);
        expect(retried.headers.get('idempotent-replayed')).toBe('true');
      }
    });
    const listed = (await (
      await call(service.base, '/api/v1/orders?limit=200', { token: world.memberToken })
    ).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(ORDERS);

    // Plays: acknowledged batches are stored already; a retry of anything stores only what is missing.
    const indexes = batches.map((_, index) => index);
    await inLanes(indexes, 4, async (index) => {
      const retried = (await (await postBatch(service.base, index)).json()) as {
        accepted: number;
        duplicates: number;
      };
      expect(retried.accepted + retried.duplicates).toBe(EVENTS_PER_BATCH);
      if (acknowledgedBatches.has(index)) expect(retried.accepted).toBe(0);
    });
    await inLanes(indexes, 4, async (index) => {
      expect(await (await postBatch(service.base, index)).json()).toEqual({
        accepted: 0,
        duplicates: EVENTS_PER_BATCH,
      });
    });
  } finally {
    await service.stop();
  }
}

afterAll(() => killAllServices());

describe('SIGKILL in the middle of a burst of orders and plays', () => {
  it('keeps every acknowledged request and creates no duplicates on retry (embedded database)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-crash-'));
    try {
      await killMidBurstAndRecover({ DATA_DIR: dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!SERVER_URL)(
    `does the same on PostgreSQL (${SERVER_URL ? 'TEST_DATABASE_URL' : NEEDS_POSTGRES})`,
    async () => {
      const server = await createServerDatabase();
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-crash-pg-'));
      try {
        await killMidBurstAndRecover({ DATA_DIR: dataDir, DATABASE_URL: server.url });
      } finally {
        await server.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
