import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** PostgreSQL bytea as bytes (postgres-js answers Buffers, PGlite Uint8Arrays: both are Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Media bytes kept in PostgreSQL (MEDIA_STORE=postgres), so every instance serves what any one of
 * them stored. One row per blob; while an upload is being written its key is `upload:<uuid>`, and
 * once complete it is renamed to the sha256 of its bytes (the chunks follow by ON UPDATE CASCADE),
 * so a reader never sees a partial blob and a crash leaves only an incomplete row, swept later.
 */
export const blobContents = pgTable(
  'blob_contents',
  {
    key: text('key').primaryKey(),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    /** Every chunk but the last holds exactly this many bytes, so a byte range maps to chunk numbers. */
    chunkBytes: integer('chunk_bytes').notNull(),
    complete: boolean('complete').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('blob_contents_incomplete_idx').on(table.createdAt).where(sql`not ${table.complete}`)],
);

/** The bytes of a blob in fixed-size pieces, numbered from 0. */
export const blobChunks = pgTable(
  'blob_chunks',
  {
    key: text('key')
      .notNull()
      .references(() => blobContents.key, { onDelete: 'cascade', onUpdate: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.seq] })],
);
