import path from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { PgBlobStore } from '../media/pg-blob-store.js';
import { type BlobStore, FsBlobStore } from '../media/storage.js';

/**
 * The blob store the configuration asks for: files under DATA_DIR/media (MEDIA_STORE=fs, one
 * instance) or chunks in PostgreSQL (MEDIA_STORE=postgres, shared by every instance).
 */
export async function createBlobStore(config: Config, database?: Database): Promise<BlobStore> {
  if (config.mediaStore === 'postgres') {
    if (!database) throw new Error('MEDIA_STORE=postgres needs the database');
    return PgBlobStore.open(database.db);
  }
  return FsBlobStore.open(path.join(config.dataDir, 'media'));
}
