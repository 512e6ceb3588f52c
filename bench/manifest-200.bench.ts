/*
 * manifest-200: full manifest fetches (no If-None-Match; gzip, as players ask) answered by the
 * real app over loopback from its in-memory cache, 10,000 screens each with its own token,
 * against a bare node:http server answering the same bytes with the same headers, in alternating
 * rounds. Ratio = app / reference. Also reported: the server process's resident memory with all
 * 10,000 manifests cached (after a full collection), and when it had just started. The server
 * runs in a process of its own (bench/support/manifest-server.ts) with PGlite inside it by
 * default, as the service runs; DATABASE_URL runs it on a fresh PostgreSQL database instead.
 */
import { gunzipSync } from 'node:zlib';
import { getRequest } from './support/http-load.js';
import { compareWithReference, MANIFEST_PATH, startManifestNetwork } from './support/manifest-network.js';

const SCREENS = 10_000;
const SLIDES = 2_000;
const MEMORY_TARGET_MB = 300;

const megabytes = (bytes: number) => Math.round(bytes / 1e6);

async function main(): Promise<void> {
  const network = await startManifestNetwork({ screens: SCREENS, slides: SLIDES });
  try {
    const memory = await network.serverMemory();
    const rssMb = megabytes(await network.serverRss());
    const gzipBytes = network.screens.reduce((sum, screen) => sum + screen.body.length, 0);
    const jsonBytes = network.screens.reduce((sum, screen) => sum + gunzipSync(screen.body).length, 0);
    const database = process.env.DATABASE_URL ? 'postgres' : 'pglite (in the server process)';
    console.log(
      `manifest-200 memory: server rss ${rssMb} MB with ${SCREENS} manifests cached (${megabytes(network.startRss)} MB when it started), ` +
        `database ${database} (target <= ${MEMORY_TARGET_MB} MB ${rssMb <= MEMORY_TARGET_MB ? 'ok' : 'NOT MET'}); ` +
        `live heap ${megabytes(memory.heapUsed)} MB (${megabytes(network.startMemory.heapUsed)} MB at start) in a heap of ${megabytes(memory.heapTotal)} MB (${megabytes(network.startMemory.heapTotal)} MB), ` +
        `buffers ${megabytes(memory.arrayBuffers)} MB; the manifests are ${megabytes(gzipBytes)} MB gzip as sent (screens with the same programme share its bytes in memory)`,
    );
    const requests = network.screens.map((screen) => getRequest(MANIFEST_PATH, { Authorization: `Bearer ${screen.token}`, 'Accept-Encoding': 'gzip' }));
    await compareWithReference(network, {
      name: 'manifest-200',
      referenceName: 'bare node:http, same bytes and headers',
      requests,
      status: '200',
      target: '>= 0.50',
      extra: {
        rssMb,
        rssTargetMb: MEMORY_TARGET_MB,
        rssMeets: rssMb <= MEMORY_TARGET_MB,
        startRssMb: megabytes(network.startRss),
        liveHeapMb: megabytes(memory.heapUsed),
        startLiveHeapMb: megabytes(network.startMemory.heapUsed),
        // What V8 holds beside live data (young generation, free old-space pages) is resident too.
        heapTotalMb: megabytes(memory.heapTotal),
        startHeapTotalMb: megabytes(network.startMemory.heapTotal),
        arrayBuffersMb: megabytes(memory.arrayBuffers),
        averageManifestGzipBytes: Math.round(gzipBytes / SCREENS),
        averageManifestJsonBytes: Math.round(jsonBytes / SCREENS),
      },
    });
  } finally {
    await network.close();
  }
}

await main();
