import { z } from '@hono/zod-openapi';
import { type AppError, problems } from '../errors.js';
import { access, defineRoute } from '../http/define-route.js';
import { problemResponses } from '../http/problem-schema.js';
import { createRouter, requireUser } from '../http/router.js';
import type { Window } from '../windows/window-schema.js';
import { orderingStateAt } from './ordering-season.js';
import { NewProductSchema, ProductPatchSchema, ProductSchema } from './product-schemas.js';
import {
  createProduct,
  findVisibleProduct,
  listCampaignProducts,
  type ProductRow,
  type ProductWriteResult,
  updateProduct,
} from './products-service.js';

/** Ordering state as the catalogue shows it. */
export function orderingJson(window: Window | null, at: Date) {
  const state = orderingStateAt(window, at);
  return state.open
    ? { open: true, closesAt: state.closesAt.toISOString(), nextOpensAt: null, seasonKey: state.seasonKey }
    : { open: false, closesAt: null, nextOpensAt: state.nextOpensAt?.toISOString() ?? null, seasonKey: null };
}

/** The API view of a product. */
function productJson(row: ProductRow, previewUrl: string | null, ordering: ReturnType<typeof orderingJson>) {
  return {
    id: row.id,
    campaignId: row.campaignId,
    code: row.code,
    kind: row.kind,
    language: row.language,
    title: row.title,
    description: row.description ?? null,
    printAssetId: row.printAssetId,
    previewAssetId: row.previewAssetId,
    previewUrl,
    maxPerOrder: row.maxPerOrder,
    quotaPerOrganisation: row.quotaPerOrganisation,
    stockLeft: row.stock,
    active: row.active,
    ordering,
  };
}

function refusalOf(result: Exclude<ProductWriteResult, { ok: true }>): AppError {
  switch (result.reason) {
    case 'not_found':
      return problems.notFound('The product or campaign');
    case 'forbidden':
      return problems.forbidden(result.detail);
    case 'code_taken':
      return problems.conflict('product_code_taken', result.detail);
    case 'invalid_assets':
    case 'language_not_in_campaign':
      return problems.unprocessable(result.reason, result.detail, result.errors);
  }
}

const CampaignParam = z.object({
  id: z.string().min(1).max(100).openapi({ description: 'Campaign id or slug' }),
});
const ProductParam = z.object({ id: z.uuid() });
const productContent = { 'application/json': { schema: ProductSchema } };

/** Products: the public catalogue of a campaign, and coordinators' create and edit. */
export function productRoutes() {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/campaigns/{id}/products',
      tags: ['Orders'],
      summary:
        'The printed material of a campaign: previews, limits, stock left and whether ordering is open',
      access: access.public,
      request: { params: CampaignParam },
      responses: {
        200: {
          description: 'Products',
          content: { 'application/json': { schema: z.object({ items: z.array(ProductSchema) }) } },
        },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const result = await listCampaignProducts(database.db, c.get('actor'), c.req.valid('param').id);
      if (!result.ok) throw problems.notFound('The campaign');
      const ordering = orderingJson(result.campaign.ordering, clock.now());
      const items = result.products.map((row) =>
        productJson(row, result.previewUrls.get(row.previewAssetId) ?? null, ordering),
      );
      return c.json({ items }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/api/v1/campaigns/{id}/products',
      tags: ['Orders'],
      summary: 'Add a printed product to a campaign in your scope',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: CampaignParam,
        body: { content: { 'application/json': { schema: NewProductSchema } }, required: true },
      },
      responses: {
        201: { description: 'Created', content: productContent },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const now = clock.now();
      const result = await createProduct(
        database.db,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
        now,
      );
      if (!result.ok) throw refusalOf(result);
      return c.json(
        productJson(result.product, result.previewUrl, orderingJson(result.campaign.ordering, now)),
        201,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/api/v1/products/{id}',
      tags: ['Orders'],
      summary: 'One product',
      access: access.public,
      request: { params: ProductParam },
      responses: { 200: { description: 'Product', content: productContent }, ...problemResponses(400, 404) },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const found = await findVisibleProduct(database.db, c.get('actor'), c.req.valid('param').id);
      if (!found) throw problems.notFound('The product');
      return c.json(
        productJson(found.product, found.previewUrl, orderingJson(found.campaign.ordering, clock.now())),
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'patch',
      path: '/api/v1/products/{id}',
      tags: ['Orders'],
      summary: 'Change a product (files, limits, stock left, active) of a campaign in your scope',
      access: access.roles('admin', 'coordinator'),
      request: {
        params: ProductParam,
        body: { content: { 'application/json': { schema: ProductPatchSchema } }, required: true },
      },
      responses: {
        200: { description: 'Updated', content: productContent },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { database, clock } = c.get('deps');
      const now = clock.now();
      const result = await updateProduct(
        database.db,
        requireUser(c.get('actor')),
        c.req.valid('param').id,
        c.req.valid('json'),
        now,
      );
      if (!result.ok) throw refusalOf(result);
      return c.json(
        productJson(result.product, result.previewUrl, orderingJson(result.campaign.ordering, now)),
        200,
      );
    },
  );

  return router;
}
