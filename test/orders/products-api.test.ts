import { count, eq } from 'drizzle-orm';
import { renditions } from '../../src/assets/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../../src/orders/schema.js';
import { makePng, uploadForm } from '../support/files.js';
import { unique } from '../support/test-app.js';
import { createOrderWorld, createProduct, makePdf, type OrderWorld } from './order-fixtures.js';

let world: OrderWorld;
beforeAll(async () => {
  world = await createOrderWorld();
});
afterAll(() => world.t.close());

async function productCount(): Promise<number> {
  const [row] = await world.t.database.db.select({ n: count() }).from(products);
  return row?.n ?? 0;
}

const newProduct = (overrides: Record<string, unknown> = {}) => ({
  code: unique('sir-affisch-a4').toLowerCase(),
  kind: 'poster_a4',
  language: 'sv',
  title: { sv: 'Affisch A4', en: 'Poster A4' },
  printAssetId: world.pdfAssetId,
  previewAssetId: world.imageAssetId,
  maxPerOrder: 25,
  stock: 300,
  ...overrides,
});

describe('the catalogue', () => {
  it('lists a published campaign’s products publicly with preview, stock left, limits and whether ordering is open', async () => {
    const product = await createProduct(world, { stock: 120, maxPerOrder: 40, quotaPerOrganisation: 80 });
    const response = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`);
    expect(response.status).toBe(200);
    const item = (await response.json()).items.find((entry: { id: string }) => entry.id === product.id);
    expect(item).toMatchObject({
      kind: 'poster_a3',
      language: 'sv',
      stockLeft: 120,
      maxPerOrder: 40,
      quotaPerOrganisation: 80,
      ordering: {
        open: true,
        closesAt: '2027-03-31T22:00:00.000Z',
        seasonKey: '2026-12-15',
        nextOpensAt: null,
      },
    });
    const asset = await (
      await world.t.request(`/api/v1/assets/${world.imageAssetId}`, { token: world.national })
    ).json();
    const thumbnail = asset.renditions.find(
      (rendition: { name: string; format: string }) =>
        rendition.name === 'thumb-640' && ['jpeg', 'png'].includes(rendition.format),
    );
    expect(item.previewUrl).toBe(thumbnail.url);
    const preview = await world.t.request(item.previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^image\//);
  });

  it('says when ordering opens while it is closed', async () => {
    world.t.clock.set('2026-11-01T12:00:00Z');
    const response = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`);
    const [item] = (await response.json()).items;
    expect(item.ordering).toEqual({
      open: false,
      closesAt: null,
      nextOpensAt: '2026-12-14T23:00:00.000Z',
      seasonKey: null,
    });
    world.t.clock.set('2026-12-16T09:00:00Z');
  });

  it('hides inactive products from the public but not from the campaign’s coordinators', async () => {
    const product = await createProduct(world);
    const patched = await world.t.request(`/api/v1/products/${product.id}`, {
      method: 'PATCH',
      token: world.national,
      json: { active: false },
    });
    expect(patched.status).toBe(200);
    const publicIds = (
      await (await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`)).json()
    ).items.map((item: { id: string }) => item.id);
    expect(publicIds).not.toContain(product.id);
    expect((await world.t.request(`/api/v1/products/${product.id}`)).status).toBe(404);
    const coordinatorIds = (
      await (
        await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, { token: world.national })
      ).json()
    ).items.map((item: { id: string }) => item.id);
    expect(coordinatorIds).toContain(product.id);
  });

  it('keeps the products of a draft campaign from the public (404)', async () => {
    const slug = unique('utkast');
    const created = await world.t.request('/api/v1/campaigns', {
      method: 'POST',
      token: world.national,
      json: {
        slug,
        title: { sv: 'Utkast' },
        summary: { sv: 'Utkast' },
        description: { sv: 'Utkast' },
        tier: 'national',
        languages: ['sv'],
        airing: { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] },
      },
    });
    expect(created.status).toBe(201);
    expect((await world.t.request(`/api/v1/campaigns/${slug}/products`)).status).toBe(404);
    expect(
      (await world.t.request(`/api/v1/campaigns/${slug}/products`, { token: world.national })).status,
    ).toBe(200);
  });
});

describe('managing products', () => {
  it('lets the campaign’s coordinator create and change a product', async () => {
    const created = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct(),
    });
    expect(created.status).toBe(201);
    const product = await created.json();
    const patched = await world.t.request(`/api/v1/products/${product.id}`, {
      method: 'PATCH',
      token: world.national,
      json: { stock: 250, maxPerOrder: 30, title: { sv: 'Affisch A4 (ny)' } },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      stockLeft: 250,
      maxPerOrder: 30,
      title: { sv: 'Affisch A4 (ny)' },
    });
  });

  it('refuses a county coordinator on a national campaign (403) and members (403), writing nothing', async () => {
    const before = await productCount();
    const county = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.vastmanland,
      json: newProduct(),
    });
    expect(county.status).toBe(403);
    const org = await world.t.organisation({ kind: 'school', municipalityCode: '1980' });
    const { token } = await world.t.user({ role: 'member', organisationId: org.id });
    expect(
      (
        await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
          method: 'POST',
          token,
          json: newProduct(),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
          method: 'POST',
          json: newProduct(),
        })
      ).status,
    ).toBe(401);
    expect(await productCount()).toBe(before);
  });

  it('requires a pdf asset of the campaign to print from and an image asset to preview', async () => {
    const before = await productCount();
    const swapped = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct({ printAssetId: world.imageAssetId, previewAssetId: world.pdfAssetId }),
    });
    expect(swapped.status).toBe(422);
    const body = await swapped.json();
    expect(body.code).toBe('invalid_assets');
    expect(body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'previewAssetId',
      'printAssetId',
    ]);

    const otherSlug = unique('annan');
    await world.t.request('/api/v1/campaigns', {
      method: 'POST',
      token: world.national,
      json: {
        slug: otherSlug,
        title: { sv: 'Annan kampanj' },
        summary: { sv: 'x' },
        description: { sv: 'x' },
        tier: 'national',
        languages: ['sv'],
        airing: { spans: [{ kind: 'always' }] },
      },
    });
    const foreignPdf = await world.t.request(`/api/v1/campaigns/${otherSlug}/assets`, {
      method: 'POST',
      token: world.national,
      body: uploadForm(await makePdf('Annan'), 'annan.pdf', { language: 'sv' }),
    });
    expect(foreignPdf.status).toBe(201);
    const foreign = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct({ printAssetId: (await foreignPdf.json()).id }),
    });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).errors).toEqual([
      { field: 'printAssetId', message: 'not an asset of this campaign' },
    ]);
    expect(await productCount()).toBe(before);
  });

  it('refuses a language the campaign does not have, a duplicate code, and malformed fields', async () => {
    const before = await productCount();
    const arabic = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct({ language: 'ar' }),
    });
    expect(arabic.status).toBe(422);
    expect((await arabic.json()).code).toBe('language_not_in_campaign');

    const fields = newProduct();
    expect(
      (
        await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
          method: 'POST',
          token: world.national,
          json: fields,
        })
      ).status,
    ).toBe(201);
    const duplicate = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: fields,
    });
    expect(duplicate.status).toBe(409);
    expect((await duplicate.json()).code).toBe('product_code_taken');

    const malformed = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct({ code: 'Not A Code', kind: 'banner', maxPerOrder: 0, stock: -1 }),
    });
    expect(malformed.status).toBe(400);
    const failing = (await malformed.json()).errors.map((error: { field: string }) => error.field);
    expect(failing).toEqual(expect.arrayContaining(['code', 'kind', 'maxPerOrder', 'stock']));
    expect(await productCount()).toBe(before + 1);
  });

  it('uses the master image as preview when the asset has no thumbnail rendition', async () => {
    const upload = await world.t.request(`/api/v1/campaigns/${world.campaignId}/assets`, {
      method: 'POST',
      token: world.national,
      body: uploadForm(await makePng(300, 420), 'utan-tumnagel.png', {
        language: 'sv',
        altText: 'Affisch utan tumnagel',
      }),
    });
    expect(upload.status).toBe(201);
    const asset = await upload.json();
    await world.t.database.db.delete(renditions).where(eq(renditions.assetId, asset.id));
    const created = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
      method: 'POST',
      token: world.national,
      json: newProduct({ previewAssetId: asset.id }),
    });
    expect(created.status).toBe(201);
    expect((await created.json()).previewUrl).toBe(asset.url);
  });
});
