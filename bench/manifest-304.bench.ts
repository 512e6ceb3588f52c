/*
 * manifest-304: conditional manifest polls (If-None-Match with the current ETag) answered 304 by
 * the real app over loopback (@hono/node-server; authentication, routing, every middleware and
 * the in-memory manifest cache, no database), 10,000 screens each with its own token, against a
 * bare node:http server answering the same 304 with the same headers, measured in alternating
 * rounds so that other load on the machine falls on both alike. Ratio = app / reference.
 * The server runs in a process of its own (bench/support/manifest-server.ts). PGlite by default;
 * DATABASE_URL runs it on a fresh database on that PostgreSQL server.
 */
import { getRequest } from './support/http-load.js';
import { compareWithReference, MANIFEST_PATH, startManifestNetwork } from './support/manifest-network.js';

const SCREENS = 10_000;
const SLIDES = 2_000;

async function main(): Promise<void> {
  const network = await startManifestNetwork({ screens: SCREENS, slides: SLIDES });
  try {
    const requests = network.screens.map((screen) =>
      getRequest(MANIFEST_PATH, { Authorization: `Bearer ${screen.token}`, 'If-None-Match': screen.etag, 'Accept-Encoding': 'gzip' }),
    );
    await compareWithReference(network, {
      name: 'manifest-304',
      referenceName: 'bare node:http, same 304 and headers',
      requests,
      status: '304',
      target: '>= 0.70',
    });
  } finally {
    await network.close();
  }
}

await main();
