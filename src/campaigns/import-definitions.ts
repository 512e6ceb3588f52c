import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { upsertOrganisationBySlug } from '../accounts/organisations-service.js';
import {
  recordAsset,
  updateAssetMetadata,
  withdrawAsset,
  type AssetMetadata,
} from '../assets/assets-service.js';
import { assets } from '../assets/schema.js';
import { IMPORT_LOCK_KEY } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import { importCampaignEvents } from '../events/import-events.js';
import { ingestUpload } from '../media/ingest.js';
import { receiveUpload } from '../media/intake.js';
import type { RenditionSpec } from '../media/rendition-spec.js';
import { type CampaignRow, regionForTier } from './campaigns-service.js';
import { deriveSlides, importSlides } from './import-slides.js';
import { type LoadedAsset, type LoadedDefinition, loadCampaignDefinitions } from './load-definitions.js';
import { campaigns } from './schema.js';

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  skipped: Array<{ slug: string; reason: string }>;
  assetsAdded: number;
  slides: number;
}

/**
 * Imports the campaign definitions in `dir`: creates what is missing, updates what changed in the
 * files, and leaves everything else alone, so running it at every start (or twice) changes
 * nothing. Campaigns created through the API with the same slug are never overwritten.
 */
export async function importCampaignDefinitions(
  deps: AppDeps,
  dir: string,
  options: { shouldStop?: () => boolean; renditionSpec?: RenditionSpec } = {},
): Promise<ImportSummary> {
  const definitions = await loadCampaignDefinitions(dir);
  const shouldStop = options.shouldStop ?? (() => false);
  return deps.database.withLock(IMPORT_LOCK_KEY, async () => {
    const summary: ImportSummary = {
      created: [],
      updated: [],
      unchanged: [],
      skipped: [],
      assetsAdded: 0,
      slides: 0,
    };
    // Campaign rows first, artwork second: every campaign is listed within moments of a first
    // start, while the slower image work follows.
    const pending: Array<{
      definition: LoadedDefinition;
      campaign: CampaignRow;
      fingerprint: string;
      isNew: boolean;
    }> = [];
    for (const definition of definitions) {
      const stored = await storeCampaign(deps, definition, summary);
      if (stored) pending.push({ definition, ...stored });
    }
    for (const { definition, campaign, fingerprint, isNew } of pending) {
      const assetIdBySourceKey = new Map<string, string>();
      for (const asset of definition.assets) {
        if (shouldStop()) return summary;
        const imported = await importAsset(deps, campaign.id, definition, asset, options.renditionSpec);
        assetIdBySourceKey.set(imported.sourceKey, imported.assetId);
        if (imported.added) summary.assetsAdded += 1;
      }
      summary.slides += await importSlides(
        deps.database.db,
        campaign,
        deriveSlides(definition),
        assetIdBySourceKey,
        deps.clock.now(),
      );
      const campaignId = campaign.id;
      // The fingerprint is written last, so an import cut short is completed at the next start.
      await deps.database.db
        .update(campaigns)
        .set({ definitionHash: fingerprint })
        .where(eq(campaigns.id, campaignId));
      (isNew ? summary.created : summary.updated).push(definition.slug);
    }
    // Event programmes (events.json) are imported at every run: their file is not part of the
    // campaign fingerprint, and the import itself changes nothing when nothing changed.
    for (const definition of definitions) {
      if (shouldStop()) return summary;
      const [row] = await deps.database.db
        .select({ id: campaigns.id, source: campaigns.source })
        .from(campaigns)
        .where(eq(campaigns.slug, definition.slug))
        .limit(1);
      if (!row || row.source !== 'definition') continue;
      await importCampaignEvents(deps, row.id, path.join(definition.directory, 'events.json'));
    }
    return summary;
  });
}

/** Creates or updates a campaign row from its definition; null when nothing is to be done. */
async function storeCampaign(
  deps: AppDeps,
  definition: LoadedDefinition,
  summary: ImportSummary,
): Promise<{ campaign: CampaignRow; fingerprint: string; isNew: boolean } | null> {
  const { db } = deps.database;
  const fingerprint = await fingerprintOf(definition);
  const [existing] = await db.select().from(campaigns).where(eq(campaigns.slug, definition.slug)).limit(1);
  if (existing && existing.source !== 'definition') {
    summary.skipped.push({
      slug: definition.slug,
      reason: 'a campaign with this slug was created through the API',
    });
    return null;
  }
  if (existing?.definitionHash === fingerprint) {
    summary.unchanged.push(definition.slug);
    return null;
  }
  const owner = await upsertOrganisationBySlug(db, {
    slug: definition.owner.slug,
    name: definition.owner.name,
    kind: definition.owner.kind,
    countyCode: definition.owner.countyCode ?? null,
    municipalityCode: definition.owner.municipalityCode ?? null,
  });
  const region = regionForTier(definition.tier, {
    countyCode: definition.owner.countyCode ?? null,
    municipalityCode: definition.owner.municipalityCode ?? null,
  });
  if (!region.ok) throw new Error(`${definition.sourceFile}: ${region.detail}`);
  const now = deps.clock.now();
  const fields = {
    title: definition.title,
    summary: definition.summary,
    description: definition.description,
    tier: definition.tier,
    ownerOrganisationId: owner.id,
    countyCode: region.countyCode,
    municipalityCode: region.municipalityCode,
    languages: definition.languages,
    audience: definition.audience,
    airing: definition.airing,
    ordering: definition.ordering ?? null,
    support: definition.support ?? [],
    source: 'definition',
    updatedAt: now,
  };
  const [row] = existing
    ? await db.update(campaigns).set(fields).where(eq(campaigns.id, existing.id)).returning()
    : await db
        .insert(campaigns)
        .values({ ...fields, slug: definition.slug, status: 'published', publishedAt: now })
        .returning();
  if (!row) throw new Error(`could not store campaign ${definition.slug}`);
  // A campaign whose file was first seen in an earlier, interrupted import counts as created.
  return { campaign: row, fingerprint, isNew: !existing || existing.definitionHash === null };
}

/** Brings one definition asset up to date; `added` when a file had to be ingested. */
async function importAsset(
  deps: AppDeps,
  campaignId: string,
  definition: LoadedDefinition,
  asset: LoadedAsset,
  renditionSpec?: RenditionSpec,
): Promise<{ sourceKey: string; assetId: string; added: boolean }> {
  const { db } = deps.database;
  const sourceKey = path.relative(definition.directory, asset.path).split(path.sep).join('/');
  const metadata: AssetMetadata = {
    language: asset.language,
    altText: asset.altText ?? null,
    title: asset.title ?? null,
    focalPoint: asset.focalPoint ?? null,
    rightsExpiry: asset.rightsExpiry ?? null,
    purposes: asset.purpose,
    orientation: asset.orientation,
    sourceKey,
  };
  const uploadHash = await sha256OfFile(asset.path);
  const [current] = await db
    .select()
    .from(assets)
    .where(and(eq(assets.campaignId, campaignId), eq(assets.sourceKey, sourceKey), isNull(assets.deletedAt)))
    .limit(1);
  if (current && current.uploadHash === uploadHash) {
    await updateAssetMetadata(db, current.id, metadata);
    return { sourceKey, assetId: current.id, added: false };
  }
  const tmpDir = path.join(deps.config.dataDir, 'tmp');
  const received = await receiveUpload(createReadStream(asset.path), {
    maxBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024,
    tmpDir,
  });
  if (!received.ok) throw new Error(`${asset.path}: ${received.reason}`);
  const ingested = await ingestUpload(received.tmpPath, {
    store: deps.storage,
    limits: { tmpDir, maxPixels: deps.config.IMAGE_MAX_MEGAPIXELS * 1_000_000 },
    renditionSpec,
  });
  if (!ingested.ok) throw new Error(`${asset.path}: ${ingested.code}: ${ingested.detail}`);
  // A changed file replaces the old asset; the old one is withdrawn, keeping its statistics.
  if (current) await withdrawAsset(db, current.id, deps.clock.now());
  const recorded = await recordAsset(db, deps.storage, {
    campaignId,
    createdBy: null,
    uploadHash,
    master: ingested.master,
    renditions: ingested.renditions,
    metadata,
  });
  return { sourceKey, assetId: recorded.id, added: true };
}

async function fingerprintOf(definition: LoadedDefinition): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(definition.sourceFile));
  for (const asset of definition.assets) hash.update(await sha256OfFile(asset.path));
  return hash.digest('hex');
}

async function sha256OfFile(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
