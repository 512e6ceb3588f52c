import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { runInterleaved } from './http-load.js';
import { meetsTarget, reportResult } from './report.js';
import { openBenchDatabase, type SeededNetwork, seedNetwork } from './seed-network.js';

/**
 * The setting both manifest benchmarks share: a seeded network, the real app in a process of its
 * own on a loopback port (@hono/node-server), every screen's manifest fetched once (so the
 * instance holds all of them, as after a few minutes of polling), and what each answer looked
 * like, for the reference server.
 */

export const MANIFEST_PATH = '/api/v1/screens/me/manifest';

/** One screen as the benchmark drives it. */
export interface BenchScreen {
  token: string;
  etag: string;
  /** The gzip body it was sent (what the reference answers with). */
  body: Buffer;
}

export interface ManifestNetwork {
  port: number;
  slides: number;
  screens: BenchScreen[];
  /** Headers of a real 200 and 304 answer, without those node:http adds itself. */
  headers200: OutgoingHttpHeaders;
  headers304: OutgoingHttpHeaders;
  seedSeconds: number;
  warmSeconds: number;
  /** The server process's resident memory once it listened, before any request, in bytes. */
  startRss: number;
  /** Its process.memoryUsage() then, after a full garbage collection. */
  startMemory: NodeJS.MemoryUsage;
  /** The server process's resident memory now, in bytes. */
  serverRss(): Promise<number>;
  /** The server's own process.memoryUsage() after a full garbage collection. */
  serverMemory(): Promise<NodeJS.MemoryUsage>;
  close(): Promise<void>;
}

const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const supportDir = path.dirname(fileURLToPath(import.meta.url));

function replayable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !OWN_HEADERS.has(name)));
}

/** Where the server finds the seeded database: a PGlite folder or a PostgreSQL URL. */
interface SeededStore {
  where: string;
  network: SeededNetwork;
  close(): Promise<void>;
}

/** PGlite is seeded in a child process (a PGlite folder has one user at a time); PostgreSQL here. */
async function seedStore(screens: number, slides: number, dir: string): Promise<SeededStore> {
  if (process.env.DATABASE_URL) {
    const { database, close } = await openBenchDatabase();
    const network = await seedNetwork(database.db, { screens, slides });
    const [row] = (await database.db.execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${row?.name}`;
    return { where: url.toString(), network, close };
  }
  const out = path.join(dir, 'network.json');
  const pglite = path.join(dir, 'pglite');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(supportDir, 'seed-network.ts'), pglite, String(screens), String(slides), out], { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (exit ${code})`))));
  });
  return { where: pglite, network: JSON.parse(await readFile(out, 'utf8')) as SeededNetwork, close: async () => {} };
}

/** Starts bench/support/manifest-server.ts and waits for its port. */
async function startServer(where: string, dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const script = path.join(supportDir, 'manifest-server.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, where, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('{"memory"')) child.emit('memory', (JSON.parse(line) as { memory: NodeJS.MemoryUsage }).memory);
      else if (line.trim()) process.stderr.write(`${line}\n`);
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, port };
}

/** Resident memory of a process (Linux /proc). */
async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kilobytes * 1024;
}

/** GETs a manifest over a keep-alive agent, keeping the raw (gzip) body. */
function fetchRaw(agent: http.Agent, port: number, token: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: MANIFEST_PATH, agent, headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on('error', reject);
  });
}

/** Seeds the network, starts the app and fetches every screen's manifest once. */
export async function startManifestNetwork(options: { screens: number; slides: number }): Promise<ManifestNetwork> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-manifest-bench-'));
  let started = performance.now();
  const store = await seedStore(options.screens, options.slides, dir);
  const seedSeconds = (performance.now() - started) / 1000;
  const { child, port } = await startServer(store.where, path.join(dir, 'data'));
  const serverMemory = () =>
    new Promise<NodeJS.MemoryUsage>((resolve) => {
      child.once('memory', resolve);
      child.kill('SIGUSR2');
    });
  const startMemory = await serverMemory();
  const startRss = await residentBytes(child.pid as number);

  started = performance.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const screens: BenchScreen[] = new Array(store.network.screens.length);
  let headers200: OutgoingHttpHeaders = {};
  const queue = store.network.screens.map((screen, index) => ({ screen, index }));
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const answer = await fetchRaw(agent, port, next.screen.token);
        if (answer.status !== 200) throw new Error(`manifest answered ${answer.status}: ${answer.body.toString()}`);
        screens[next.index] = { token: next.screen.token, etag: answer.headers.etag as string, body: answer.body };
        headers200 = replayable(answer.headers);
      }
    }),
  );
  const warmSeconds = (performance.now() - started) / 1000;
  const first = screens[0] as BenchScreen;
  const conditional = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: MANIFEST_PATH, agent, headers: { authorization: `Bearer ${first.token}`, 'if-none-match': first.etag } }, (response) => {
        response.resume();
        if (response.statusCode !== 304) reject(new Error(`expected 304, got ${response.statusCode}`));
        else resolve(response.headers);
      })
      .on('error', reject);
  });
  agent.destroy();
  return {
    port,
    slides: options.slides,
    screens,
    headers200,
    headers304: replayable(conditional),
    seedSeconds,
    warmSeconds,
    startRss,
    startMemory,
    serverRss: () => residentBytes(child.pid as number),
    serverMemory,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The reference: a bare node:http server answering exactly what the app answered, per token:
 * 304 with the app's headers when If-None-Match carries the screen's ETag, else the same gzip
 * bytes with the app's headers.
 */
export async function startReferenceServer(network: ManifestNetwork): Promise<{ port: number; close(): Promise<void> }> {
  const byToken = new Map(network.screens.map((screen) => [`Bearer ${screen.token}`, screen]));
  const server = http.createServer((request, response) => {
    const screen = byToken.get(request.headers.authorization ?? '');
    if (!screen) {
      response.writeHead(401).end();
      return;
    }
    if (request.headers['if-none-match'] === screen.etag) {
      response.writeHead(304, { ...network.headers304, etag: screen.etag }).end();
      return;
    }
    response.writeHead(200, { ...network.headers200, etag: screen.etag, 'content-length': screen.body.length }).end(screen.body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** How the two manifest benchmarks load the servers. */
export const MANIFEST_LOAD = { connections: 64, rounds: 4, warmupSeconds: 1, seconds: 2.5 };

/**
 * Loads the app and the reference in alternating rounds with the same requests, checks that
 * every answer had the expected status, and reports the ratio (app / reference).
 */
export async function compareWithReference(
  network: ManifestNetwork,
  options: { name: string; referenceName: string; requests: string[]; status: string; target: string; extra?: Record<string, unknown> },
): Promise<void> {
  const reference = await startReferenceServer(network);
  const { subject: app, reference: bare, roundRatios } = await runInterleaved({ subject: network.port, reference: reference.port }, { ...MANIFEST_LOAD, requests: options.requests });
  await reference.close();
  for (const [side, result] of [['app', app], ['reference', bare]] as const) {
    const other = Object.keys(result.statuses).filter((status) => status !== options.status);
    if (other.length) throw new Error(`${side} answered other than ${options.status}: ${JSON.stringify(result.statuses)}`);
  }
  const ratio = app.requestsPerSecond / bare.requestsPerSecond;
  await reportResult({
    name: options.name,
    value: Math.round(app.requestsPerSecond),
    unit: 'req/s',
    reference: { name: options.referenceName, value: Math.round(bare.requestsPerSecond) },
    ratio: Math.round(ratio * 100) / 100,
    target: options.target,
    meets: meetsTarget(ratio, options.target),
    setup: {
      screens: network.screens.length,
      slides: network.slides,
      connections: MANIFEST_LOAD.connections,
      seconds: MANIFEST_LOAD.seconds * MANIFEST_LOAD.rounds,
      rounds: MANIFEST_LOAD.rounds,
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    },
    extra: { roundRatios, seedSeconds: Math.round(network.seedSeconds), warmSeconds: Math.round(network.warmSeconds), ...options.extra },
  });
}
