import { beforeAll, describe, expect, it } from 'vitest';
import { playerModule, type PlaysModule, type QueuedPlay } from './player-modules.js';

let plays: PlaysModule;
beforeAll(async () => {
  plays = await playerModule<PlaysModule>('plays.js');
});

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

function row(seq: number, startedAt: number): QueuedPlay {
  return {
    seq,
    event: {
      eventId: `e${seq}`,
      slideId: 's',
      assetId: 'a',
      campaignId: 'c',
      startedAt: new Date(startedAt).toISOString(),
      durationMs: 10_000,
    },
  };
}

describe('event ids', () => {
  it('come from crypto.randomUUID where the browser has it', () => {
    expect(plays.newEventId()).toMatch(UUID_V4);
    expect(plays.newEventId({ randomUUID: () => 'from-random-uuid', getRandomValues: (a) => a })).toBe(
      'from-random-uuid',
    );
  });

  it('are version 4 UUIDs built from getRandomValues on browsers without randomUUID', () => {
    const bytes = {
      getRandomValues: <T extends ArrayBufferView>(array: T) => {
        (array as unknown as Uint8Array).fill(0xff);
        return array;
      },
    };
    expect(plays.newEventId(bytes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const zeros = { getRandomValues: <T extends ArrayBufferView>(array: T) => array };
    expect(plays.newEventId(zeros)).toBe('00000000-0000-4000-8000-000000000000');
    expect(
      plays.newEventId({ getRandomValues: (array) => globalThis.crypto.getRandomValues(array as never) }),
    ).toMatch(UUID_V4);
  });
});

describe('play events', () => {
  it('carry the ids of the showing, its start as ISO 8601 and whole milliseconds', () => {
    const event = plays.playEventOf({ slideId: 's1', assetId: 'a1', campaignId: 'c1' }, NOW, 9999.6, 'id-1');
    expect(event).toEqual({
      eventId: 'id-1',
      slideId: 's1',
      assetId: 'a1',
      campaignId: 'c1',
      startedAt: '2026-11-23T10:00:00.000Z',
      durationMs: 10_000,
    });
  });

  it('never claim more than the server believes of one showing, nor less than nothing', () => {
    expect(
      plays.playEventOf({ slideId: 's', assetId: 'a', campaignId: 'c' }, NOW, 5 * 3_600_000, 'x').durationMs,
    ).toBe(plays.MAX_DURATION_MS);
    expect(plays.playEventOf({ slideId: 's', assetId: 'a', campaignId: 'c' }, NOW, -20, 'x').durationMs).toBe(
      0,
    );
  });
});

describe('planning an upload', () => {
  it('sends what the server accepts, holds back what lies a little ahead, gives up on what it never takes', () => {
    const rows = [
      row(1, NOW - 31 * DAY),
      row(2, NOW - 29 * DAY),
      row(3, NOW - 1000),
      row(4, NOW + 60_000),
      row(5, NOW + 10 * 60_000),
      row(6, NOW + 2 * DAY),
    ];
    const plan = plays.planUpload(rows, NOW);
    expect(plan.send.map((r) => r.seq)).toEqual([2, 3, 4]);
    expect(plan.hold.map((r) => r.seq)).toEqual([5]);
    expect(plan.drop.map((r) => r.seq)).toEqual([1, 6]);
  });

  it('drops a stored event whose start is not a time', () => {
    const broken = row(9, NOW);
    broken.event.startedAt = 'yesterday';
    expect(plays.planUpload([broken], NOW).drop).toEqual([broken]);
  });
});

describe('a refused batch', () => {
  const sent = [row(1, NOW), row(2, NOW), row(3, NOW)];

  it('gives up on events the server calls too old and keeps those it calls early', () => {
    const problem = {
      code: 'events_out_of_range',
      errors: [
        { field: 'events.0.startedAt', message: 'is more than 30 days old' },
        { field: 'events.2.startedAt', message: 'lies more than 5 minutes in the future' },
      ],
    };
    expect(plays.refusedForGood(sent, 422, problem).map((r) => r.seq)).toEqual([1]);
  });

  it('gives up on events that fail validation', () => {
    const problem = {
      code: 'validation_failed',
      errors: [{ field: 'events.1.slideId', message: 'Invalid UUID' }],
    };
    expect(plays.refusedForGood(sent, 400, problem).map((r) => r.seq)).toEqual([2]);
  });

  it('keeps everything when the refusal names no event (it may be the server’s fault)', () => {
    expect(plays.refusedForGood(sent, 400, { errors: [{ field: 'events', message: 'Too big' }] })).toEqual(
      [],
    );
    expect(plays.refusedForGood(sent, 500, null)).toEqual([]);
  });
});
