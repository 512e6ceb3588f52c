import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prunePlays, rollUpPlayDay, rollUpRecentPlays } from '../../src/plays/rollup-service.js';
import { playRollups, plays, playScreenDays } from '../../src/plays/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import {
  createScreen,
  createSlideWithAsset,
  deleteSlideAndAsset,
  looseTarget,
  playCount,
  playEvent,
  postPlays,
} from './play-fixtures.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function rollupsOf(campaignId: string) {
  return t.database.db
    .select({
      day: playRollups.day,
      municipalityCode: playRollups.municipalityCode,
      plays: playRollups.plays,
      seconds: playRollups.seconds,
      screens: playRollups.screens,
    })
    .from(playRollups)
    .where(eq(playRollups.campaignId, campaignId))
    .orderBy(playRollups.day, playRollups.municipalityCode);
}

describe('daily rollups', () => {
  it('put plays at 22:59Z and 23:01Z on a winter evening on different Swedish days', async () => {
    t.clock.set('2026-11-21T10:00:00Z');
    const target = looseTarget();
    const vasteras = await createScreen(t, { municipalityCode: '1980' });
    const arboga = await createScreen(t, { municipalityCode: '1984' });
    await postPlays(t, vasteras.token, [
      playEvent(target, '2026-11-20T22:59:00Z', 10_000),
      playEvent(target, '2026-11-20T23:01:00Z', 20_000),
    ]);
    await postPlays(t, arboga.token, [playEvent(target, '2026-11-20T23:01:30Z', 15_000)]);

    const { days } = await rollUpRecentPlays(t.database.db, t.clock.now());
    expect(days).toEqual(['2026-11-20', '2026-11-21']);
    expect(await rollupsOf(target.campaignId)).toEqual([
      { day: '2026-11-20', municipalityCode: '1980', plays: 1, seconds: 10, screens: 1 },
      { day: '2026-11-21', municipalityCode: '1980', plays: 1, seconds: 20, screens: 1 },
      { day: '2026-11-21', municipalityCode: '1984', plays: 1, seconds: 15, screens: 1 },
    ]);
    const screenDays = await t.database.db
      .select({
        day: playScreenDays.day,
        screenId: playScreenDays.screenId,
        countyCode: playScreenDays.countyCode,
        durationMs: playScreenDays.durationMs,
      })
      .from(playScreenDays)
      .where(eq(playScreenDays.campaignId, target.campaignId))
      .orderBy(playScreenDays.day, playScreenDays.durationMs);
    expect(screenDays).toEqual([
      { day: '2026-11-20', screenId: vasteras.id, countyCode: '19', durationMs: 10_000 },
      { day: '2026-11-21', screenId: arboga.id, countyCode: '19', durationMs: 15_000 },
      { day: '2026-11-21', screenId: vasteras.id, countyCode: '19', durationMs: 20_000 },
    ]);
  });

  it('count distinct screens and sum plays per slide, and give the same totals when recomputed', async () => {
    t.clock.set('2026-11-22T12:00:00Z');
    const target = looseTarget();
    const one = await createScreen(t, { municipalityCode: '1980' });
    const two = await createScreen(t, { municipalityCode: '1980' });
    await postPlays(t, one.token, [
      playEvent(target, '2026-11-22T08:00:00Z'),
      playEvent(target, '2026-11-22T08:01:00Z'),
    ]);
    await postPlays(t, two.token, [playEvent(target, '2026-11-22T09:00:00Z')]);
    await rollUpRecentPlays(t.database.db, t.clock.now());
    const first = await rollupsOf(target.campaignId);
    expect(first).toEqual([
      { day: '2026-11-22', municipalityCode: '1980', plays: 3, seconds: 30, screens: 2 },
    ]);
    await rollUpRecentPlays(t.database.db, t.clock.now());
    await rollUpPlayDay(t.database.db, '2026-11-22');
    expect(await rollupsOf(target.campaignId)).toEqual(first);
  });

  it('survive deleting the slide and asset rows they count', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const target = await createSlideWithAsset(t);
    const screen = await createScreen(t, { municipalityCode: '0380' });
    await postPlays(t, screen.token, [
      playEvent(target, '2026-11-22T15:00:00Z'),
      playEvent(target, '2026-11-23T07:00:00Z'),
    ]);
    await rollUpRecentPlays(t.database.db, t.clock.now());
    const before = await rollupsOf(target.campaignId);
    expect(before).toHaveLength(2);

    await deleteSlideAndAsset(t, target);
    t.clock.set('2026-11-23T10:10:00Z');
    await rollUpRecentPlays(t.database.db, t.clock.now());
    expect(await rollupsOf(target.campaignId)).toEqual(before);
    expect(await t.database.db.select().from(plays).where(eq(plays.slideId, target.slideId))).toHaveLength(2);
  });

  it('pick up a late backlog for a day older than yesterday on the next run', async () => {
    t.clock.set('2026-11-24T10:00:00Z');
    await rollUpRecentPlays(t.database.db, t.clock.now());
    const target = looseTarget();
    const screen = await createScreen(t, { municipalityCode: '1984' });
    await postPlays(t, screen.token, [playEvent(target, '2026-11-14T12:00:00Z')]);
    t.clock.set('2026-11-24T10:10:00Z');
    const { days } = await rollUpRecentPlays(t.database.db, t.clock.now());
    expect(days).toContain('2026-11-14');
    expect(await rollupsOf(target.campaignId)).toEqual([
      { day: '2026-11-14', municipalityCode: '1984', plays: 1, seconds: 10, screens: 1 },
    ]);
  });
});

describe('pruning raw plays', () => {
  it('deletes plays older than the retention only after they are rolled up, and keeps the rollups', async () => {
    const fresh = await createTestContext();
    try {
      fresh.clock.set('2026-06-10T10:00:00Z');
      const target = looseTarget();
      const screen = await createScreen(fresh, { municipalityCode: '1980' });
      await postPlays(fresh, screen.token, [
        playEvent(target, '2026-06-09T10:00:00Z'),
        playEvent(target, '2026-06-10T09:00:00Z'),
      ]);

      fresh.clock.set('2026-10-01T10:00:00Z');
      expect(await prunePlays(fresh.database.db, fresh.clock.now())).toMatchObject({ deleted: 0 });
      expect(await playCount(fresh)).toBe(2);

      await rollUpRecentPlays(fresh.database.db, fresh.clock.now());
      // A play stamped just before the rollup read may still have been committing: it waits a run.
      const committing = playEvent(target, '2026-06-09T11:00:00Z');
      await fresh.database.db.insert(plays).values({
        ...committing,
        startedAt: new Date(committing.startedAt),
        screenId: screen.id,
        countyCode: '19',
        municipalityCode: '1980',
        receivedAt: new Date(fresh.clock.now().getTime() - 60_000),
      });
      expect(await prunePlays(fresh.database.db, fresh.clock.now())).toMatchObject({ deleted: 2 });
      expect(await playCount(fresh)).toBe(1);
      const kept = await fresh.database.db
        .select({ day: playRollups.day, plays: playRollups.plays })
        .from(playRollups)
        .where(eq(playRollups.campaignId, target.campaignId))
        .orderBy(playRollups.day);
      expect(kept).toEqual([
        { day: '2026-06-09', plays: 1 },
        { day: '2026-06-10', plays: 1 },
      ]);
    } finally {
      await fresh.close();
    }
  });
});
