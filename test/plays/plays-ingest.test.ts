import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPlays } from '../../src/plays/ingest-service.js';
import { MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH } from '../../src/plays/play-limits.js';
import { plays } from '../../src/plays/schema.js';
import { screens } from '../../src/screens/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createScreen, looseTarget, playCount, playEvent, playEvents, postPlays } from './play-fixtures.js';

let t: TestContext;
let vasteras: { id: string; token: string };
const minutes = (n: number) => n * 60 * 1000;

beforeAll(async () => {
  t = await createTestContext();
  vasteras = await createScreen(t, { municipalityCode: '1980' });
});
afterAll(() => t.close());

const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);

describe('posting a batch of plays', () => {
  it("accepts a batch, counts it and stores each play with the screen's county and municipality", async () => {
    const events = playEvents(looseTarget(), ago(minutes(30)), 5);
    const first = events[0] as (typeof events)[number];
    const response = await postPlays(t, vasteras.token, events);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 5, duplicates: 0 });
    const [stored] = await t.database.db.select().from(plays).where(eq(plays.eventId, first.eventId));
    expect(stored).toMatchObject({
      screenId: vasteras.id,
      countyCode: '19',
      municipalityCode: '1980',
      slideId: first.slideId,
      assetId: first.assetId,
      campaignId: first.campaignId,
      durationMs: 10_000,
    });
    expect(stored?.startedAt.toISOString()).toBe(first.startedAt);
    expect(stored?.receivedAt.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('adds nothing when the same batch is replayed, and counts the replayed events as duplicates', async () => {
    const events = playEvents(looseTarget(), ago(minutes(20)), 4);
    expect(await (await postPlays(t, vasteras.token, events)).json()).toEqual({ accepted: 4, duplicates: 0 });
    const before = await playCount(t);
    const replay = await postPlays(t, vasteras.token, events);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 4 });
    expect(await playCount(t)).toBe(before);
  });

  it('stores only the new events of a batch that partly repeats an earlier one', async () => {
    const target = looseTarget();
    const first = playEvents(target, ago(minutes(15)), 2);
    await postPlays(t, vasteras.token, first);
    const second = [...first, playEvent(target, ago(minutes(5)))];
    expect(await (await postPlays(t, vasteras.token, second)).json()).toEqual({ accepted: 1, duplicates: 2 });
  });

  it('counts an event repeated inside one batch once', async () => {
    const event = playEvent(looseTarget(), ago(minutes(3)));
    expect(await (await postPlays(t, vasteras.token, [event, event])).json()).toEqual({
      accepted: 1,
      duplicates: 1,
    });
  });

  it('accepts a full batch of the maximum size', async () => {
    const events = playEvents(looseTarget(), ago(minutes(60 * 24)), MAX_EVENTS_PER_BATCH, 1000);
    expect(await (await postPlays(t, vasteras.token, events)).json()).toEqual({
      accepted: MAX_EVENTS_PER_BATCH,
      duplicates: 0,
    });
  });
});

describe('refusing a batch whole', () => {
  const refusals: Array<[string, (good: ReturnType<typeof playEvent>) => unknown]> = [
    ['a negative duration', (good) => ({ ...good, durationMs: -1 })],
    ['a duration over an hour', (good) => ({ ...good, durationMs: 3_600_001 })],
    ['a fractional duration', (good) => ({ ...good, durationMs: 1.5 })],
    ['an event id that is not a uuid', (good) => ({ ...good, eventId: 'event-1' })],
    ['a start without a time zone', (good) => ({ ...good, startedAt: '2026-11-23T09:00:00' })],
    ['a missing slide id', (good) => ({ ...good, slideId: undefined })],
  ];

  for (const [what, spoil] of refusals) {
    it(`answers 400 and stores nothing when one event has ${what}`, async () => {
      const target = looseTarget();
      const events = playEvents(target, ago(minutes(10)), 3);
      const before = await playCount(t);
      const response = await postPlays(t, vasteras.token, [
        events[0],
        spoil(events[1] as (typeof events)[number]),
        events[2],
      ]);
      expect(response.status).toBe(400);
      const problem = await response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.some((error: { field: string }) => error.field.startsWith('events.1'))).toBe(
        true,
      );
      expect(await playCount(t)).toBe(before);
    });
  }

  it('refuses an event starting more than five minutes ahead of server time, with the rest of its batch', async () => {
    const target = looseTarget();
    const future = playEvent(target, new Date(t.clock.now().getTime() + minutes(6)));
    const before = await playCount(t);
    const response = await postPlays(t, vasteras.token, [playEvent(target, ago(minutes(1))), future]);
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.code).toBe('events_out_of_range');
    expect(problem.errors).toEqual([
      { field: 'events.1.startedAt', message: expect.stringContaining('future') },
    ]);
    expect(await playCount(t)).toBe(before);
  });

  it('tolerates a player clock up to five minutes fast', async () => {
    const skewed = playEvent(looseTarget(), new Date(t.clock.now().getTime() + minutes(4)));
    expect((await postPlays(t, vasteras.token, [skewed])).status).toBe(200);
  });

  it('refuses events more than 30 days old and accepts a 29-day-old backlog', async () => {
    const before = await playCount(t);
    const old = await postPlays(t, vasteras.token, [playEvent(looseTarget(), ago(minutes(60 * 24 * 31)))]);
    expect(old.status).toBe(422);
    expect(await playCount(t)).toBe(before);
    const backlog = await postPlays(t, vasteras.token, [
      playEvent(looseTarget(), ago(minutes(60 * 24 * 29))),
    ]);
    expect(backlog.status).toBe(200);
  });

  it('refuses more events than the maximum per batch', async () => {
    const before = await playCount(t);
    const response = await postPlays(
      t,
      vasteras.token,
      playEvents(looseTarget(), ago(minutes(60 * 24 * 2)), MAX_EVENTS_PER_BATCH + 1, 100),
    );
    expect(response.status).toBe(400);
    expect(await playCount(t)).toBe(before);
  });

  it('refuses a body over the size limit with 413 before reading it', async () => {
    const huge = JSON.stringify({
      events: [{ ...playEvent(looseTarget(), ago(minutes(1))), padding: 'x'.repeat(1_100_000) }],
    });
    const response = await t.request('/api/v1/screens/me/plays', {
      method: 'POST',
      token: vasteras.token,
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('payload_too_large');
  });

  it('refuses a body whose declared length is over the limit with 413, and stores nothing', async () => {
    const before = await playCount(t);
    const response = await t.request('/api/v1/screens/me/plays', {
      method: 'POST',
      token: vasteras.token,
      headers: { 'content-type': 'application/json', 'content-length': String(MAX_BATCH_BYTES + 1) },
      body: JSON.stringify({ events: [playEvent(looseTarget(), ago(minutes(1)))] }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('payload_too_large');
    expect(await playCount(t)).toBe(before);
  });

  it('refuses an empty batch, a body without events and malformed JSON', async () => {
    expect((await postPlays(t, vasteras.token, [])).status).toBe(400);
    expect(
      (await t.request('/api/v1/screens/me/plays', { method: 'POST', token: vasteras.token, json: {} }))
        .status,
    ).toBe(400);
    const malformed = await t.request('/api/v1/screens/me/plays', {
      method: 'POST',
      token: vasteras.token,
      headers: { 'content-type': 'application/json' },
      body: '{"events": [',
    });
    expect(malformed.status).toBe(400);
  });
});

describe('who may post plays', () => {
  it('answers 401 without a token', async () => {
    expect((await postPlays(t, undefined, [playEvent(looseTarget(), ago(minutes(1)))])).status).toBe(401);
  });

  it('answers 401 for a screen token nobody issued', async () => {
    const response = await postPlays(t, 'scr_not-a-real-token', [playEvent(looseTarget(), ago(minutes(1)))]);
    expect(response.status).toBe(401);
  });

  it('answers 401 for a revoked screen and stores nothing', async () => {
    const screen = await createScreen(t, { municipalityCode: '1984' });
    await t.database.db.update(screens).set({ revokedAt: t.clock.now() }).where(eq(screens.id, screen.id));
    const before = await playCount(t);
    expect((await postPlays(t, screen.token, [playEvent(looseTarget(), ago(minutes(1)))])).status).toBe(401);
    expect(await playCount(t)).toBe(before);
  });

  it('stores nothing for a screen that was removed after its token was checked', async () => {
    const before = await playCount(t);
    const outcome = await ingestPlays(
      t.database.db,
      randomUUID(),
      [playEvent(looseTarget(), ago(minutes(1)))],
      t.clock.now(),
    );
    expect(outcome).toEqual({ ok: false, reason: 'unknown_screen' });
    expect(await playCount(t)).toBe(before);
  });

  it("refuses a coordinator's API token", async () => {
    const { token } = await t.user({ role: 'coordinator', scope: 'national' });
    const before = await playCount(t);
    const response = await postPlays(t, token, [playEvent(looseTarget(), ago(minutes(1)))]);
    expect([401, 403]).toContain(response.status);
    expect(await playCount(t)).toBe(before);
  });
});
