import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServices, startService } from './support/child-service.js';
import { ADMIN, ADMIN_ENV } from './support/hub-world.js';

const dataDirs: string[] = [];
afterAll(async () => {
  killAllServices();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

/** Starts a request whose body arrives in two parts; answers a function that sends the rest and awaits the answer. */
function halfSentRequest(
  port: number,
  pathname: string,
  body: string,
): { finish(): Promise<{ status: number; text: string }> } {
  const request = http.request({
    host: '127.0.0.1',
    port,
    path: pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
  return {
    finish() {
      request.end(body.slice(half));
      return answered;
    },
  };
}

describe('SIGTERM', () => {
  it('lets the request in flight finish, refuses new connections, awaits the jobs and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-sigterm-'));
    dataDirs.push(dataDir);
    const service = await startService({ DATA_DIR: dataDir, JOBS_ENABLED: 'true', ...ADMIN_ENV });
    // An idle keep-alive connection must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get({ host: '127.0.0.1', port: service.port, path: '/healthz', agent }, (response) =>
        response.resume().on('end', resolve),
      ),
    );

    const inFlight = halfSentRequest(
      service.port,
      '/api/v1/auth/sign-in',
      JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    service.process.kill('SIGTERM');
    // New connections are refused once the server stopped listening.
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      refused = await fetch(`${service.base}/healthz`).then(
        () => false,
        (error: { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
      );
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused).toBe(true);
    expect(service.process.exitCode).toBeNull();

    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).user.email).toBe(ADMIN.email);
    expect(await service.exited).toBe(0);
    const messages = service.logLines().map((line) => line.msg);
    // The jobs are stopped (their runs in flight awaited, test/ops/job-shutdown.test.ts) before
    // the database closes and the process says it stopped.
    expect(
      messages.filter((message) => ['shutting down', 'jobs stopped', 'stopped'].includes(String(message))),
    ).toEqual(['shutting down', 'jobs stopped', 'stopped']);
    expect(service.logLines().filter((line) => Number(line.level) >= 50)).toEqual([]);
    agent.destroy();
  }, 90_000);
});
