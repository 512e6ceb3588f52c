import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { plays } from '../../src/plays/schema.js';
import { NEEDS_POSTGRES, SERVER_URL } from '../ops/support/server-database.js';
import { type Instance, startInstance } from '../ops/support/in-process-instance.js';
import { startTcpProxy, type TcpProxy } from '../ops/support/tcp-proxy.js';
import { createTestServerDatabase } from '../support/test-database.js';
import { insertScreen, looseTarget, playEvents } from './play-fixtures.js';

/*
 * The connection to PostgreSQL drops in the middle of a burst of play batches, which the instance
 * writes in groups: one cut fails every batch of the group in flight at once. Every batch must be
 * answered 200 or 503 (never 500), and once the database is back, retrying the refused ones must
 * leave every play stored exactly once. (PGlite runs in the process: it has no connection to cut;
 * the simulated failure in group-writes.test.ts covers it.)
 */

const BATCHES = 120;
const EVENTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: { url: string; dropDatabase(): Promise<void> };
let direct: Database;
let proxy: TcpProxy;
let instance: Instance;
const tokens: string[] = [];

async function postBatch(token: string, events: unknown[]): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${instance.base}/api/v1/screens/me/plays`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  return { status: response.status, body: await response.json() };
}

describe.skipIf(!SERVER_URL)(`group writes when PostgreSQL goes away (${SERVER_URL ? 'PostgreSQL' : NEEDS_POSTGRES})`, () => {
  beforeAll(async () => {
    server = await createTestServerDatabase(SERVER_URL as string, 'test');
    direct = await openDatabase({ url: server.url, poolSize: 2 });
    await direct.migrate();
    const target = new URL(server.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(server.url);
    proxied.port = String(proxy.port);
    proxied.hostname = '127.0.0.1';
    instance = await startInstance(proxied.toString());
    for (let i = 0; i < 6; i++) tokens.push((await insertScreen(direct.db, { municipalityCode: '1980' })).token);
  }, 60_000);

  afterAll(async () => {
    await instance?.close();
    await proxy?.close();
    await direct?.close();
    await server?.dropDatabase();
  });

  it('answers each batch 200 or 503, never 500, and the retries store every play exactly once', async () => {
    const batches = Array.from({ length: BATCHES }, (_, i) => ({
      token: tokens[i % tokens.length] as string,
      events: playEvents(looseTarget(), new Date(Date.now() - 60 * 60_000), EVENTS),
    }));
    // Before the burst, so the screens are known to the instance (its screen directory is loaded).
    expect((await postBatch(batches[0]!.token, batches[0]!.events)).status).toBe(200);

    const statuses: number[] = [];
    let answered = 0;
    const cutAfter = BATCHES / 3;
    const outage = (async () => {
      while (answered < cutAfter) await sleep(5);
      await proxy.cut();
      await sleep(1_500);
      await proxy.restore();
    })();
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < BATCHES; i += 4) {
          const answer = await postBatch(batches[i]!.token, batches[i]!.events);
          statuses[i] = answer.status;
          answered += 1;
          if (answer.status === 200) expect(answer.body).toMatchObject({ accepted: expect.any(Number) });
        }
      }),
    );
    await outage;
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);

    // The player retries what was refused until it is stored; a batch whose write committed just
    // as the connection dropped comes back as duplicates.
    const deadline = Date.now() + 20_000;
    for (const [i, batch] of batches.entries()) {
      while (statuses[i] !== 200 && Date.now() < deadline) {
        const answer = await postBatch(batch.token, batch.events);
        statuses[i] = answer.status;
        if (answer.status === 200) {
          const { accepted, duplicates } = answer.body as { accepted: number; duplicates: number };
          expect(accepted + duplicates).toBe(EVENTS);
        } else await sleep(200);
      }
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    const eventIds = batches.flatMap((batch) => batch.events.map((event) => event.eventId));
    const stored = await direct.db
      .select({ eventId: plays.eventId })
      .from(plays)
      .where(inArray(plays.eventId, eventIds));
    expect(stored).toHaveLength(BATCHES * EVENTS);
  }, 90_000);
});
