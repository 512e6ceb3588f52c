import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/accounts/users-service.js';
import { assets } from '../../src/assets/schema.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { blobContents } from '../../src/media/schema.js';
import { orderLines, orders } from '../../src/orders/schema.js';
import { makePng, uploadForm } from '../support/files.js';
import {
  ADMIN,
  apiTokenFor,
  call,
  type OrderingWorld,
  orderOf,
  pairScreenOverHttp,
  setUpOrdering,
} from './support/hub-world.js';
import { type Instance, startInstance } from './support/in-process-instance.js';
import { createServerDatabase, NEEDS_POSTGRES, SERVER_URL } from './support/server-database.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

/*
 * PostgreSQL goes away while screens poll: two instances reach it through a TCP proxy that the
 * test cuts (every connection destroyed, new ones refused) and restores. The machine's real
 * PostgreSQL server is never stopped. Needs PostgreSQL; CI runs it in its PostgreSQL run.
 */

let server: { url: string; drop(): Promise<void> };
let direct: Database;
let proxy: TcpProxy;
let a: Instance;
let b: Instance;
let adminToken: string;
let world: OrderingWorld;
let screen: { screenId: string; token: string };
let campaignForUploads: string;

// The client retries a lost connection at most a second apart however long the outage lasted
// (src/db/client.ts), and readiness probes the database every second: recovery well within 5 s.
const RECOVERY_MS = 5_000;
// Long enough that postgres-js' default backoff would have grown to its 20-second ceiling.
const LONG_OUTAGE_MS = 12_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rowCounts() {
  const [o] = await direct.db.select({ n: count() }).from(orders);
  const [l] = await direct.db.select({ n: count() }).from(orderLines);
  const [s] = await direct.db.select({ n: count() }).from(assets);
  const [m] = await direct.db.select({ n: count() }).from(blobContents);
  return { orders: o?.n, orderLines: l?.n, assets: s?.n, blobs: m?.n };
}

function poll(instance: Instance, etag?: string): Promise<Response> {
  return call(instance.base, '/api/v1/screens/me/manifest', {
    token: screen.token,
    headers: etag ? { 'if-none-match': etag } : {},
  });
}

function upload(instance: Instance): Promise<Response> {
  return call(instance.base, `/api/v1/campaigns/${campaignForUploads}/assets`, {
    method: 'POST',
    token: adminToken,
    body: uploadForm(Buffer.from(uploadPng), `outage-${Date.now()}.png`, {
      language: 'sv',
      altText: 'Affisch',
    }),
  });
}
let uploadPng: Buffer;

async function eventually<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(100);
  }
}

beforeAll(async () => {
  if (!SERVER_URL) return;
  server = await createServerDatabase();
  direct = await openDatabase({ url: server.url, poolSize: 2 });
  await direct.migrate();
  await ensureFirstAdmin(direct.db, { email: ADMIN.email, password: ADMIN.password });
  const target = new URL(server.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(server.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  a = await startInstance(proxied.toString());
  b = await startInstance(proxied.toString());
  adminToken = await apiTokenFor(a.base, ADMIN.email, ADMIN.password);
  world = await setUpOrdering(a.base, adminToken);
  campaignForUploads = world.campaignId;
  screen = await pairScreenOverHttp(a.base, adminToken);
  uploadPng = await makePng(320, 200, '#1d4e89');
}, 120_000);

afterAll(async () => {
  if (!SERVER_URL) return;
  await a?.close();
  await b?.close();
  await proxy?.close();
  await direct?.close();
  await server?.drop();
});

describe.skipIf(!SERVER_URL)(
  `PostgreSQL stops while screens poll${SERVER_URL ? '' : ` (skipped: ${NEEDS_POSTGRES})`}`,
  () => {
    it('serves manifests from memory marked stale, answers writes 503 with Retry-After writing nothing, and recovers without a restart', async () => {
      const first = await poll(b);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') ?? '';
      expect((await poll(a)).status).toBe(200);
      const before = await rowCounts();

      await proxy.cut();

      // Screens keep getting their manifests, from memory, soon marked stale.
      const stale = await eventually('a stale mark', 5000, async () => {
        const response = await poll(b, etag);
        expect(response.status).toBe(304);
        return response.headers.get('x-manifest-stale') === 'true' ? response : undefined;
      });
      expect(stale.headers.get('warning')).toMatch(/^110/);
      for (let i = 0; i < 10; i++) {
        const response = await poll(a, etag);
        expect(response.status).toBe(304);
        const full = await poll(b);
        expect(full.status).toBe(200);
        expect(full.headers.get('etag')).toBe(etag);
      }

      // Writes are refused as temporarily unavailable, with a time to come back.
      const order = await call(a.base, '/api/v1/orders', {
        method: 'POST',
        token: world.memberToken,
        json: orderOf(world),
        headers: { 'idempotency-key': 'outage-order-1' },
      });
      expect(order.status).toBe(503);
      expect(Number(order.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await order.json()).code).toBe('database_unavailable');
      const uploaded = await upload(b);
      expect(uploaded.status).toBe(503);
      expect(uploaded.headers.get('retry-after')).not.toBeNull();
      const beat = await call(b.base, '/api/v1/screens/me/heartbeat', {
        method: 'POST',
        token: screen.token,
        json: { playerVersion: 'outage' },
      });
      expect(beat.status).toBe(503);
      expect((await call(a.base, '/readyz')).status).toBe(503);

      // The outage goes on while both instances keep trying the database (every failed
      // connection attempt would lengthen a growing backoff).
      const outageEnds = Date.now() + LONG_OUTAGE_MS;
      while (Date.now() < outageEnds) {
        expect((await call(a.base, '/readyz')).status).toBe(503);
        expect((await poll(b, etag)).status).toBe(304);
        await sleep(200);
      }

      await proxy.restore();
      const restoredAt = Date.now();

      // Everything recovers on its own, promptly, and the refused writes left nothing behind.
      await eventually('readiness of both instances', RECOVERY_MS, async () =>
        (await call(a.base, '/readyz')).status === 200 && (await call(b.base, '/readyz')).status === 200
          ? true
          : undefined,
      );
      // Every pooled connection is back too, not only the first: a burst of requests that each need
      // the database (more than each pool holds) is answered in full.
      const burst = await Promise.all(
        [a, b].flatMap((instance) => Array.from({ length: 12 }, () => call(instance.base, '/readyz'))),
      );
      expect(burst.map((response) => response.status)).toEqual(burst.map(() => 200));
      expect(Date.now() - restoredAt).toBeLessThan(RECOVERY_MS);
      expect(await rowCounts()).toEqual(before);
      // The outage shows in the metrics (scraped over loopback, which needs no token).
      const metrics = await (await call(b.base, '/metrics')).text();
      expect(
        Number(/^hub_manifest_requests_total\{outcome="stale"\} (\d+)/m.exec(metrics)?.[1] ?? 0),
      ).toBeGreaterThan(0);
      expect(Number(/^hub_database_unavailable_total (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
      await eventually('fresh manifests', 10_000, async () => {
        const response = await poll(b, etag);
        return response.status === 304 && response.headers.get('x-manifest-stale') === null
          ? true
          : undefined;
      });
      const retried = await eventually('the order', 10_000, async () => {
        const response = await call(a.base, '/api/v1/orders', {
          method: 'POST',
          token: world.memberToken,
          json: orderOf(world),
          headers: { 'idempotency-key': 'outage-order-1' },
        });
        return response.status === 201 ? response : undefined;
      });
      expect(retried.status).toBe(201);
      expect((await upload(b)).status).toBe(201);
      const after = await rowCounts();
      expect(after.orders).toBe((before.orders ?? 0) + 1);
      expect(after.assets).toBe((before.assets ?? 0) + 1);

      // Changes reach the other instance's screens again without a restart, by notification: its
      // LISTEN connection is back as promptly as the pool (the periodic version check, every 30 s,
      // would be far slower), as in normal operation (multi-instance.test.ts).
      const renamed = await call(a.base, `/api/v1/screens/${screen.screenId}`, {
        method: 'PATCH',
        token: adminToken,
        json: { name: 'ICA efter avbrottet' },
      });
      expect(renamed.status).toBe(200);
      await eventually('the change on the other instance', RECOVERY_MS, async () =>
        (await poll(b, etag)).status === 200 ? true : undefined,
      );
    }, 180_000);

    it('never answers 500 when the connection is cut in the middle of a burst of orders, and retries create each order once', async () => {
      const before = await rowCounts();
      const keys = Array.from({ length: 12 }, (_, i) => `burst-${i}-${Date.now()}`);
      const send = (key: string) =>
        call(a.base, '/api/v1/orders', {
          method: 'POST',
          token: world.memberToken,
          json: orderOf(world, 2),
          headers: { 'idempotency-key': key },
        });
      const burst = Promise.all(keys.map((key) => send(key).then((response) => response.status)));
      await sleep(15);
      await proxy.cut();
      const statuses = await burst;
      expect(statuses.every((status) => status === 201 || status === 503)).toBe(true);
      await proxy.restore();
      await eventually('readiness', RECOVERY_MS, async () =>
        (await call(a.base, '/readyz')).status === 200 ? true : undefined,
      );
      for (const key of keys) {
        const response = await eventually(`order ${key}`, 10_000, async () => {
          const answer = await send(key);
          return answer.status === 201 ? answer : undefined;
        });
        expect(response.status).toBe(201);
      }
      const after = await rowCounts();
      expect(after.orders).toBe((before.orders ?? 0) + keys.length);
      expect(after.orderLines).toBe((before.orderLines ?? 0) + keys.length);
    }, 60_000);
  },
);
