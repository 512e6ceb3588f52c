/*
 * soak: 10,000 simulated screens against one instance of the service (src/main.ts in its own
 * process, jobs on; embedded database in a data folder, or a new database on the DATABASE_URL server) over loopback for SOAK_SECONDS (default
 * 600: ten minutes, the one benchmark allowed past the two-minute rule; run it on demand with
 * `npm run bench -- soak`, or shorter with SOAK_SECONDS=120). Each screen behaves like the player:
 * a conditional manifest poll at the interval its manifest suggests (each screen's own, jittered
 * by the service), a heartbeat
 * every minute and a proof-of-play batch every 20 seconds, each starting at a random phase.
 *
 * Reported: requests per second achieved against the load offered (the ratio must stay ~1: the
 * service keeps up), p50/p99 latency per kind, errors (anything but 2xx/304, or no answer: must be
 * 0), and the server's resident memory after the warm-up and at the end (must stay flat).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.js';
import { reportResult } from './support/report.js';
import { type SeededNetwork, seedNetwork } from './support/seed-network.js';

/** With DATABASE_URL the service runs on a new database on that server, else on the embedded one. */
const SERVER_URL = process.env.DATABASE_URL;
const SCREENS = Number(process.env.SOAK_SCREENS ?? 10_000);
const SLIDES = 500;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const HEARTBEAT_S = 60;
const PLAYS_S = 20;
const EVENTS_PER_BATCH = 2;
const CONNECTIONS = 256;
const JITTER = 0.1;
const RSS_GROWTH_LIMIT = 0.15;
/** Which kinds of request the screens send (all by default; fewer to see what costs what). */
const KINDS = new Set((process.env.SOAK_KINDS ?? 'manifest,heartbeat,plays').split(','));
const root = path.resolve(import.meta.dirname, '..');

type Kind = 'manifest' | 'heartbeat' | 'plays';
interface Screen {
  token: string;
  etag: string | null;
  pollSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jittered = (seconds: number) => seconds * 1000 * (1 - JITTER + 2 * JITTER * Math.random());

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * From the server's /metrics: its V8 heap in use and its memory outside the heap (buffers;
 * PGlite's WebAssembly memory), in MB, which is what a growing resident size is made of; and the
 * longest event-loop stall since the previous scrape (prom-client resets it on each), in ms, which
 * is what a latency spike on an idle-looking server is made of.
 */
async function serverGauges(port: number): Promise<{ heapMb: number; externalMb: number; loopStallMs: number }> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (response) => response.text(),
    () => '',
  );
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    heapMb: round(gauge('nodejs_heap_size_used_bytes') / 2 ** 20),
    externalMb: round(gauge('nodejs_external_memory_bytes') / 2 ** 20),
    loopStallMs: round(gauge('nodejs_eventloop_lag_max_seconds') * 1000),
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0)
    : 0;
}

/** Latencies of one kind of request in a growable buffer (millions of samples without objects). */
class Samples {
  values = new Float64Array(1 << 16);
  count = 0;
  add(ms: number) {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }
  summary() {
    const sorted = this.values.slice(0, this.count).sort();
    return {
      requests: this.count,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
    };
  }
}
const round = (value: number) => Math.round(value * 100) / 100;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] ?? 0) : 0;
};

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-soak-'));
  console.log(
    `soak: seeding ${SCREENS} screens and ${SLIDES} slides on ${SERVER_URL ? 'PostgreSQL' : 'the embedded database'} …`,
  );
  const { network, databaseEnv, dropDatabase } = SERVER_URL
    ? await seedPostgres()
    : await seedPglite(dataDir);
  const port = await freePort();
  // SOAK_CPU_PROFILE=<folder> writes a V8 CPU profile of the server there when it stops.
  const profileArgs = process.env.SOAK_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.SOAK_CPU_PROFILE)}`]
    : [];
  const server = spawn(process.execPath, [...profileArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...databaseEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'true',
      IMPORT_CAMPAIGNS_ON_START: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = server.pid as number;
  try {
    for (let ready = false; !ready; await sleep(200)) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
    }
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies: Record<Kind, Samples> = {
      manifest: new Samples(),
      heartbeat: new Samples(),
      plays: new Samples(),
    };
    // Latencies of the last five seconds, so a stall or a slow drift shows in the timeline.
    let recent = new Samples();
    const statuses: Record<string, number> = {};
    let errors = 0;
    let offered = 0;
    let completed = 0;
    let running = true;

    const send = (
      kind: Kind,
      screen: Screen,
      method: string,
      pathname: string,
      body?: string,
    ): Promise<void> =>
      new Promise((resolve) => {
        offered += 1;
        const started = performance.now();
        const headers: Record<string, string> = {
          authorization: `Bearer ${screen.token}`,
          'accept-encoding': 'gzip',
        };
        if (body) headers['content-type'] = 'application/json';
        if (kind === 'manifest' && screen.etag) headers['if-none-match'] = screen.etag;
        const request = http.request(
          { host: '127.0.0.1', port, method, path: pathname, agent, headers },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => {
              if (kind === 'manifest' && response.statusCode === 200) chunks.push(chunk);
            });
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              const ms = performance.now() - started;
              latencies[kind].add(ms);
              recent.add(ms);
              completed += 1;
              statuses[`${kind} ${status}`] = (statuses[`${kind} ${status}`] ?? 0) + 1;
              if (!(status >= 200 && status < 300) && status !== 304 && running) errors += 1;
              if (kind === 'manifest' && status === 200) {
                screen.etag = response.headers.etag ?? null;
                // Poll again at the interval the manifest suggests (the player does).
                const body = Buffer.concat(chunks);
                const text =
                  response.headers['content-encoding'] === 'gzip'
                    ? gunzipSync(body).toString()
                    : body.toString();
                screen.pollSeconds =
                  (JSON.parse(text) as { pollSeconds?: number }).pollSeconds ?? screen.pollSeconds;
              }
              resolve();
            });
          },
        );
        request.on('error', () => {
          if (!running) return resolve(); // cut by the end of the run, not by the server
          errors += 1;
          statuses[`${kind} network-error`] = (statuses[`${kind} network-error`] ?? 0) + 1;
          resolve();
        });
        request.end(body);
      });

    const every = async (firstDelayMs: number, nextDelayMs: () => number, work: () => Promise<void>) => {
      await sleep(firstDelayMs);
      while (running) {
        const next = Date.now() + nextDelayMs();
        await work();
        await sleep(Math.max(0, next - Date.now()));
      }
    };
    const playedSlide = () => {
      const index = Math.floor(Math.random() * network.slideIds.length);
      const pick = (ids: string[]) => ids[index % ids.length] as string;
      return { slideId: pick(network.slideIds), assetId: pick(network.assetIds), campaignId: pick(network.campaignIds) };
    };
    const screens: Screen[] = network.screens.map((s) => ({ token: s.token, etag: null, pollSeconds: 60 }));
    const loops = screens.flatMap((screen) =>
      [
        KINDS.has('manifest') &&
          every(
            Math.random() * screen.pollSeconds * 1000,
            () => screen.pollSeconds * 1000,
            () => send('manifest', screen, 'GET', '/api/v1/screens/me/manifest'),
          ),
        KINDS.has('heartbeat') &&
          every(
            Math.random() * HEARTBEAT_S * 1000,
            () => jittered(HEARTBEAT_S),
            () =>
              send(
                'heartbeat',
                screen,
                'POST',
                '/api/v1/screens/me/heartbeat',
                JSON.stringify({ playerVersion: 'soak', cachedItems: 12 }),
              ),
          ),
        KINDS.has('plays') &&
          every(
            Math.random() * PLAYS_S * 1000,
            () => jittered(PLAYS_S),
            () => {
              const now = Date.now();
              // Plays of the seeded slides, as a real player reports them (so the rollup job
              // groups them by the few hundred slides, not by one made-up slide per play).
              const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
                eventId: randomUUID(),
                ...playedSlide(),
                startedAt: new Date(now - (i + 1) * 10_000).toISOString(),
                durationMs: 10_000,
              }));
              return send('plays', screen, 'POST', '/api/v1/screens/me/plays', JSON.stringify({ events }));
            },
          ),
      ].filter((loop) => loop !== false),
    );

    // Resident memory every 5 s; "start" is after the warm-up: every screen has fetched its manifest
    // once (so the caches are full), or half the run has passed, whichever comes first.
    const latestWarmupMs = (SECONDS * 1000) / 2;
    let warmupMs = latestWarmupMs;
    const rss: Array<{
      atSeconds: number;
      mb: number;
      heapMb: number;
      externalMb: number;
      loopStallMs: number;
      rps: number;
      p50Ms: number;
      p99Ms: number;
      serverCores: number;
    }> = [];
    const began = Date.now();
    const loadStart = os.loadavg()[0]?.toFixed(1);
    let measuredFrom = { at: began, completed: 0, offered: 0, serverCpu: 0, loadCpu: process.cpuUsage() };
    const sampler = (async () => {
      let warmedUp = false;
      let last = { at: 0, cpu: await cpuSeconds(pid) };
      while (running) {
        await sleep(5000);
        const at = Date.now() - began;
        const window = recent.summary();
        recent = new Samples();
        const cpu = await cpuSeconds(pid);
        const seconds = (at - last.at) / 1000;
        rss.push({
          atSeconds: Math.round(at / 1000),
          mb: round((await residentBytes(pid)) / 2 ** 20),
          ...(await serverGauges(port)),
          rps: Math.round(window.requests / seconds),
          p50Ms: window.p50Ms,
          p99Ms: window.p99Ms,
          serverCores: round((cpu - last.cpu) / seconds),
        });
        last = { at, cpu };
        const everyScreenServed = !KINDS.has('manifest') || screens.every((screen) => screen.etag !== null);
        if (!warmedUp && (everyScreenServed || at >= latestWarmupMs)) {
          warmedUp = true;
          warmupMs = at;
          measuredFrom = { at: Date.now(), completed, offered, serverCpu: await cpuSeconds(pid), loadCpu: process.cpuUsage() };
          for (const kind of Object.keys(latencies) as Kind[]) latencies[kind] = new Samples();
          console.log(`soak: warm-up done after ${Math.round(at / 1000)} s, resident ${rss.at(-1)?.mb} MB`);
        }
        if (rss.length % 12 === 0)
          console.log(
            `soak: ${Math.round(at / 1000)} s, ${completed} requests, ${errors} errors, resident ${rss.at(-1)?.mb} MB, last 5 s: ${rss.at(-1)?.rps} req/s, p99 ${rss.at(-1)?.p99Ms} ms`,
          );
      }
    })();
    await sleep(SECONDS * 1000);
    const measuredSeconds = (Date.now() - measuredFrom.at) / 1000;
    const achieved = (completed - measuredFrom.completed) / measuredSeconds;
    // What the screens would send if every answer came at once (each screen waits for its previous
    // answer, as the player does, so a slow service is offered less: this is the honest reference).
    const intended =
      (KINDS.has('manifest') ? screens.reduce((sum, screen) => sum + 1 / screen.pollSeconds, 0) : 0) +
      (KINDS.has('heartbeat') ? SCREENS / HEARTBEAT_S : 0) +
      (KINDS.has('plays') ? SCREENS / PLAYS_S : 0);
    const sent = (offered - measuredFrom.offered) / measuredSeconds;
    // Cores busy in the server and in this process (the load generator), so a saturated server or
    // a load generator that cannot keep up shows in the report rather than being guessed at.
    const serverCores = round(((await cpuSeconds(pid)) - measuredFrom.serverCpu) / measuredSeconds);
    const loadUsage = process.cpuUsage(measuredFrom.loadCpu);
    const loadCores = round((loadUsage.user + loadUsage.system) / 1e6 / measuredSeconds);
    running = false;
    await Promise.race([Promise.all([...loops, sampler]), sleep(30_000)]);
    agent.destroy();

    // Start and end are medians over the first and the last minute after the warm-up: the V8 heap
    // saws up and down by a few hundred MB between major collections, so two single samples could
    // show growth or shrinkage that is only where each fell in the saw.
    const measured = rss.filter((sample) => sample.atSeconds * 1000 >= warmupMs - 1000);
    const span = Math.max(1, Math.min(12, Math.floor(measured.length / 3)));
    const rssStartMb = median(measured.slice(0, span).map((sample) => sample.mb));
    const rssEndMb = median(measured.slice(-span).map((sample) => sample.mb));
    const growth = rssStartMb ? (rssEndMb - rssStartMb) / rssStartMb : 0;
    const all = new Samples();
    for (const kind of Object.keys(latencies) as Kind[])
      for (let i = 0; i < latencies[kind].count; i++) all.add(latencies[kind].values[i] ?? 0);
    const overall = all.summary();
    const ratio = round(achieved / intended);
    await reportResult({
      name: 'soak',
      value: Math.round(achieved),
      unit: 'req/s',
      reference: {
        name: 'load the screens intend (polls, heartbeats, play batches at their intervals)',
        value: Math.round(intended),
      },
      ratio,
      target: '>= 0.99',
      meets: ratio >= 0.99 && errors === 0 && growth <= RSS_GROWTH_LIMIT,
      setup: {
        screens: SCREENS,
        kinds: [...KINDS],
        slides: SLIDES,
        seconds: SECONDS,
        warmupSeconds: Math.round(warmupMs / 1000),
        heartbeatSeconds: HEARTBEAT_S,
        playBatchSeconds: PLAYS_S,
        eventsPerBatch: EVENTS_PER_BATCH,
        connections: CONNECTIONS,
        database: SERVER_URL ? 'postgres' : 'pglite',
        jobs: true,
      },
      notes: [
        `errors: ${errors}`,
        `machine load average ${loadStart} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end (${os.cpus().length} cores, shared with whatever else runs)`,
        `latency p50 ${overall.p50Ms} ms, p99 ${overall.p99Ms} ms`,
        `CPU: server ${serverCores} cores, load generator ${loadCores} cores`,
        `resident memory ${rssStartMb} MB after warm-up, ${rssEndMb} MB at the end (medians of ${span} samples 5 s apart; ${round(growth * 100)} %, limit ${RSS_GROWTH_LIMIT * 100} %)`,
      ],
      extra: {
        errors,
        sentPerSecond: Math.round(sent),
        serverCores,
        loadGeneratorCores: loadCores,
        p50Ms: overall.p50Ms,
        p99Ms: overall.p99Ms,
        byKind: Object.fromEntries(
          (Object.keys(latencies) as Kind[]).map((kind) => [kind, latencies[kind].summary()]),
        ),
        statuses,
        rssStartMb,
        rssEndMb,
        rssGrowth: round(growth),
        rssSamples: rss,
      },
    });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
    await dropDatabase();
  }
}

type Seeded = { network: SeededNetwork; databaseEnv: Record<string, string>; dropDatabase(): Promise<void> };

/** Seeds a PGlite data folder in its own process, so the bulk inserts do not weigh on this one. */
async function seedPglite(dataDir: string): Promise<Seeded> {
  const networkFile = path.join(dataDir, 'network.json');
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/support/seed-network.ts',
      path.join(dataDir, 'pglite'),
      String(SCREENS),
      String(SLIDES),
      networkFile,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (seeded.status !== 0) throw new Error('seeding failed');
  const network = JSON.parse(await readFile(networkFile, 'utf8')) as SeededNetwork;
  return { network, databaseEnv: {}, dropDatabase: async () => {} };
}

/** Seeds a new database on the DATABASE_URL server (dropped afterwards); the service gets its URL. */
async function seedPostgres(): Promise<Seeded> {
  const name = `hub_soak_${randomBytes(6).toString('hex')}`;
  const admin = postgres(SERVER_URL as string, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL as string);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  await database.migrate();
  const network = await seedNetwork(database.db, { screens: SCREENS, slides: SLIDES });
  await database.close();
  return {
    network,
    databaseEnv: { DATABASE_URL: url.toString() },
    async dropDatabase() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

await main();
