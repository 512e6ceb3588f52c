import { and, arrayContains, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { assets, blobs } from '../assets/schema.js';
import type { Db } from '../db/client.js';
import type { BlobStore, StoredBlob } from '../media/storage.js';
import type { PackArtwork, PackPlan } from './pack-plan.js';
import { packs } from './schema.js';

export type PackRow = typeof packs.$inferSelect;

/** The purpose an asset must carry to go into packs. */
export const SOCIAL_PURPOSE = 'social';

/** A social image of a campaign, with its language. */
export type SocialArtwork = PackArtwork & { language: string };

/** The campaign's live social images (all languages), oldest first so image numbers stay put. */
export async function loadSocialArtwork(db: Db, campaignId: string): Promise<SocialArtwork[]> {
  return db
    .select({
      assetId: assets.id,
      language: assets.language,
      masterHash: assets.masterHash,
      format: assets.format,
      width: assets.width,
      height: assets.height,
      altText: assets.altText,
      focalX: assets.focalX,
      focalY: assets.focalY,
      rightsExpiry: assets.rightsExpiry,
    })
    .from(assets)
    .where(
      and(
        eq(assets.campaignId, campaignId),
        eq(assets.kind, 'image'),
        isNull(assets.deletedAt),
        arrayContains(assets.purposes, [SOCIAL_PURPOSE]),
      ),
    )
    .orderBy(asc(assets.createdAt), asc(assets.id));
}

/** The rendered packs of a campaign (every language and inputs key). */
export async function packsOfCampaign(db: Db, campaignId: string): Promise<PackRow[]> {
  return db.select().from(packs).where(eq(packs.campaignId, campaignId));
}

/** The pack rendered from exactly these inputs, if any. */
export async function findPack(
  db: Db,
  campaignId: string,
  language: string,
  inputsKey: string,
): Promise<PackRow | null> {
  const [row] = await db
    .select()
    .from(packs)
    .where(
      and(eq(packs.campaignId, campaignId), eq(packs.language, language), eq(packs.inputsKey, inputsKey)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Records a rendered zip. Another instance may have rendered the same inputs at the same time;
 * the unique key makes the second insert a no-op and both answer the same row.
 */
export async function savePack(db: Db, plan: PackPlan, zip: StoredBlob, renderedAt: Date): Promise<PackRow> {
  await db
    .insert(blobs)
    .values({ hash: zip.hash, bytes: zip.bytes, mime: 'application/zip' })
    .onConflictDoNothing();
  await db
    .insert(packs)
    .values({
      campaignId: plan.campaignId,
      language: plan.language,
      inputsKey: plan.inputsKey,
      zipHash: zip.hash,
      bytes: zip.bytes,
      fileCount: plan.fileCount,
      imageCount: plan.artwork.length,
      renderedAt,
    })
    .onConflictDoNothing();
  const row = await findPack(db, plan.campaignId, plan.language, plan.inputsKey);
  if (!row) throw new Error('pack row vanished right after it was saved');
  return row;
}

/**
 * Removes a language's packs other than the one to keep (all of them when keep is null), and
 * their zips when nothing else points at them. A superseded pack may hold artwork whose rights
 * ran out, so it must not linger. A download already streaming keeps its open file.
 */
export async function removeSupersededPacks(
  db: Db,
  storage: BlobStore,
  campaignId: string,
  language: string,
  keepInputsKey: string | null,
): Promise<number> {
  const conditions = [eq(packs.campaignId, campaignId), eq(packs.language, language)];
  if (keepInputsKey !== null) conditions.push(ne(packs.inputsKey, keepInputsKey));
  const removed = await db
    .delete(packs)
    .where(and(...conditions))
    .returning({ zipHash: packs.zipHash });
  const hashes = [...new Set(removed.map((row) => row.zipHash))];
  if (hashes.length === 0) return 0;
  const stillUsed = new Set(
    (await db.select({ zipHash: packs.zipHash }).from(packs).where(inArray(packs.zipHash, hashes))).map(
      (row) => row.zipHash,
    ),
  );
  for (const hash of hashes.filter((candidate) => !stillUsed.has(candidate))) {
    await db.delete(blobs).where(eq(blobs.hash, hash));
    await storage.delete(hash);
  }
  return removed.length;
}
