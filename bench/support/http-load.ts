import { Worker } from 'node:worker_threads';

/**
 * A small closed-loop HTTP/1.1 load generator for benchmarks: `connections` keep-alive sockets,
 * each sending its own list of prepared requests one after another (next request as soon as the
 * previous answer is complete), in a worker thread so it does not share the server's thread.
 * It reads only status lines and Content-Length, so it costs little next to the server.
 */
export interface LoadOptions {
  port: number;
  /** Raw request texts; connection i sends requests i, i + connections, … in turn. */
  requests: string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  bodyBytes: number;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, lists, warmupSeconds, seconds } = workerData;
let running = true;
let counting = false;
let requests = 0;
let bodyBytes = 0;
const statuses = {};
let failure = null;
const open = [];

function connect(list) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    let next = 0;
    let buffer = null;
    const send = () => { socket.write(list[next]); next = (next + 1) % list.length; };
    socket.on('connect', () => { open.push(socket); send(); resolve(); });
    socket.on('error', (error) => { failure = failure || error.message; resolve(); });
    socket.on('data', (chunk) => {
      buffer = buffer === null ? chunk : Buffer.concat([buffer, chunk]);
      while (buffer !== null) {
        const headerEnd = buffer.indexOf('\\r\\n\\r\\n');
        if (headerEnd < 0) return;
        const head = buffer.toString('latin1', 0, headerEnd);
        if (/\\r\\ntransfer-encoding:\\s*chunked/i.test(head)) { failure = 'chunked responses are not supported'; socket.destroy(); return; }
        const match = /\\r\\ncontent-length:\\s*(\\d+)/i.exec(head);
        const length = match ? Number(match[1]) : 0;
        const total = headerEnd + 4 + length;
        if (buffer.length < total) return;
        if (counting) {
          requests += 1;
          bodyBytes += length;
          const status = head.slice(9, 12);
          statuses[status] = (statuses[status] || 0) + 1;
        }
        buffer = buffer.length === total ? null : buffer.subarray(total);
        if (running) send(); else { socket.end(); return; }
      }
    });
  });
}

parentPort.once('message', async () => {
  await Promise.all(lists.map(connect));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  counting = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  counting = false;
  const elapsed = (performance.now() - started) / 1000;
  running = false;
  for (const socket of open) socket.destroy();
  parentPort.postMessage({ requests, bodyBytes, statuses, seconds: elapsed, failure });
});
`;

/** Runs the load and answers what was completed while counting (after the warm-up). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const lists = Array.from({ length: options.connections }, (_, connection) =>
    options.requests.filter((_, index) => index % options.connections === connection),
  ).filter((list) => list.length > 0);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { port: options.port, lists, warmupSeconds: options.warmupSeconds, seconds: options.seconds },
  });
  try {
    const result = await new Promise<{ requests: number; bodyBytes: number; statuses: Record<string, number>; seconds: number; failure: string | null }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage('go');
      },
    );
    if (result.failure) throw new Error(`load failed: ${result.failure}`);
    return {
      requestsPerSecond: result.requests / result.seconds,
      requests: result.requests,
      seconds: result.seconds,
      statuses: result.statuses,
      bodyBytes: result.bodyBytes,
    };
  } finally {
    await worker.terminate();
  }
}

/** A raw GET request text with the given headers, keeping the connection open. */
export function getRequest(path: string, headers: Record<string, string>): string {
  const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Throughput of two servers measured in alternating rounds, so that load from elsewhere on the machine falls on both alike. */
export async function runInterleaved(
  ports: { subject: number; reference: number },
  options: Omit<LoadOptions, 'port'> & { rounds: number },
): Promise<{ subject: LoadResult; reference: LoadResult; roundRatios: number[] }> {
  const totals = {
    subject: { requests: 0, seconds: 0, bodyBytes: 0, statuses: {} as Record<string, number> },
    reference: { requests: 0, seconds: 0, bodyBytes: 0, statuses: {} as Record<string, number> },
  };
  const roundRatios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const rates: Record<string, number> = {};
    for (const side of ['subject', 'reference'] as const) {
      const result = await runLoad({ ...options, port: ports[side] });
      const total = totals[side];
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.bodyBytes += result.bodyBytes;
      for (const [status, count] of Object.entries(result.statuses)) total.statuses[status] = (total.statuses[status] ?? 0) + count;
      rates[side] = result.requestsPerSecond;
    }
    roundRatios.push(Math.round(((rates.subject as number) / (rates.reference as number)) * 100) / 100);
  }
  const finish = (total: typeof totals.subject): LoadResult => ({ ...total, requestsPerSecond: total.requests / total.seconds });
  return { subject: finish(totals.subject), reference: finish(totals.reference), roundRatios };
}
