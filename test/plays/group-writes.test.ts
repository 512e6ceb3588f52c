import { randomUUID } from 'node:crypto';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { type Heartbeat, storeHeartbeats } from '../../src/plays/heartbeat-service.js';
import { storePlayBatches } from '../../src/plays/ingest-service.js';
import { heartbeats, plays } from '../../src/plays/schema.js';
import { screens } from '../../src/screens/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createScreen, looseTarget, playCount, playEvent, playEvents, postPlays } from './play-fixtures.js';

/*
 * Plays and heartbeats that arrive together are written together (group commit). These tests
 * hold the promises that come with it: every acknowledged write is stored, each caller gets its
 * own answer, idempotency holds across batches written in one statement, and a write that fails
 * is answered 503 to every caller in it, whose retry then stores everything exactly once.
 */

let t: TestContext;
const minutes = (n: number) => n * 60 * 1000;
const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);
const state = (playerVersion: string) => ({ playerVersion, cachedItems: 3 });

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

function heartbeat(token: string, body: unknown = state('2.0.0')) {
  return t.request('/api/v1/screens/me/heartbeat', { method: 'POST', token, json: body });
}

async function historyOf(screenId: string) {
  return t.database.db.select().from(heartbeats).where(eq(heartbeats.screenId, screenId));
}

async function storedEventIds(eventIds: string[]): Promise<string[]> {
  const rows = await t.database.db
    .select({ eventId: plays.eventId })
    .from(plays)
    .where(inArray(plays.eventId, eventIds));
  return rows.map((row) => row.eventId).sort();
}

/** Makes the database fail every raw statement (the group writes) as if the connection dropped. */
function cutDatabaseWrites(db: Db): () => void {
  const original = db.execute;
  db.execute = (() =>
    Promise.reject(Object.assign(new Error('connection terminated unexpectedly'), { code: 'ECONNRESET' }))) as never;
  return () => {
    db.execute = original;
  };
}

describe('plays posted together', () => {
  it('stores every acknowledged batch of many screens posting at once, each with its own region', async () => {
    const fleet = await Promise.all(
      ['1980', '1984', '0180', '1480'].map((municipalityCode) => createScreen(t, { municipalityCode })),
    );
    const batches = fleet.flatMap((screen) =>
      Array.from({ length: 5 }, (_, i) => ({ screen, events: playEvents(looseTarget(), ago(minutes(30 + i)), 3) })),
    );
    const answers = await Promise.all(batches.map((batch) => postPlays(t, batch.screen.token, batch.events)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ accepted: 3, duplicates: 0 });
    }
    const eventIds = batches.flatMap((batch) => batch.events.map((event) => event.eventId));
    const rows = await t.database.db
      .select({ eventId: plays.eventId, screenId: plays.screenId, municipalityCode: plays.municipalityCode })
      .from(plays)
      .where(inArray(plays.eventId, eventIds));
    expect(rows).toHaveLength(eventIds.length);
    const municipalityOf = new Map(
      fleet.map((screen, i) => [screen.id, ['1980', '1984', '0180', '1480'][i]]),
    );
    for (const row of rows) expect(row.municipalityCode).toBe(municipalityOf.get(row.screenId));
  });

  it('stores a batch and its retry posted at the same moment once, counting the second as duplicates', async () => {
    const screen = await createScreen(t, { municipalityCode: '1980' });
    const events = playEvents(looseTarget(), ago(minutes(10)), 4);
    const answers = await Promise.all([postPlays(t, screen.token, events), postPlays(t, screen.token, events)]);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(bodies.map((body) => body.accepted).sort()).toEqual([0, 4]);
    expect(bodies.map((body) => body.duplicates).sort()).toEqual([0, 4]);
    expect(await storedEventIds(events.map((e) => e.eventId))).toHaveLength(4);
  });

  it('writes several batches in one statement as if one after another: known screens only, each event once', async () => {
    const vasteras = await createScreen(t, { municipalityCode: '1980' });
    const arboga = await createScreen(t, { municipalityCode: '1984' });
    const revoked = await createScreen(t, { municipalityCode: '1980' });
    await t.database.db.update(screens).set({ revokedAt: t.clock.now() }).where(eq(screens.id, revoked.id));
    const [e1, e2, e3, e4] = Array.from({ length: 4 }, () => playEvent(looseTarget(), ago(minutes(5))));
    const receivedAt = t.clock.now();
    const results = await storePlayBatches(t.database.db, [
      { screenId: vasteras.id, events: [e1!, e2!], receivedAt },
      { screenId: revoked.id, events: [e3!], receivedAt },
      { screenId: arboga.id, events: [e2!, e4!], receivedAt },
      { screenId: randomUUID(), events: [e4!], receivedAt },
    ]);
    expect(results).toEqual([
      { screenKnown: true, inserted: 2 },
      { screenKnown: false, inserted: 0 },
      { screenKnown: true, inserted: 1 },
      { screenKnown: false, inserted: 0 },
    ]);
    const rows = await t.database.db
      .select({ eventId: plays.eventId, screenId: plays.screenId })
      .from(plays)
      .where(inArray(plays.eventId, [e1!.eventId, e2!.eventId, e3!.eventId, e4!.eventId]));
    expect(Object.fromEntries(rows.map((row) => [row.eventId, row.screenId]))).toEqual({
      [e1!.eventId]: vasteras.id,
      [e2!.eventId]: vasteras.id,
      [e4!.eventId]: arboga.id,
    });
  });

  it('answers 503 to every batch of a write that failed, and their retries store each play once', async () => {
    const fleet = await Promise.all([1, 2, 3].map(() => createScreen(t, { municipalityCode: '1980' })));
    const batches = fleet.map((screen) => ({ screen, events: playEvents(looseTarget(), ago(minutes(20)), 2) }));
    const eventIds = batches.flatMap((batch) => batch.events.map((event) => event.eventId));
    const before = await playCount(t);

    const restore = cutDatabaseWrites(t.database.db);
    const failed = await Promise.all(batches.map((batch) => postPlays(t, batch.screen.token, batch.events)));
    restore();
    for (const answer of failed) {
      expect(answer.status).toBe(503);
      expect((await answer.json()).code).toBe('database_unavailable');
    }
    expect(await playCount(t)).toBe(before);

    const retried = await Promise.all(batches.map((batch) => postPlays(t, batch.screen.token, batch.events)));
    for (const answer of retried) expect(await answer.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await Promise.all(batches.map((batch) => postPlays(t, batch.screen.token, batch.events)));
    for (const answer of again) expect(await answer.json()).toEqual({ accepted: 0, duplicates: 2 });
    expect(await storedEventIds(eventIds)).toEqual([...eventIds].sort());
    expect(await playCount(t)).toBe(before + eventIds.length);
  });
});

describe('heartbeats sent together', () => {
  it('records every acknowledged heartbeat of many screens at once, on the screen and in the history', async () => {
    const fleet = await Promise.all(Array.from({ length: 12 }, () => createScreen(t, { municipalityCode: '1980' })));
    const answers = await Promise.all(fleet.map((screen, i) => heartbeat(screen.token, state(`2.0.${i}`))));
    expect(answers.map((answer) => answer.status)).toEqual(fleet.map(() => 200));
    for (const [i, screen] of fleet.entries()) {
      const [row] = await t.database.db.select().from(screens).where(eq(screens.id, screen.id));
      expect(row?.lastSeenAt?.toISOString()).toBe(t.clock.now().toISOString());
      expect(row?.lastHeartbeat).toEqual(state(`2.0.${i}`));
      expect(await historyOf(screen.id)).toHaveLength(1);
    }
  });

  it('keeps the latest state when one statement carries two heartbeats of a screen, and both in the history', async () => {
    const screen = await createScreen(t, { municipalityCode: '1984' });
    const earlier = t.clock.now();
    const later = new Date(earlier.getTime() + 60_000);
    const beats: Heartbeat[] = [
      { screenId: screen.id, state: state('1.0.0'), receivedAt: earlier },
      { screenId: randomUUID(), state: state('1.0.0'), receivedAt: earlier },
      { screenId: screen.id, state: state('1.0.1'), receivedAt: later },
    ];
    expect(await storeHeartbeats(t.database.db, beats)).toEqual([true, false, true]);
    const [row] = await t.database.db.select().from(screens).where(eq(screens.id, screen.id));
    expect(row?.lastHeartbeat).toEqual(state('1.0.1'));
    expect(row?.lastSeenAt?.toISOString()).toBe(later.toISOString());
    expect((await historyOf(screen.id)).map((beat) => beat.state.playerVersion).sort()).toEqual(['1.0.0', '1.0.1']);
  });

  it('refuses the heartbeat of a screen revoked after its token was checked, and records the others', async () => {
    const kept = await createScreen(t, { municipalityCode: '1980' });
    const revoked = await createScreen(t, { municipalityCode: '1980' });
    await t.database.db.update(screens).set({ revokedAt: t.clock.now() }).where(eq(screens.id, revoked.id));
    const receivedAt = t.clock.now();
    const known = await storeHeartbeats(t.database.db, [
      { screenId: revoked.id, state: state('3.0.0'), receivedAt },
      { screenId: kept.id, state: state('3.0.0'), receivedAt },
    ]);
    expect(known).toEqual([false, true]);
    expect(await historyOf(revoked.id)).toHaveLength(0);
    expect(await historyOf(kept.id)).toHaveLength(1);
  });

  it('answers 503 to every heartbeat of a write that failed, and their retries are recorded once', async () => {
    const fleet = await Promise.all([1, 2, 3].map(() => createScreen(t, { municipalityCode: '1984' })));
    const restore = cutDatabaseWrites(t.database.db);
    const failed = await Promise.all(fleet.map((screen) => heartbeat(screen.token)));
    restore();
    expect(failed.map((answer) => answer.status)).toEqual([503, 503, 503]);
    for (const screen of fleet) expect(await historyOf(screen.id)).toHaveLength(0);

    const retried = await Promise.all(fleet.map((screen) => heartbeat(screen.token)));
    expect(retried.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const [row] = await t.database.db
      .select({ n: count() })
      .from(heartbeats)
      .where(inArray(heartbeats.screenId, fleet.map((screen) => screen.id)));
    expect(row?.n).toBe(3);
  });
});
