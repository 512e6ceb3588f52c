import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildService, killAllServices, startService } from './support/child-service.js';

// Short limits so the test sees them act; production defaults are 15 s and 120 s.
const HEADERS_TIMEOUT_SECONDS = 2;
const REQUEST_TIMEOUT_SECONDS = 4;
let service: ChildService;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'hub-slowloris-'));
  service = await startService({
    DATA_DIR: dataDir,
    HTTP_HEADERS_TIMEOUT_SECONDS: String(HEADERS_TIMEOUT_SECONDS),
    HTTP_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS),
  });
}, 90_000);
afterAll(async () => {
  await service?.kill();
  await rm(dataDir, { recursive: true, force: true });
  killAllServices();
});

interface Stalled {
  socket: net.Socket;
  closed: Promise<string>;
  stop(): void;
}

/** Opens a connection that sends `head` and then one more byte of `drip` every interval, never finishing. */
function stall(port: number, head: string, drip: string): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    let timer: NodeJS.Timeout | undefined;
    socket.once('connect', () => {
      socket.write(head);
      let at = 0;
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip[at++ % drip.length] ?? 'x');
      }, 400);
      resolve({ socket, closed, stop: () => clearInterval(timer) });
    });
    socket.once('error', reject);
  });
}

describe('slow and stalled clients', () => {
  it('keeps answering normal requests while hundreds of clients send headers byte by byte, and drops those clients', async () => {
    const slowHeaders = await Promise.all(
      Array.from({ length: 300 }, () =>
        stall(service.port, 'GET /api/v1/campaigns HTTP/1.1\r\nHost: hub\r\nX-Slow: ', 'abcdefgh'),
      ),
    );
    const slowBodies = await Promise.all(
      Array.from({ length: 50 }, () =>
        stall(
          service.port,
          'POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":"',
          'aaaaaaaa',
        ),
      ),
    );
    try {
      // Normal clients are served while every stalled socket is still open.
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${service.base}/healthz`, { signal: AbortSignal.timeout(5000) });
        expect(response.status).toBe(200);
        const campaigns = await fetch(`${service.base}/api/v1/campaigns`, {
          signal: AbortSignal.timeout(5000),
        });
        expect(campaigns.status).toBe(200);
      }
      expect(slowHeaders.filter((client) => client.socket.destroyed)).toHaveLength(0);

      // The server ends every one of them: headers past their timeout, bodies past the request timeout.
      const within = (ms: number, promise: Promise<string>) =>
        Promise.race([
          promise,
          new Promise<string>((_, reject) => setTimeout(() => reject(new Error('still open')), ms)),
        ]);
      const headerAnswers = await Promise.all(
        slowHeaders.map((client) => within((HEADERS_TIMEOUT_SECONDS + 5) * 1000, client.closed)),
      );
      const bodyAnswers = await Promise.all(
        slowBodies.map((client) => within((REQUEST_TIMEOUT_SECONDS + 5) * 1000, client.closed)),
      );
      expect(headerAnswers.every((answer) => answer === '' || answer.startsWith('HTTP/1.1 408'))).toBe(true);
      expect(bodyAnswers.every((answer) => answer === '' || answer.startsWith('HTTP/1.1 408'))).toBe(true);
      expect(headerAnswers.some((answer) => answer.startsWith('HTTP/1.1 408'))).toBe(true);

      const after = await fetch(`${service.base}/healthz`, { signal: AbortSignal.timeout(5000) });
      expect(after.status).toBe(200);
    } finally {
      for (const client of [...slowHeaders, ...slowBodies]) {
        client.stop();
        client.socket.destroy();
      }
    }
  }, 60_000);
});
