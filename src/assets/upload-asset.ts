import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { SignedInUser } from '../accounts/actor.js';
import type { CampaignWithOwner } from '../campaigns/campaigns-service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { fieldProblemsOf, type FieldProblem } from '../errors.js';
import { ingestUpload } from '../media/ingest.js';
import { parseMultipartUpload } from '../media/intake.js';
import { type MediaProblem, mediaProblem } from '../media/media-problems.js';
import { sniffFile } from '../media/sniff.js';
import type { BlobStore } from '../media/storage.js';
import { UploadFieldsSchema } from './asset-schemas.js';
import { altTextRequired, type AssetRow, recordAsset, type RenditionRow } from './assets-service.js';

export type UploadResult =
  | { ok: true; asset: AssetRow & { renditions: RenditionRow[] } }
  | { ok: false; kind: 'media'; problem: MediaProblem }
  | { ok: false; kind: 'fields'; errors: FieldProblem[] };

/**
 * An upload from request to rows: stream the one file to a temp file (size-limited), check the
 * form fields, decide the type from the content, require alt text for images, then make the
 * master and renditions and record them. Every refusal leaves no file and no row behind.
 */
export async function uploadAsset(
  deps: { db: Db; store: BlobStore; config: Config },
  input: { request: Request; campaign: CampaignWithOwner; uploader: SignedInUser },
): Promise<UploadResult> {
  const tmpDir = path.join(deps.config.dataDir, 'tmp');
  const parsed = await parseMultipartUpload(input.request, {
    maxBytes: deps.config.UPLOAD_MAX_MB * 1024 * 1024,
    tmpDir,
  });
  if (!parsed.ok) return { ok: false, kind: 'media', problem: mediaProblem(parsed.reason, parsed.detail) };
  const tmpPath = parsed.file.tmpPath;
  let handedOver = false;
  try {
    const fields = UploadFieldsSchema.safeParse(parsed.fields);
    if (!fields.success) return { ok: false, kind: 'fields', errors: fieldProblemsOf(fields.error) };
    const sniffed = await sniffFile(tmpPath);
    if (!sniffed.ok) return { ok: false, kind: 'media', problem: mediaProblem(sniffed.code, sniffed.detail) };
    if (altTextRequired(sniffed.kind) && !fields.data.altText) {
      return { ok: false, kind: 'fields', errors: [{ field: 'altText', message: 'alt text is required for images' }] };
    }
    if (!input.campaign.languages.includes(fields.data.language)) {
      return {
        ok: false,
        kind: 'fields',
        errors: [{ field: 'language', message: `the campaign's languages are ${input.campaign.languages.join(', ')}` }],
      };
    }
    handedOver = true; // ingestUpload owns and removes the temp file from here on.
    const ingested = await ingestUpload(tmpPath, {
      store: deps.store,
      limits: { tmpDir, maxPixels: deps.config.IMAGE_MAX_MEGAPIXELS * 1_000_000 },
    });
    if (!ingested.ok) {
      const { ok: _ok, ...problem } = ingested;
      return { ok: false, kind: 'media', problem };
    }
    const { focalX, focalY, ...rest } = fields.data;
    const asset = await recordAsset(deps.db, deps.store, {
      campaignId: input.campaign.id,
      createdBy: input.uploader.id,
      uploadHash: parsed.file.hash,
      master: ingested.master,
      renditions: ingested.renditions,
      metadata: { ...rest, focalPoint: focalX !== undefined && focalY !== undefined ? { x: focalX, y: focalY } : null },
    });
    return { ok: true, asset };
  } finally {
    if (!handedOver) await rm(tmpPath, { force: true });
  }
}
