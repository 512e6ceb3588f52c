import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import {
  type BlobOutcome,
  listFsBlobs,
  listPgBlobs,
  type MigrationTotals,
  migrateBlobs,
} from '../media/blob-migration.js';
import { PgBlobStore } from '../media/pg-blob-store.js';
import { FsBlobStore } from '../media/storage.js';

/**
 * `npm run media:migrate -- --to postgres|fs [--dry-run] [--verify] [--concurrency N]` copies
 * the media blobs from the file store (DATA_DIR/media) to the PostgreSQL store or back, for a
 * switch of MEDIA_STORE. Safe to repeat and to interrupt: it copies only what the target lacks.
 * The source is left as it is. Exits 1 if any blob could not be copied or the run was interrupted.
 */
const USAGE = 'usage: npm run media:migrate -- --to postgres|fs [--dry-run] [--verify] [--concurrency N]';
const PROGRESS_EVERY_MS = 2000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      verify: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
    },
  });
  const concurrency = Number(values.concurrency);
  if ((values.to !== 'postgres' && values.to !== 'fs') || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: concurrency + 1,
  });
  await database.migrate();
  const mediaDir = path.join(config.dataDir, 'media');
  const fsStore = await FsBlobStore.open(mediaDir);
  const pgStore = await PgBlobStore.open(database.db);
  const toPostgres = values.to === 'postgres';
  const names = {
    fs: `the file store (${mediaDir})`,
    postgres: database.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)',
  };
  const blobs = toPostgres ? await listFsBlobs(mediaDir) : await listPgBlobs(database.db);
  const totalBytes = blobs.reduce((sum, blob) => sum + blob.bytes, 0);
  console.log(
    `${values['dry-run'] ? 'Checking' : 'Copying'} ${blobs.length} blobs (${formatBytes(totalBytes)}) from ${
      toPostgres ? names.fs : names.postgres
    } to ${toPostgres ? names.postgres : names.fs}`,
  );

  const interrupted = new AbortController();
  process.once('SIGINT', () => {
    console.log('Stopping after the blobs under way; run the command again to go on.');
    interrupted.abort();
  });
  let lastPrint = Date.now();
  const totals = await migrateBlobs({
    from: toPostgres ? fsStore : pgStore,
    to: toPostgres ? pgStore : fsStore,
    blobs,
    dryRun: values['dry-run'],
    verifyExisting: values.verify,
    concurrency,
    signal: interrupted.signal,
    onBlob(outcome: BlobOutcome, soFar: MigrationTotals) {
      if (outcome.outcome === 'failed') console.log(`  failed ${outcome.hash}: ${outcome.detail}`);
      if (Date.now() - lastPrint >= PROGRESS_EVERY_MS || soFar.blobs === blobs.length) {
        lastPrint = Date.now();
        console.log(`  ${soFar.blobs}/${blobs.length} ${describe(soFar)}`);
      }
    },
  });
  await database.close();
  console.log(
    `Done: ${describe(totals)}${totals.blobs < blobs.length ? `, ${blobs.length - totals.blobs} not reached` : ''}`,
  );
  if (totals.failed === 0 && totals.blobs === blobs.length && !values['dry-run']) {
    console.log(
      `Every blob is in ${toPostgres ? names.postgres : names.fs}; set MEDIA_STORE=${values.to} and restart.`,
    );
  }
  process.exit(totals.failed > 0 || totals.blobs < blobs.length ? 1 : 0);
}

function describe(totals: MigrationTotals): string {
  const parts = [
    `${totals.copied} copied (${formatBytes(totals.bytesCopied)})`,
    `${totals.present} already there`,
    totals.wouldCopy ? `${totals.wouldCopy} to copy` : '',
    `${totals.failed} failed`,
  ];
  return parts.filter(Boolean).join(', ');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
