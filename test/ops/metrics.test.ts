import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/jobs/schema.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { pairedScreen } from './ops-fixtures.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ env: { METRICS_TOKEN } });
});
afterAll(() => t.close());

async function scrape(): Promise<string> {
  const response = await t.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('/metrics', () => {
  it('refuses a scraper without the token, and API tokens do not open it', async () => {
    expect((await t.request('/metrics')).status).toBe(403);
    expect(
      (await t.request('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token-000' } }))
        .status,
    ).toBe(403);
    const admin = await t.user({ role: 'admin' });
    expect((await t.request('/metrics', { token: admin.token })).status).toBe(403);
  });

  it('counts manifest polls, the share answered 304, plays, heartbeats, latency and process memory', async () => {
    const screen = await pairedScreen(t);
    const first = await t.request('/api/v1/screens/me/manifest', { token: screen.token });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    for (let i = 0; i < 3; i++) {
      const again = await t.request('/api/v1/screens/me/manifest', {
        token: screen.token,
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    }
    const events = Array.from({ length: 5 }, () => ({
      eventId: randomUUID(),
      slideId: randomUUID(),
      assetId: randomUUID(),
      campaignId: randomUUID(),
      startedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
      durationMs: 10_000,
    }));
    const plays = await t.request('/api/v1/screens/me/plays', {
      method: 'POST',
      token: screen.token,
      json: { events },
    });
    expect(plays.status).toBe(200);
    await t.request('/api/v1/screens/me/plays', { method: 'POST', token: screen.token, json: { events } });
    const beat = await t.request('/api/v1/screens/me/heartbeat', {
      method: 'POST',
      token: screen.token,
      json: { playerVersion: 'test' },
    });
    expect(beat.status).toBe(200);

    const text = await scrape();
    expect(sample(text, 'hub_manifest_requests_total', 'outcome="modified"')).toBe(1);
    expect(sample(text, 'hub_manifest_requests_total', 'outcome="not_modified"')).toBe(3);
    expect(sample(text, 'hub_manifest_not_modified_ratio')).toBe(0.75);
    expect(sample(text, 'hub_plays_ingested_total')).toBe(5);
    expect(sample(text, 'hub_play_duplicates_total')).toBe(5);
    expect(sample(text, 'hub_heartbeats_total')).toBe(1);
    expect(sample(text, 'hub_screens', 'state="online"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hub_database_up')).toBe(1);
    expect(
      sample(
        text,
        'hub_http_request_duration_seconds_count',
        'method="GET",route="/api/v1/screens/me/manifest"',
      ),
    ).toBe(4);
    expect(
      sample(
        text,
        'hub_http_requests_total',
        'method="GET",route="/api/v1/screens/me/manifest",status="304"',
      ),
    ).toBe(3);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('labels requests by route pattern, never by the raw path', async () => {
    await t.request(`/api/v1/campaigns/${randomUUID()}`);
    await t.request('/no/such/path/at/all');
    const text = await scrape();
    expect(text).toMatch(/route="\/api\/v1\/campaigns\/:id"/);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toMatch(/no\/such\/path/);
  });

  it('reports job runs of the last day by outcome', async () => {
    const now = t.clock.now();
    await t.database.db.insert(jobRuns).values([
      { job: 'test.job', slot: 'a', startedAt: now, finishedAt: now, outcome: 'ok' },
      { job: 'test.job', slot: 'b', startedAt: now, finishedAt: now, outcome: 'failed' },
      {
        job: 'test.job',
        slot: 'c',
        startedAt: new Date(now.getTime() - 3 * 86_400_000),
        finishedAt: now,
        outcome: 'failed',
      },
    ]);
    // Database figures are cached briefly; move past the cache.
    t.clock.advance(60_000);
    const text = await scrape();
    expect(sample(text, 'hub_job_runs_last_day', 'job="test.job",outcome="ok"')).toBe(1);
    expect(sample(text, 'hub_job_runs_last_day', 'job="test.job",outcome="failed"')).toBe(1);
    expect(sample(text, 'hub_job_last_run_timestamp_seconds', 'job="test.job",outcome="ok"')).toBe(
      now.getTime() / 1000,
    );
  });
});
