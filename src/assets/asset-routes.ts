import { z } from '@hono/zod-openapi';
import type { Actor, SignedInUser } from '../accounts/actor.js';
import { actorMaySeeCampaign, type CampaignWithOwner, findCampaign, userMayManageCampaign } from '../campaigns/campaigns-service.js';
import type { Db } from '../db/client.js';
import { AppError, problems } from '../errors.js';
import { access, defineRoute, requireAccess } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import { AssetPatchSchema, AssetSchema, UploadBodySchema } from './asset-schemas.js';
import { assetJson, findAsset, listCampaignAssets, updateAssetMetadata, withdrawAsset } from './assets-service.js';
import { rightsAreValid } from './rights.js';
import { uploadAsset } from './upload-asset.js';

const CampaignParam = z.object({ id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }) });
const AssetParam = z.object({ id: z.uuid() });

async function campaignForManager(db: Db, user: SignedInUser, idOrSlug: string): Promise<CampaignWithOwner> {
  const campaign = await findCampaign(db, idOrSlug);
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, campaign)) throw problems.notFound('The campaign');
  if (!userMayManageCampaign(user, campaign)) throw problems.forbidden('The campaign is outside your scope.');
  return campaign;
}

async function assetForManager(db: Db, user: SignedInUser, id: string) {
  const asset = await findAsset(db, id);
  if (!asset) throw problems.notFound('The asset');
  await campaignForManager(db, user, asset.campaignId);
  return asset;
}

function mayManage(actor: Actor, campaign: CampaignWithOwner): boolean {
  return actor.kind === 'user' && userMayManageCampaign(actor.user, campaign);
}

/** Artwork of campaigns: upload, list, describe, withdraw. */
export function assetRoutes() {
  const router = createRouter();

  // Uploads are documented like any route but handled outside the zod validator, which would
  // buffer the whole body: the file is streamed to disk with a size limit instead.
  const upload = defineRoute({
    method: 'post',
    path: '/api/v1/campaigns/{id}/assets',
    tags: ['Assets'],
    summary: 'Upload artwork (multipart/form-data, streamed, size-limited); the type is read from the content',
    access: access.roles('admin', 'coordinator'),
    request: { params: CampaignParam, body: { content: { 'multipart/form-data': { schema: UploadBodySchema } }, required: true } },
    responses: {
      201: { description: 'Stored, with its renditions', content: { 'application/json': { schema: AssetSchema } } },
      ...problemResponses(400, 401, 403, 404, 413, 415, 422),
    },
  });
  router.openAPIRegistry.registerPath(upload);
  router.post('/api/v1/campaigns/:id/assets', requireAccess(upload['x-access']), async (c) => {
    const { database, storage, config } = c.get('deps');
    const user = requireUser(c.get('actor'));
    const campaign = await campaignForManager(database.db, user, c.req.param('id') ?? '');
    const result = await uploadAsset({ db: database.db, store: storage, config }, { request: c.req.raw, campaign, uploader: user });
    if (result.ok) return c.json(assetJson(result.asset), 201);
    if (result.kind === 'fields') {
      throw new AppError(400, 'validation_failed', 'Invalid request', 'The form fields did not pass validation.', { errors: result.errors });
    }
    throw new AppError(result.problem.status, result.problem.code, result.problem.title, result.problem.detail);
  });

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/assets',
      tags: ['Assets'],
      summary: "A campaign's artwork (published campaigns: anyone, rights-valid only; managers see all)",
      access: access.public,
      request: { params: CampaignParam },
      responses: { 200: { description: 'Assets', content: { 'application/json': { schema: z.object({ items: z.array(AssetSchema) }) } } }, ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const actor = c.get('actor');
      const campaign = await findCampaign(database.db, c.req.valid('param').id);
      if (!campaign || !actorMaySeeCampaign(actor, campaign)) throw problems.notFound('The campaign');
      const now = clock.now();
      const all = await listCampaignAssets(database.db, campaign.id);
      const visible = mayManage(actor, campaign) ? all : all.filter((asset) => rightsAreValid(asset.rightsExpiry, now));
      return c.json({ items: visible.map(assetJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/assets/{id}',
      tags: ['Assets'],
      summary: 'One asset with its renditions',
      access: access.roles('admin', 'coordinator'),
      request: { params: AssetParam },
      responses: { 200: { description: 'Asset', content: { 'application/json': { schema: AssetSchema } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const asset = await assetForManager(c.get('deps').database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      return c.json(assetJson(asset), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/assets/{id}',
      tags: ['Assets'],
      summary: 'Change alt text, focal point, rights expiry, purposes or language',
      access: access.roles('admin', 'coordinator'),
      request: { params: AssetParam, body: { content: { 'application/json': { schema: AssetPatchSchema } }, required: true } },
      responses: { 200: { description: 'Updated', content: { 'application/json': { schema: AssetSchema } } }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { database } = c.get('deps');
      const user = requireUser(c.get('actor'));
      const asset = await assetForManager(database.db, user, c.req.valid('param').id);
      const patch = c.req.valid('json');
      if (patch.altText === null && asset.kind === 'image') {
        throw problems.unprocessable('alt_text_required', 'Images must keep an alt text.');
      }
      await updateAssetMetadata(database.db, asset.id, patch);
      const updated = await findAsset(database.db, asset.id);
      if (!updated) throw problems.notFound('The asset');
      return c.json(assetJson(updated), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'delete',
      path: '/api/v1/assets/{id}',
      tags: ['Assets'],
      summary: 'Withdraw an asset: no longer listed or served (play statistics stay)',
      access: access.roles('admin', 'coordinator'),
      request: { params: AssetParam },
      responses: { 204: { description: 'Withdrawn' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const asset = await assetForManager(database.db, requireUser(c.get('actor')), c.req.valid('param').id);
      await withdrawAsset(database.db, asset.id, clock.now());
      return c.body(null, 204);
    },
  );

  return router;
}
