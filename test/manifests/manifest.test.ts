import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import type { AppDeps } from '../../src/deps.js';
import { scheduleSyncOf, stopScheduleSync } from '../../src/manifests/schedule-sync.js';
import { SCHEDULE_CHANNEL } from '../../src/manifests/schedule-version.js';
import { scheduleVersion, slides } from '../../src/slides/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertAsset, pairingEnv, pairScreen, publishedCampaign, slideBody } from '../screens/screen-fixtures.js';

let t: TestContext;
let national: string;
let screen: { screenId: string; token: string };
let slideId: string;
let renditionHash: string;
const extraDatabases: Database[] = [];

const always = { spans: [{ kind: 'always' }] };
const HOUR = 3_600_000;

function fetchManifest(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, etag?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${screen.token}` };
  if (etag) headers['if-none-match'] = etag;
  return Promise.resolve(app.request('/api/v1/screens/me/manifest', { headers }));
}

/** Polls until the manifest changes (another instance's change arrives asynchronously). */
async function pollUntilChanged(app: Parameters<typeof fetchManifest>[0], etag: string): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetchManifest(app, etag);
    if (response.status !== 304) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the manifest never changed');
}

/** A second connection to the test database, as another instance of the service would open. */
async function secondDatabase(): Promise<Database> {
  if (t.database.kind === 'pglite') return t.database;
  const [row] = (await t.database.db.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${row?.name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  extraDatabases.push(database);
  return database;
}

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  t.clock.set('2026-11-23T10:17:00Z');
  const agency = await t.organisation({ kind: 'national_agency' });
  national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token;
  const campaign = await publishedCampaign(t, national, { tier: 'national', airing: always });
  const asset = await insertAsset(t, campaign);
  renditionHash = asset.renditionHash;
  const created = await t.request(`/api/v1/campaigns/${campaign}/slides`, { method: 'POST', token: national, json: slideBody([asset.id]) });
  slideId = (await created.json()).id;
  screen = await pairScreen(t, national);
});
afterAll(async () => {
  for (const database of extraDatabases) await database.close();
  await t.close();
});

describe('the player manifest', () => {
  it('answers 200 with a manifest covering the next 24 hours, then 304 for its ETag', async () => {
    const response = await fetchManifest(t.app);
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag');
    const manifest = await response.json();
    expect(etag).toBe(`"${manifest.version}"`);
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(manifest.serverTime).toBe('2026-11-23T10:17:00.000Z');
    expect(manifest.validFrom).toBe('2026-11-23T10:00:00.000Z');
    expect(Date.parse(manifest.validUntil) - t.clock.now().getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    expect(manifest.pollSeconds).toBeGreaterThanOrEqual(48);
    expect(manifest.pollSeconds).toBeLessThanOrEqual(72);
    expect(manifest.status).toBe('playing');
    expect(manifest.screen).toMatchObject({ id: screen.screenId, orientation: 'landscape', languages: ['sv'] });
    const [segment] = manifest.segments;
    const item = manifest.items[segment.loop[0]];
    expect(item).toMatchObject({ slideId, kind: 'image', hash: renditionHash, url: `/media/${renditionHash}.webp`, format: 'webp', durationSeconds: 10, language: 'sv', tier: 'national' });
    expect(manifest.media).toContainEqual(expect.objectContaining({ url: item.url, hash: item.hash, bytes: item.bytes }));

    const unchanged = await fetchManifest(t.app, etag as string);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(await unchanged.text()).toBe('');
    expect((await fetchManifest(t.app, `W/${etag}, "other"`)).status).toBe(304);
  });

  it('sends the same manifest gzip-encoded to players that accept gzip, with the time it is sent', async () => {
    const plain = await (await fetchManifest(t.app)).json();
    t.clock.advance(1234);
    const response = await t.request('/api/v1/screens/me/manifest', { token: screen.token, headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('accept-encoding');
    const manifest = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'));
    expect(manifest.serverTime).toBe(t.clock.now().toISOString());
    expect({ ...manifest, serverTime: null }).toEqual({ ...plain, serverTime: null });
    const refused = await t.request('/api/v1/screens/me/manifest', { token: screen.token, headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect((await refused.json()).version).toBe(plain.version);
  });

  it('answers 304 without touching the database', async () => {
    let queries = 0;
    const counted = new Proxy(t.database.db, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          queries += 1;
          return value.apply(target, args);
        };
      },
    });
    const deps: AppDeps = { ...t.deps, database: { ...t.database, db: counted } };
    const app = createApp(deps);
    const first = await fetchManifest(app);
    expect(first.status).toBe(200);
    expect(queries).toBeGreaterThan(0);
    queries = 0;
    for (let i = 0; i < 3; i++) expect((await fetchManifest(app, first.headers.get('etag') as string)).status).toBe(304);
    expect(queries).toBe(0);
    await stopScheduleSync(deps);
  });

  it('changes the ETag on the next poll after a slide change through the API', async () => {
    const before = await fetchManifest(t.app);
    const etag = before.headers.get('etag') as string;
    const patched = await t.request(`/api/v1/slides/${slideId}`, { method: 'PATCH', token: national, json: { durationSeconds: 15 } });
    expect(patched.status).toBe(200);
    const after = await fetchManifest(t.app, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const manifest = await after.json();
    expect(manifest.items[0].durationSeconds).toBe(15);
  });

  it("drops its cache when another instance changes the schedule through the same database", async () => {
    const etag = (await fetchManifest(t.app)).headers.get('etag') as string;
    const other: AppDeps = { ...t.deps, database: await secondDatabase() };
    const otherApp = createApp(other);
    const patched = await otherApp.request(`/api/v1/slides/${slideId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${national}`, 'content-type': 'application/json' },
      body: JSON.stringify({ durationSeconds: 25 }),
    });
    expect(patched.status).toBe(200);
    const changed = await pollUntilChanged(t.app, etag);
    expect(changed.status).toBe(200);
    expect((await changed.json()).items[0].durationSeconds).toBe(25);
    await stopScheduleSync(other);
  });

  it('drops its cache on a schedule notification from any other process', async () => {
    const etag = (await fetchManifest(t.app)).headers.get('etag') as string;
    await t.database.db.update(slides).set({ durationSeconds: 31 }).where(eq(slides.id, slideId));
    expect((await fetchManifest(t.app, etag)).status).toBe(304);
    const [row] = await t.database.db
      .update(scheduleVersion)
      .set({ version: sql`${scheduleVersion.version} + 1` })
      .returning({ version: scheduleVersion.version });
    await t.database.notify(SCHEDULE_CHANNEL, JSON.stringify({ version: row?.version, kind: 'schedule' }));
    const changed = await pollUntilChanged(t.app, etag);
    expect((await changed.json()).items[0].durationSeconds).toBe(31);
  });

  it('catches a change whose notification was lost at the periodic version check', async () => {
    const etag = (await fetchManifest(t.app)).headers.get('etag') as string;
    await t.database.db.update(slides).set({ durationSeconds: 37 }).where(eq(slides.id, slideId));
    await t.database.db.update(scheduleVersion).set({ version: sql`${scheduleVersion.version} + 1` });
    expect((await fetchManifest(t.app, etag)).status).toBe(304);
    await scheduleSyncOf(t.deps).checkNow();
    const changed = await fetchManifest(t.app, etag);
    expect(changed.status).toBe(200);
    expect((await changed.json()).items[0].durationSeconds).toBe(37);
  });

  it('rebuilds the manifest as time passes, so it always reaches 24 hours ahead', async () => {
    const first = await fetchManifest(t.app);
    const etag = first.headers.get('etag') as string;
    t.clock.advance(20 * 60_000);
    expect((await fetchManifest(t.app, etag)).status).toBe(304);
    t.clock.set('2026-11-23T11:00:00Z');
    const later = await fetchManifest(t.app, etag);
    expect(later.status).toBe(200);
    const manifest = await later.json();
    expect(manifest.validFrom).toBe('2026-11-23T11:00:00.000Z');
    expect(Date.parse(manifest.validUntil) - t.clock.now().getTime()).toBeGreaterThanOrEqual(24 * HOUR);
  });

  it('answers the last manifest, marked stale, while the database cannot be reached', async () => {
    let down = false;
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const flaky = new Proxy(t.database.db, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (down) throw unreachable;
          return value.apply(target, args);
        };
      },
    });
    const deps: AppDeps = { ...t.deps, database: { ...t.database, db: flaky } };
    const app = createApp(deps);
    const fresh = await fetchManifest(app);
    expect(fresh.status).toBe(200);
    const etag = fresh.headers.get('etag') as string;
    down = true;
    // Rebuilding for a new hour needs nothing from the database: the data is in memory.
    t.clock.advance(HOUR);
    const nextHour = await fetchManifest(app, etag);
    expect(nextHour.status).toBe(200);
    expect(nextHour.headers.get('x-manifest-stale')).toBeNull();
    const current = nextHour.headers.get('etag') as string;
    // A change elsewhere makes the data stale; it cannot be reloaded, so the last manifest is kept.
    expect((await t.request(`/api/v1/slides/${slideId}`, { method: 'PATCH', token: national, json: { durationSeconds: 41 } })).status).toBe(200);
    let conditional = await fetchManifest(app, current);
    for (let attempt = 0; attempt < 100 && conditional.headers.get('x-manifest-stale') !== 'true'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      conditional = await fetchManifest(app, current);
    }
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('x-manifest-stale')).toBe('true');
    const full = await fetchManifest(app);
    expect(full.status).toBe(200);
    expect(full.headers.get('x-manifest-stale')).toBe('true');
    expect((await full.json()).version).toBe(JSON.parse(current));
    down = false;
    const rebuilt = await fetchManifest(app, current);
    expect(rebuilt.headers.get('x-manifest-stale')).toBeNull();
    expect(rebuilt.status).toBe(200);
    expect((await rebuilt.json()).items[0].durationSeconds).toBe(41);
    await stopScheduleSync(deps);
  });

  it('refuses callers without a screen token', async () => {
    expect((await t.request('/api/v1/screens/me/manifest')).status).toBe(401);
    expect((await t.request('/api/v1/screens/me/manifest', { token: national })).status).toBe(401);
    expect((await t.request('/api/v1/screens/me/manifest', { token: 'scr_not-a-real-token' })).status).toBe(401);
  });
});
