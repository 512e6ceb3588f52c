import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCampaignDefinitions } from '../src/campaigns/load-definitions.js';

// Runs the service the way the README says (npm start = tsx src/main.ts) on its embedded database.
const root = path.resolve(import.meta.dirname, '..');
let dataDir: string;
const children: ChildProcess[] = [];

/** A port nobody listens on now, so the service never collides with another test or process. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

const output = new WeakMap<ChildProcess, string[]>();

function start(port: number, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read what it says (an unread pipe would block it once full) and keep the end for errors.
  const said: string[] = [];
  output.set(child, said);
  const keep = (chunk: Buffer) => {
    said.push(chunk.toString());
    if (said.length > 50) said.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  children.push(child);
  return child;
}

/** Waits for the address to answer the status; fails at once, with what it said, if the process ended. */
async function waitFor(child: ChildProcess, url: string, status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) before ${url} answered: ${(output.get(child) ?? []).join('')}`);
    }
    try {
      const response = await fetch(url);
      if (response.status === status) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms; the service said: ${(output.get(child) ?? []).join('')}`);
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('starting the service as the README says', () => {
  it('answers /healthz within seconds, becomes ready, lists the demo campaigns, and keeps data over a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-start-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = start(port, { ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'a long admin passphrase' });
    // Within seconds on an idle machine; the bound is loose because CI machines are shared.
    expect(await waitFor(first, `${base}/healthz`, 200, 60_000)).toBeLessThan(60_000);
    await waitFor(first, `${base}/readyz`, 200, 120_000);
    // Campaign rows are imported first, so all demo campaigns are listed almost at once.
    const definitions = await loadCampaignDefinitions();
    const expected = definitions.map((d) => d.slug).sort();
    const listSlugs = async () =>
      ((await (await fetch(`${base}/api/v1/campaigns`)).json()).items as Array<{ slug: string }>).map((c) => c.slug).sort();
    const started = Date.now();
    let slugs: string[] = [];
    while (Date.now() - started < 60_000) {
      slugs = await listSlugs();
      if (slugs.length >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(slugs).toEqual(expected);
    const svartsjuka = (await (await fetch(`${base}/api/v1/campaigns/svartsjuka-ar-inte-romantiskt`)).json());
    expect(svartsjuka.airing.spans).toEqual([{ kind: 'yearly', from: '02-01', to: '03-31' }]);
    expect(svartsjuka.orderingState.text.sv).toMatch(/dec/);
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: 'a long admin passphrase' }),
    });
    expect(signIn.status).toBe(200);
    // Stopped in the middle of importing artwork: the shutdown is still clean.
    expect(await stop(first)).toBe(0);

    const second = start(port);
    await waitFor(second, `${base}/readyz`, 200, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await listSlugs()).toEqual(expected);
    // The restart resumes the import without duplicating anything already imported.
    for (const definition of definitions) {
      const listed = (await (await fetch(`${base}/api/v1/campaigns/${definition.slug}/assets`)).json()).items;
      expect(listed.length).toBeLessThanOrEqual(definition.assets.length);
    }
    const signInAgain = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: 'a long admin passphrase' }),
    });
    expect(signInAgain.status).toBe(200);
    expect(await stop(second)).toBe(0);
  }, 240_000);

  it('refuses to start with a wrong setting and names the variable', async () => {
    const child = start(39_999, { PORT: 'eighty' });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  });
});
