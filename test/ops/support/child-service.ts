import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** A running instance of the service (src/main.ts in its own process), as production runs it. */
export interface ChildService {
  process: ChildProcess;
  base: string;
  port: number;
  /** Everything the process printed (JSON log lines and anything else). */
  output(): string;
  /** Log lines (parsed JSON) printed so far. */
  logLines(): Array<Record<string, unknown>>;
  /** Sends SIGTERM and answers the exit code. */
  stop(): Promise<number | null>;
  /** Sends SIGKILL and waits for the process to be gone. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => killAllServices());

/** Kills every service this process started that still runs (for afterAll, so no test leaves one behind). */
export function killAllServices(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Starts src/main.ts with the environment given (PORT=0: it reports the port it got) and waits until it is ready. */
export async function startService(
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<ChildService> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JOBS_ENABLED: 'false',
      IMPORT_CAMPAIGNS_ON_START: 'false',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const logLines = () =>
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let port = 0;
  while (!port) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not listen in time:\n${text}`);
    }
    port = Number(logLines().find((line) => line.msg?.toString().startsWith('listening'))?.port ?? 0);
    if (!port) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not become ready in time:\n${text}`);
    }
    const ready = await fetch(`${base}/readyz`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    base,
    port,
    output: () => text,
    logLines,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
