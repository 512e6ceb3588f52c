import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../src/jobs/start-jobs.js';
import { runOncePerSlot, slotKey } from '../../src/jobs/run-once-per-slot.js';
import { jobRuns } from '../../src/jobs/schema.js';
import { markSilentScreensOffline, pruneHeartbeats } from '../../src/plays/heartbeat-service.js';
import { heartbeats } from '../../src/plays/schema.js';
import { screens } from '../../src/screens/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createScreen } from './play-fixtures.js';

let t: TestContext;
const tokens: Record<string, string> = {};
const state = {
  playerVersion: '1.4.2',
  currentItem: 'slide-7',
  cachedItems: 12,
  cacheBytes: 48_000_000,
  freeStorageBytes: 2_000_000_000,
  manifestVersion: 'v81',
  clockOffsetMs: -350,
};

function heartbeat(token: string | undefined, body: unknown = state) {
  return t.request('/api/v1/screens/me/heartbeat', { method: 'POST', token, json: body });
}

async function screenRow(id: string) {
  const [row] = await t.database.db.select().from(screens).where(eq(screens.id, id));
  if (!row) throw new Error(`no screen ${id}`);
  return row;
}

beforeAll(async () => {
  t = await createTestContext();
  tokens.national = (await t.user({ role: 'coordinator', scope: 'national' })).token;
  tokens.vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19' })).token;
  tokens.arboga = (
    await t.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1984' })
  ).token;
  tokens.member = (await t.user({ role: 'member', organisationId: (await t.organisation()).id })).token;
});
afterAll(() => t.close());

describe('heartbeats', () => {
  it('update lastSeenAt and the reported state, and are kept in the history', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const screen = await createScreen(t, { municipalityCode: '1980' });
    t.clock.set('2026-11-23T10:00:30Z');
    const response = await heartbeat(screen.token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      serverTime: '2026-11-23T10:00:30.000Z',
      heartbeatIntervalSeconds: 60,
    });
    const row = await screenRow(screen.id);
    expect(row.lastSeenAt?.toISOString()).toBe('2026-11-23T10:00:30.000Z');
    expect(row.lastHeartbeat).toEqual(state);
    const history = await t.database.db.select().from(heartbeats).where(eq(heartbeats.screenId, screen.id));
    expect(history).toHaveLength(1);
    expect(history[0]?.state).toEqual(state);
  });

  it('refuse a malformed heartbeat with 400, and callers without a screen token with 401', async () => {
    const screen = await createScreen(t, { municipalityCode: '1980' });
    expect((await heartbeat(screen.token, { ...state, cacheBytes: -1 })).status).toBe(400);
    expect((await heartbeat(screen.token, { cachedItems: 3 })).status).toBe(400);
    expect((await heartbeat(screen.token, { ...state, playerVersion: '1.4\u00002' })).status).toBe(400);
    expect((await heartbeat(screen.token, { ...state, currentItem: 'slide\u0000' })).status).toBe(400);
    expect((await heartbeat(undefined)).status).toBe(401);
    expect((await heartbeat(tokens.national)).status).toBe(401);
    expect((await screenRow(screen.id)).lastSeenAt).toBeNull();
  });

  it('are pruned after two weeks', async () => {
    t.clock.set('2026-11-01T10:00:00Z');
    const screen = await createScreen(t, { municipalityCode: '1980' });
    await heartbeat(screen.token);
    t.clock.set('2026-11-20T10:00:00Z');
    await heartbeat(screen.token);
    const { deleted } = await pruneHeartbeats(t.database.db, t.clock.now());
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await t.database.db
      .select({ at: heartbeats.receivedAt })
      .from(heartbeats)
      .where(eq(heartbeats.screenId, screen.id));
    expect(left.map((row) => row.at.toISOString())).toEqual(['2026-11-20T10:00:00.000Z']);
  });
});

describe('going offline', () => {
  it('marks a screen silent for three heartbeat intervals offline, and its next heartbeat brings it back', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    const screen = await createScreen(t, { municipalityCode: '1984' });
    await heartbeat(screen.token);

    await markSilentScreensOffline(t.database.db, new Date('2026-11-24T10:02:59Z'));
    expect((await screenRow(screen.id)).offlineSince).toBeNull();

    await markSilentScreensOffline(t.database.db, new Date('2026-11-24T10:03:01Z'));
    expect((await screenRow(screen.id)).offlineSince?.toISOString()).toBe('2026-11-24T10:03:01.000Z');
    const listed = await (await t.request('/api/v1/fleet/offline', { token: tokens.arboga })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(screen.id);
    expect(listed.items.find((item: { id: string }) => item.id === screen.id)).toMatchObject({
      municipalityCode: '1984',
      lastSeenAt: '2026-11-24T10:00:00.000Z',
      playerVersion: '1.4.2',
    });

    t.clock.set('2026-11-24T10:05:00Z');
    await heartbeat(screen.token);
    expect((await screenRow(screen.id)).offlineSince).toBeNull();
    const after = await (await t.request('/api/v1/fleet/offline', { token: tokens.arboga })).json();
    expect(after.items.map((item: { id: string }) => item.id)).not.toContain(screen.id);
  });

  it('marks a paired screen that never sent a heartbeat offline, but never a revoked one', async () => {
    const pairedAt = new Date('2026-11-24T11:00:00Z');
    const silent = await createScreen(t, { municipalityCode: '1980' }, pairedAt);
    const revoked = await createScreen(t, { municipalityCode: '1980' }, pairedAt);
    await t.database.db.update(screens).set({ revokedAt: pairedAt }).where(eq(screens.id, revoked.id));
    await markSilentScreensOffline(t.database.db, new Date('2026-11-24T11:10:00Z'));
    expect((await screenRow(silent.id)).offlineSince).not.toBeNull();
    expect((await screenRow(revoked.id)).offlineSince).toBeNull();
  });

  it('runs the offline job once per slot, even when two instances fire for the same minute', async () => {
    const job = jobDefinitions().find((definition) => definition.name === 'screens.mark-offline');
    if (!job) throw new Error('no screens.mark-offline job');
    const now = new Date('2026-11-25T09:00:00Z');
    const slot = slotKey(now, job.slot);
    const log = pino({ level: 'silent' });
    const runs = await Promise.all(
      [1, 2].map(() => runOncePerSlot(t.database.db, log, job.name, slot, () => job.run(t.deps, now))),
    );
    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    const again = await runOncePerSlot(t.database.db, log, job.name, slot, () => job.run(t.deps, now));
    expect(again).toEqual({ ran: false, reason: 'slot_taken' });
    const rows = await t.database.db.select().from(jobRuns).where(eq(jobRuns.slot, slot));
    expect(rows.filter((row) => row.job === job.name)).toHaveLength(1);
  });

  it('has a job definition for each proof-of-play and fleet job', () => {
    const names = jobDefinitions().map((definition) => definition.name);
    expect(names).toEqual(
      expect.arrayContaining(['plays.roll-up', 'plays.prune', 'screens.mark-offline', 'heartbeats.prune']),
    );
  });
});

describe('fleet views for coordinators', () => {
  let fleet: Awaited<ReturnType<typeof createTestContext>>;

  beforeAll(async () => {
    fleet = await createTestContext();
    fleet.clock.set('2026-11-26T10:00:00Z');
    const at = fleet.clock.now();
    for (const code of ['1980', '1980', '1984', '0380', '0380'])
      await createScreen(fleet, { municipalityCode: code }, at);
    const online = await createScreen(fleet, { municipalityCode: '1980' }, at);
    fleet.clock.set('2026-11-26T10:04:00Z');
    await fleet.request('/api/v1/screens/me/heartbeat', { method: 'POST', token: online.token, json: state });
    await markSilentScreensOffline(fleet.database.db, fleet.clock.now());
    tokens.fleetNational = (await fleet.user({ role: 'coordinator', scope: 'national' })).token;
    tokens.fleetCounty = (
      await fleet.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19' })
    ).token;
    tokens.fleetArboga = (
      await fleet.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1984' })
    ).token;
    tokens.fleetMember = (
      await fleet.user({ role: 'member', organisationId: (await fleet.organisation()).id })
    ).token;
  });
  afterAll(() => fleet.close());

  it('summarise screens online and offline per county', async () => {
    const body = await (await fleet.request('/api/v1/fleet/summary', { token: tokens.fleetNational })).json();
    expect(body.counties).toEqual([
      { countyCode: '03', countyName: 'Uppsala län', screens: 2, online: 0, offline: 2 },
      { countyCode: '19', countyName: 'Västmanlands län', screens: 4, online: 1, offline: 3 },
    ]);
    expect(body.totals).toEqual({ screens: 6, online: 1, offline: 5 });
    expect(body.municipalities).toBeUndefined();
  });

  it('break one county down by municipality for its coordinator, and refuse another county', async () => {
    const body = await (
      await fleet.request('/api/v1/fleet/summary?county=19', { token: tokens.fleetCounty })
    ).json();
    expect(body.counties).toHaveLength(1);
    expect(body.municipalities).toEqual([
      { municipalityCode: '1980', municipalityName: 'Västerås', screens: 3, online: 1, offline: 2 },
      { municipalityCode: '1984', municipalityName: 'Arboga', screens: 1, online: 0, offline: 1 },
    ]);
    expect(
      (await fleet.request('/api/v1/fleet/summary?county=03', { token: tokens.fleetCounty })).status,
    ).toBe(403);
    expect(
      (await fleet.request('/api/v1/fleet/offline?county=03', { token: tokens.fleetCounty })).status,
    ).toBe(403);
  });

  it("list only the offline screens in the caller's scope", async () => {
    const county = await (await fleet.request('/api/v1/fleet/offline', { token: tokens.fleetCounty })).json();
    expect(county.total).toBe(3);
    expect(new Set(county.items.map((item: { countyCode: string }) => item.countyCode))).toEqual(
      new Set(['19']),
    );
    const arboga = await (await fleet.request('/api/v1/fleet/offline', { token: tokens.fleetArboga })).json();
    expect(arboga.items.map((item: { municipalityCode: string }) => item.municipalityCode)).toEqual(['1984']);
    const national = await (
      await fleet.request('/api/v1/fleet/offline?limit=2', { token: tokens.fleetNational })
    ).json();
    expect(national.items).toHaveLength(2);
    expect(national.total).toBe(5);
    expect(national.offlineAfterSeconds).toBe(180);
  });

  it('answer 403 to a member and 401 to the anonymous', async () => {
    expect((await fleet.request('/api/v1/fleet/offline', { token: tokens.fleetMember })).status).toBe(403);
    expect((await fleet.request('/api/v1/fleet/summary', { token: tokens.fleetMember })).status).toBe(403);
    expect((await fleet.request('/api/v1/fleet/offline')).status).toBe(401);
    expect((await fleet.request('/api/v1/fleet/summary')).status).toBe(401);
  });
});
