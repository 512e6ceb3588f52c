import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../support/files.js';
import { type ChildService, killAllServices, startService } from './support/child-service.js';
import {
  ADMIN,
  ADMIN_ENV,
  apiTokenFor,
  call,
  type OrderingWorld,
  pairScreenOverHttp,
  setUpOrdering,
} from './support/hub-world.js';
import { createServerDatabase, NEEDS_POSTGRES, SERVER_URL } from './support/server-database.js';

/*
 * Two instances of the service (src/main.ts, each in its own process with its own data folder)
 * share one fresh PostgreSQL database, as behind a load balancer. Needs PostgreSQL; CI runs it
 * in its PostgreSQL run.
 */

let server: { url: string; drop(): Promise<void> };
const dataDirs: string[] = [];
let a: ChildService;
let b: ChildService;
let adminToken: string;
let world: OrderingWorld;

async function start(): Promise<ChildService> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-multi-'));
  dataDirs.push(dataDir);
  return startService({ DATA_DIR: dataDir, DATABASE_URL: server.url, JOBS_ENABLED: 'true', ...ADMIN_ENV });
}

beforeAll(async () => {
  if (!SERVER_URL) return;
  server = await createServerDatabase();
  // Started together: they race to migrate (an advisory lock makes one wait for the other).
  [a, b] = await Promise.all([start(), start()]);
  adminToken = await apiTokenFor(a.base, ADMIN.email, ADMIN.password);
  world = await setUpOrdering(a.base, adminToken);
}, 120_000);

afterAll(async () => {
  if (!SERVER_URL) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await server?.drop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  killAllServices();
});

describe.skipIf(!SERVER_URL)(
  `several instances on one PostgreSQL${SERVER_URL ? '' : ` (skipped: ${NEEDS_POSTGRES})`}`,
  () => {
    it('serves media uploaded through one instance from the other, which keeps no media files of its own', async () => {
      const assets = (await (
        await call(a.base, `/api/v1/campaigns/${world.campaignId}/assets`, { token: adminToken })
      ).json()) as {
        items: Array<{ url: string; renditions: Array<{ url: string }> }>;
      };
      const urls = assets.items.flatMap((asset) => [
        asset.url,
        ...asset.renditions.map((rendition) => rendition.url),
      ]);
      expect(urls.length).toBeGreaterThan(2);
      for (const url of urls) {
        const fromA = await call(a.base, url);
        const fromB = await call(b.base, url);
        expect(fromB.status).toBe(200);
        expect(fromB.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(Buffer.from(await fromB.arrayBuffer()).equals(Buffer.from(await fromA.arrayBuffer()))).toBe(
          true,
        );
      }
      const ranged = await call(b.base, urls[0] as string, { headers: { range: 'bytes=10-19' } });
      expect(ranged.status).toBe(206);
      expect((await ranged.arrayBuffer()).byteLength).toBe(10);
      for (const dir of dataDirs) expect(await listFiles(path.join(dir, 'media'))).toEqual([]);
    });

    it('gets a change made through one instance to screens polling the other within five seconds', async () => {
      const screen = await pairScreenOverHttp(a.base, adminToken);
      const poll = (instance: ChildService, etag?: string) =>
        call(instance.base, '/api/v1/screens/me/manifest', {
          token: screen.token,
          headers: etag ? { 'if-none-match': etag } : {},
        });
      for (const [writer, reader, name] of [
        [a, b, 'ICA Maxi Erikslund'],
        [b, a, 'ICA Kvantum Hälla'],
      ] as const) {
        const before = await poll(reader);
        expect(before.status).toBe(200);
        const etag = before.headers.get('etag') ?? '';
        expect((await poll(reader, etag)).status).toBe(304);
        const changed = await call(writer.base, `/api/v1/screens/${screen.screenId}`, {
          method: 'PATCH',
          token: adminToken,
          json: { name },
        });
        expect(changed.status).toBe(200);
        const started = Date.now();
        let after = await poll(reader, etag);
        while (after.status === 304 && Date.now() - started < 5000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          after = await poll(reader, etag);
        }
        expect(after.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(((await after.json()) as { screen: { name: string } }).screen.name).toBe(name);
      }
    });

    it('runs each cron job once per slot across the instances', async () => {
      // screens.mark-offline runs every minute on both instances; wait for the next minute to pass.
      const nextMinute = Math.ceil((Date.now() + 1000) / 60_000) * 60_000;
      await new Promise((resolve) => setTimeout(resolve, nextMinute - Date.now() + 8000));
      const finished = [...a.logLines(), ...b.logLines()].filter(
        (line) => line.msg === 'job finished' || line.msg === 'job failed',
      );
      const slots = finished
        .filter((line) => line.job === 'screens.mark-offline')
        .map((line) => String(line.slot));
      expect(slots.length).toBeGreaterThanOrEqual(1);
      expect(new Set(slots).size).toBe(slots.length);
      const bySlot = new Map<string, number>();
      for (const line of finished)
        bySlot.set(`${line.job} ${line.slot}`, (bySlot.get(`${line.job} ${line.slot}`) ?? 0) + 1);
      expect([...bySlot.values()].every((runs) => runs === 1)).toBe(true);
    }, 90_000);
  },
);
