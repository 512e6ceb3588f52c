/*
 * pack-download: the real app over loopback streaming a 200 MB pack to several clients at once,
 * with the server's RSS sampled during the run (peak, and growth over its RSS before the first
 * download). Reference, in the same run: a bare node:http server streaming the same file with
 * fs.createReadStream. Target: RSS growth under 50 MB; the throughput ratio is reported beside it.
 *
 * Each server runs in its own child process (this file with --serve), so its RSS is its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { FsBlobStore } from '../src/media/storage.js';
import { reportResult } from './support/report.js';

const PACK_MB = 200;
const CLIENTS = 6;
const ROUNDS = 2;
const GROWTH_LIMIT_MB = 50;
const SAMPLE_MS = 20;
const THIS_FILE = fileURLToPath(import.meta.url);

interface ServerInfo {
  port: number;
  path: string;
  token?: string;
}

// ------------------------------------------------------------------ child: the servers

/** The real app on PGlite with one campaign whose current sv pack is the big zip. */
async function serveApp(workDir: string, zipHash: string, zipBytes: number): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const pino = (await import('pino')).default;
  const sharp = (await import('sharp')).default;
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { openDatabase } = await import('../src/db/client.js');
  const { systemClock } = await import('../src/deps.js');
  const { createOrganisation } = await import('../src/accounts/organisations-service.js');
  const { createUser } = await import('../src/accounts/users-service.js');
  const { createApiToken } = await import('../src/accounts/auth-service.js');
  const schema = await import('../src/db/schema.js');
  const { loadSocialArtwork } = await import('../src/packs/pack-store.js');
  const { artworkByLanguage, packCampaignOf } = await import('../src/packs/packs-service.js');
  const { planPack } = await import('../src/packs/pack-plan.js');

  const config = loadConfig({ DATA_DIR: workDir, LOG_LEVEL: 'silent', NODE_ENV: 'production' });
  const database = await openDatabase({});
  await database.migrate();
  const storage = await FsBlobStore.open(path.join(workDir, 'media'));
  const db = database.db;

  const organisation = await createOrganisation(db, 'system', {
    slug: 'bench-school',
    name: 'Bench school',
    kind: 'school',
    municipalityCode: '1980',
  });
  if (!organisation.ok) throw new Error(organisation.detail);
  const user = await createUser(db, 'system', {
    email: 'bench@example.org',
    name: 'Bench',
    password: 'correct horse battery staple',
    role: 'member',
    organisationId: organisation.organisation.id,
  });
  if (!user.ok) throw new Error(user.detail);
  const token = await createApiToken(db, { userId: user.user.id, name: 'bench', expiresAt: null });
  const [campaign] = await db
    .insert(schema.campaigns)
    .values({
      slug: 'bench-campaign',
      title: { sv: 'Bench' },
      summary: { sv: 'Bench' },
      description: { sv: 'Bench' },
      tier: 'national',
      ownerOrganisationId: organisation.organisation.id,
      languages: ['sv'],
      status: 'published',
      airing: { spans: [{ kind: 'always' }] },
      ordering: { spans: [{ kind: 'always' }] },
    })
    .returning();
  if (!campaign) throw new Error('no campaign');
  const image = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#884466' } })
    .jpeg()
    .toBuffer();
  const master = await storage.put(image);
  await db.insert(schema.blobs).values({ hash: master.hash, bytes: master.bytes, mime: 'image/jpeg' });
  await db.insert(schema.assets).values({
    campaignId: campaign.id,
    kind: 'image',
    format: 'jpeg',
    masterHash: master.hash,
    uploadHash: master.hash,
    bytes: master.bytes,
    width: 400,
    height: 400,
    language: 'sv',
    altText: 'Bench',
    purposes: ['social'],
  });
  // Point the current sv pack (its real inputs key) at the big zip, so the route serves it as is.
  const [artwork] = artworkByLanguage(campaign, await loadSocialArtwork(db, campaign.id), new Date());
  if (!artwork) throw new Error('no artwork');
  const plan = planPack(packCampaignOf(campaign), 'sv', artwork.valid);
  await db.insert(schema.blobs).values({ hash: zipHash, bytes: zipBytes, mime: 'application/zip' });
  await db.insert(schema.packs).values({
    campaignId: campaign.id,
    language: 'sv',
    inputsKey: plan.inputsKey,
    zipHash,
    bytes: zipBytes,
    fileCount: plan.fileCount,
    imageCount: 1,
    renderedAt: new Date(),
  });

  const app = createApp({
    config,
    database,
    storage,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    readiness: { migrated: true, shuttingDown: false },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (address) => {
    const info: ServerInfo = {
      port: address.port,
      path: `/api/v1/campaigns/${campaign.id}/packs/sv.zip`,
      token: token.token,
    };
    process.stdout.write(`${JSON.stringify(info)}\n`);
  });
  void server;
}

/** node:http and fs.createReadStream, nothing else: the reference. */
function serveBare(file: string, bytes: number): void {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(bytes) });
    createReadStream(file).pipe(response);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    process.stdout.write(
      `${JSON.stringify({ port: address.port, path: '/pack.zip' } satisfies ServerInfo)}\n`,
    );
  });
}

// ------------------------------------------------------------------ parent: the measurement

/** A zip of incompressible files, made with the same zip library the packs use. */
async function makeBigZip(store: FsBlobStore): Promise<{ hash: string; bytes: number }> {
  const zip = new yazl.ZipFile();
  const files = PACK_MB / 4;
  for (let index = 0; index < files; index++) {
    zip.addReadStreamLazy(
      `instagram-square-1080x1080/bench-sv-${index + 1}.jpg`,
      { compress: false },
      (callback) => callback(null, Readable.from([randomBytes(4 * 1024 * 1024)], { objectMode: false })),
    );
  }
  zip.end();
  return store.put(zip.outputStream as Readable);
}

function startServer(args: string[]): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, '--serve', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n') && line) resolve({ child, info: JSON.parse(line) as ServerInfo });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Downloads once; answers the bytes received (and their sha256 when asked). */
function download(info: ServerInfo, withHash = false): Promise<{ bytes: number; hash?: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = info.token ? { authorization: `Bearer ${info.token}` } : {};
    const request = http.get({ host: '127.0.0.1', port: info.port, path: info.path, headers }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`status ${response.statusCode}`));
        response.resume();
        return;
      }
      const hasher = withHash ? createHash('sha256') : null;
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hasher?.update(chunk);
      });
      response.on('end', () => resolve({ bytes, hash: hasher?.digest('hex') }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

interface Measurement {
  mbPerSecond: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  growthMb: number;
  seconds: number;
}

async function measure(args: string[], expected: { hash: string; bytes: number }): Promise<Measurement> {
  const { child, info } = await startServer(args);
  const pid = child.pid as number;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssBeforeMb = await rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => {
      rssMb(pid).then(
        (mb) => {
          rssPeakMb = Math.max(rssPeakMb, mb);
        },
        () => {},
      );
    }, SAMPLE_MS);
    // One checked download first: the bytes must be the pack, not just as many.
    const checked = await download(info, true);
    if (checked.hash !== expected.hash || checked.bytes !== expected.bytes)
      throw new Error('server sent other bytes than the pack');
    const started = performance.now();
    let received = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(Array.from({ length: CLIENTS }, () => download(info)));
      for (const result of results) {
        if (result.bytes !== expected.bytes)
          throw new Error(`short download: ${result.bytes} of ${expected.bytes}`);
        received += result.bytes;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    rssPeakMb = Math.max(rssPeakMb, await rssMb(pid));
    return {
      mbPerSecond: received / 1024 / 1024 / seconds,
      rssBeforeMb,
      rssPeakMb,
      growthMb: rssPeakMb - rssBeforeMb,
      seconds,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-pack-download-'));
  try {
    const store = await FsBlobStore.open(path.join(workDir, 'media'));
    const zip = await makeBigZip(store);
    const file = path.join(workDir, 'media', zip.hash.slice(0, 2), zip.hash.slice(2, 4), zip.hash);
    const app = await measure(['app', workDir, zip.hash, String(zip.bytes)], zip);
    const bare = await measure(['bare', file, String(zip.bytes)], zip);
    const round = (value: number) => Math.round(value * 10) / 10;
    console.log(
      `app: ${round(app.mbPerSecond)} MB/s, RSS ${round(app.rssBeforeMb)} → peak ${round(app.rssPeakMb)} MB (+${round(app.growthMb)}); ` +
        `bare: ${round(bare.mbPerSecond)} MB/s, RSS ${round(bare.rssBeforeMb)} → peak ${round(bare.rssPeakMb)} MB (+${round(bare.growthMb)})`,
    );
    await reportResult({
      name: 'pack-download',
      value: round(app.mbPerSecond),
      unit: 'MB/s',
      reference: {
        name: 'bare node:http + fs.createReadStream, same file and clients',
        value: round(bare.mbPerSecond),
      },
      ratio: Math.round((app.mbPerSecond / bare.mbPerSecond) * 100) / 100,
      target: `RSS growth <= ${GROWTH_LIMIT_MB} MB`,
      meets: app.growthMb <= GROWTH_LIMIT_MB,
      setup: {
        packMb: round(zip.bytes / 1024 / 1024),
        clients: CLIENTS,
        rounds: ROUNDS,
        sampleMs: SAMPLE_MS,
        cores: os.cpus().length,
      },
      notes: [
        'meets = the app server RSS growth (peak during the run minus before the first download) is within the limit.',
        'ratio = app throughput / bare node:http throughput over loopback, same run.',
      ],
      extra: { app, bare },
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  const [, , , kind, ...rest] = process.argv;
  if (kind === 'app') await serveApp(rest[0] as string, rest[1] as string, Number(rest[2]));
  else serveBare(rest[0] as string, Number(rest[1]));
} else {
  await main();
}
