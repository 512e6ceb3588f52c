import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import type { IngestedMaster, IngestedRendition } from '../media/ingest.js';
import type { BlobStore } from '../media/storage.js';
import { markScheduleChanged } from '../manifests/schedule-version.js';
import { mediaUrl } from './media-types.js';
import { rightsAreValid } from './rights.js';
import { assets, blobs, renditions } from './schema.js';

export type AssetRow = typeof assets.$inferSelect;
export type RenditionRow = typeof renditions.$inferSelect;

/** What a person says about an uploaded file. */
export interface AssetMetadata {
  language: string;
  altText?: string | null;
  title?: string | null;
  focalPoint?: { x: number; y: number } | null;
  rightsExpiry?: string | null;
  purposes: string[];
  orientation?: 'landscape' | 'portrait' | 'any';
  sourceKey?: string | null;
}

/** Whether a file kind needs alt text (images do: they are shown to people who cannot see them). */
export function altTextRequired(kind: string): boolean {
  return kind === 'image';
}

/** The orientation of an image from its size, unless the uploader said otherwise. */
export function orientationOf(width: number | undefined, height: number | undefined): 'landscape' | 'portrait' | 'any' {
  if (!width || !height) return 'any';
  if (width > height * 1.05) return 'landscape';
  if (height > width * 1.05) return 'portrait';
  return 'any';
}

/**
 * Records stored files as an asset with its renditions, in one transaction. If the transaction
 * fails, the blobs that no row refers to are removed from the store again, so a failed upload
 * leaves nothing behind.
 */
export async function recordAsset(
  db: Db,
  store: BlobStore,
  input: {
    campaignId: string;
    createdBy: string | null;
    uploadHash: string;
    master: IngestedMaster;
    renditions: IngestedRendition[];
    metadata: AssetMetadata;
  },
): Promise<AssetRow & { renditions: RenditionRow[] }> {
  const { master, metadata } = input;
  try {
    return await db.transaction(async (tx) => {
      await tx
        .insert(blobs)
        .values([
          { hash: master.hash, bytes: master.bytes, mime: master.mime },
          ...input.renditions.map((r) => ({ hash: r.hash, bytes: r.bytes, mime: r.mime })),
        ])
        .onConflictDoNothing();
      const [asset] = await tx
        .insert(assets)
        .values({
          campaignId: input.campaignId,
          kind: master.kind,
          format: master.format,
          masterHash: master.hash,
          uploadHash: input.uploadHash,
          bytes: master.bytes,
          width: master.width ?? null,
          height: master.height ?? null,
          language: metadata.language,
          altText: metadata.altText ?? null,
          title: metadata.title ?? null,
          focalX: metadata.focalPoint?.x ?? null,
          focalY: metadata.focalPoint?.y ?? null,
          orientation: metadata.orientation ?? orientationOf(master.width, master.height),
          purposes: metadata.purposes,
          rightsExpiry: metadata.rightsExpiry ?? null,
          sourceKey: metadata.sourceKey ?? null,
          createdBy: input.createdBy,
        })
        .returning();
      if (!asset) throw new Error('asset insert returned nothing');
      const rows = input.renditions.length
        ? await tx
            .insert(renditions)
            .values(
              input.renditions.map((r) => ({
                assetId: asset.id,
                name: r.name,
                hash: r.hash,
                format: r.format,
                width: r.width,
                height: r.height,
                bytes: r.bytes,
              })),
            )
            .returning()
        : [];
      // Manifests pick artwork by language, orientation and rights: every asset change counts.
      await markScheduleChanged(tx);
      return { ...asset, renditions: rows };
    });
  } catch (error) {
    await removeUnreferencedBlobs(db, store, [master.hash, ...input.renditions.map((r) => r.hash)]);
    throw error;
  }
}

/** Deletes from the store those of the given blobs that no database row knows. */
export async function removeUnreferencedBlobs(db: Db, store: BlobStore, hashes: string[]): Promise<void> {
  const known = await db
    .select({ hash: blobs.hash })
    .from(blobs)
    .where(inArray(blobs.hash, hashes))
    .catch(() => null);
  if (!known) return; // The database is unreachable: keeping a stray file beats deleting a live one.
  const keep = new Set(known.map((row) => row.hash));
  await Promise.allSettled(hashes.filter((hash) => !keep.has(hash)).map((hash) => store.delete(hash)));
}

/** The live assets of a campaign with their renditions. */
export async function listCampaignAssets(db: DbOrTx, campaignId: string): Promise<Array<AssetRow & { renditions: RenditionRow[] }>> {
  const rows = await db
    .select()
    .from(assets)
    .where(and(eq(assets.campaignId, campaignId), isNull(assets.deletedAt)))
    .orderBy(assets.createdAt, assets.id);
  if (rows.length === 0) return [];
  const all = await db.select().from(renditions).where(inArray(renditions.assetId, rows.map((row) => row.id)));
  return rows.map((row) => ({ ...row, renditions: all.filter((r) => r.assetId === row.id) }));
}

/** One live asset with its renditions. */
export async function findAsset(db: DbOrTx, id: string): Promise<(AssetRow & { renditions: RenditionRow[] }) | null> {
  const [row] = await db.select().from(assets).where(and(eq(assets.id, id), isNull(assets.deletedAt))).limit(1);
  if (!row) return null;
  return { ...row, renditions: await db.select().from(renditions).where(eq(renditions.assetId, row.id)) };
}

/** Changes what is said about an asset (alt text, focal point, rights, purposes). */
export async function updateAssetMetadata(
  db: Db,
  id: string,
  patch: Partial<Pick<AssetMetadata, 'altText' | 'title' | 'focalPoint' | 'rightsExpiry' | 'purposes' | 'orientation' | 'language'>>,
): Promise<AssetRow | null> {
  const values: Partial<typeof assets.$inferInsert> = {};
  if (patch.altText !== undefined) values.altText = patch.altText;
  if (patch.title !== undefined) values.title = patch.title;
  if (patch.language !== undefined) values.language = patch.language;
  if (patch.purposes !== undefined) values.purposes = patch.purposes;
  if (patch.orientation !== undefined) values.orientation = patch.orientation;
  if (patch.rightsExpiry !== undefined) values.rightsExpiry = patch.rightsExpiry;
  if (patch.focalPoint !== undefined) {
    values.focalX = patch.focalPoint?.x ?? null;
    values.focalY = patch.focalPoint?.y ?? null;
  }
  const [row] = await db.update(assets).set(values).where(and(eq(assets.id, id), isNull(assets.deletedAt))).returning();
  if (row) await markScheduleChanged(db);
  return row ?? null;
}

/** Withdraws an asset: it is no longer listed or served; its play statistics stay. */
export async function withdrawAsset(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(assets)
    .set({ deletedAt: now })
    .where(and(eq(assets.id, id), isNull(assets.deletedAt)))
    .returning({ id: assets.id });
  if (rows.length > 0) await markScheduleChanged(db);
  return rows.length > 0;
}

export type ServableBlob =
  | { ok: true; hash: string; mime: string; bytes: number; rightsExpiry: string | null }
  | { ok: false; reason: 'unknown' | 'rights_expired' | 'withdrawn' };

/**
 * Whether a stored file may be served at an instant: it must belong to a live asset (as master or
 * rendition) whose rights have not run out. A file shared by several assets is served while any
 * of them allows it, with the latest expiry.
 */
export async function findServableBlob(db: Db, hash: string, at: Date): Promise<ServableBlob> {
  const owners = await db
    .select({ rightsExpiry: assets.rightsExpiry, deletedAt: assets.deletedAt, mime: blobs.mime, bytes: blobs.bytes })
    .from(blobs)
    .innerJoin(
      assets,
      sql`${assets.masterHash} = ${blobs.hash} or ${assets.id} in (select ${renditions.assetId} from ${renditions} where ${renditions.hash} = ${blobs.hash})`,
    )
    .where(eq(blobs.hash, hash));
  if (owners.length === 0) return { ok: false, reason: 'unknown' };
  const live = owners.filter((owner) => owner.deletedAt === null);
  if (live.length === 0) return { ok: false, reason: 'withdrawn' };
  const valid = live.filter((owner) => rightsAreValid(owner.rightsExpiry, at));
  if (valid.length === 0) return { ok: false, reason: 'rights_expired' };
  const latest = valid.some((owner) => owner.rightsExpiry === null)
    ? null
    : valid.map((owner) => owner.rightsExpiry as string).sort().at(-1) ?? null;
  const first = valid[0] as (typeof valid)[number];
  return { ok: true, hash, mime: first.mime, bytes: first.bytes, rightsExpiry: latest };
}

/** The API view of an asset, with URLs of its master and renditions. */
export function assetJson(asset: AssetRow & { renditions: RenditionRow[] }) {
  return {
    id: asset.id,
    campaignId: asset.campaignId,
    kind: asset.kind,
    format: asset.format,
    language: asset.language,
    altText: asset.altText,
    title: asset.title,
    width: asset.width,
    height: asset.height,
    bytes: asset.bytes,
    orientation: asset.orientation,
    purposes: asset.purposes,
    focalPoint: asset.focalX !== null && asset.focalY !== null ? { x: asset.focalX, y: asset.focalY } : null,
    rightsExpiry: asset.rightsExpiry,
    url: mediaUrl(asset.masterHash, asset.format),
    hash: asset.masterHash,
    renditions: asset.renditions
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name) || a.format.localeCompare(b.format))
      .map((r) => ({ name: r.name, format: r.format, width: r.width, height: r.height, bytes: r.bytes, hash: r.hash, url: mediaUrl(r.hash, r.format) })),
    createdAt: asset.createdAt.toISOString(),
  };
}
