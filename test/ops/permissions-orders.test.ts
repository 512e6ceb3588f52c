import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderWorld,
  createProduct,
  makePdf,
  type OrderWorld,
  orderBody,
  orderRowCounts,
  organisationWithMember,
  postOrder,
  stockOf,
} from '../orders/order-fixtures.js';
import { makePng, uploadForm } from '../support/files.js';
import { unique } from '../support/test-app.js';

/*
 * Who may order whose printed material, and who may take order data away. A national campaign's
 * material is for every organisation in the country; a county campaign's for organisations in
 * that county; a local campaign's for organisations in that municipality. Exports of an
 * organisation's data belong to its members (and admins); print batches and order lists of
 * coordinators stop at the edge of their scope.
 */
let world: OrderWorld;
let national: { productId: string };
let county19: { campaignId: string; productId: string };
let local1980: { campaignId: string; productId: string };

/** A published campaign of a tier in a region, orderable now, with one product; made by an admin. */
async function regionalCampaign(
  region: { tier: 'county'; countyCode: string } | { tier: 'local'; municipalityCode: string },
) {
  const { t, admin } = world;
  const owner = await t.organisation({ kind: 'county_board', countyCode: '19' });
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token: admin,
    json: {
      slug: unique('regional').toLowerCase(),
      title: { sv: 'En vecka fri från våld' },
      summary: { sv: 'Vecka 48' },
      description: { sv: 'Regional kampanj' },
      languages: ['sv'],
      ownerOrganisationId: owner.id,
      airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
      ordering: { spans: [{ kind: 'yearly', from: '12-01', to: '12-31' }] },
      ...region,
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const campaignId = (await created.json()).id as string;
  expect(
    (await t.request(`/api/v1/campaigns/${campaignId}/publish`, { method: 'POST', token: admin })).status,
  ).toBe(200);
  const upload = async (form: FormData) => {
    const response = await t.request(`/api/v1/campaigns/${campaignId}/assets`, {
      method: 'POST',
      token: admin,
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  };
  const pdf = await upload(
    uploadForm(await makePdf('Vecka 48'), 'affisch.pdf', { language: 'sv', title: 'Affisch' }),
  );
  const png = await upload(
    uploadForm(await makePng(300, 420), 'affisch.png', { language: 'sv', altText: 'Affisch' }),
  );
  const product = await t.request(`/api/v1/campaigns/${campaignId}/products`, {
    method: 'POST',
    token: admin,
    json: {
      code: unique('v48').toLowerCase(),
      kind: 'poster_a3',
      language: 'sv',
      title: { sv: 'Affisch A3' },
      printAssetId: pdf,
      previewAssetId: png,
      maxPerOrder: 50,
      stock: 1000,
    },
  });
  expect(product.status).toBe(201);
  return { campaignId, productId: (await product.json()).id as string };
}

beforeAll(async () => {
  world = await createOrderWorld();
  national = { productId: (await createProduct(world)).id };
  county19 = await regionalCampaign({ tier: 'county', countyCode: '19' });
  local1980 = await regionalCampaign({ tier: 'local', municipalityCode: '1980' });
}, 120_000);
afterAll(() => world.t.close());

describe('who may order which material', () => {
  it('lets a member of an organisation in another county order a national campaign’s material', async () => {
    const uppsala = await organisationWithMember(world, '0380');
    const response = await postOrder(
      world,
      uppsala.token,
      orderBody(world.campaignId, [[national.productId, 2]]),
    );
    expect(response.status).toBe(201);
  });

  it('lets organisations in the municipality order a local campaign’s material, and no one else', async () => {
    const vasteras = await organisationWithMember(world, '1980');
    expect(
      (await postOrder(world, vasteras.token, orderBody(local1980.campaignId, [[local1980.productId, 1]])))
        .status,
    ).toBe(201);

    const before = await orderRowCounts(world);
    const stock = await stockOf(world, local1980.productId);
    const board = await world.t.organisation({
      kind: 'county_board',
      countyCode: '19',
      defaultAddress: address(),
    });
    const boardMember = await world.t.user({ role: 'member', organisationId: board.id });
    const outsiders = [
      ['another municipality of the county (Arboga)', (await organisationWithMember(world, '1984')).token],
      ['another county (Uppsala)', (await organisationWithMember(world, '0380')).token],
      ['the county board, which has no municipality', boardMember.token],
    ] as const;
    for (const [who, token] of outsiders) {
      const response = await postOrder(
        world,
        token,
        orderBody(local1980.campaignId, [[local1980.productId, 1]]),
        unique('key'),
      );
      expect(response.status, who).toBe(403);
      expect((await response.json()).code, who).toBe('outside_campaign_region');
    }
    expect(await orderRowCounts(world)).toEqual(before);
    expect(await stockOf(world, local1980.productId)).toBe(stock);
  });

  it('lets organisations anywhere in the county order a county campaign’s material, and no one outside it', async () => {
    const arboga = await organisationWithMember(world, '1984');
    expect(
      (await postOrder(world, arboga.token, orderBody(county19.campaignId, [[county19.productId, 1]])))
        .status,
    ).toBe(201);
    const uppsala = await organisationWithMember(world, '0380');
    const refused = await postOrder(
      world,
      uppsala.token,
      orderBody(county19.campaignId, [[county19.productId, 1]]),
    );
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/county 19/);
  });
});

describe('who may take order data away', () => {
  it('refuses the export of an organisation’s data to every coordinator, in scope or not, and gives it to its members', async () => {
    const vasteras = await organisationWithMember(world, '1980');
    expect(
      (await postOrder(world, vasteras.token, orderBody(world.campaignId, [[national.productId, 1]]))).status,
    ).toBe(201);
    const path = `/api/v1/organisations/${vasteras.organisation.id}/export`;
    const otherMember = await organisationWithMember(world, '1980');
    for (const [who, token, status] of [
      ['the county coordinator covering it', world.vastmanland, 403],
      ['a national coordinator', world.national, 403],
      ['another county’s coordinator', world.uppsala, 404],
      ['a member of another organisation', otherMember.token, 404],
    ] as const) {
      const response = await world.t.request(path, { token });
      expect(response.status, who).toBe(status);
      expect(await response.text(), who).not.toContain(vasteras.user.email);
    }
    const own = await world.t.request(path, { token: vasteras.token });
    expect(own.status).toBe(200);
    expect((await own.json()).orders).toHaveLength(1);
  });

  it('keeps another county’s orders out of a coordinator’s order list, order pages and print batches', async () => {
    const vasteras = await organisationWithMember(world, '1980');
    const placed = await postOrder(
      world,
      vasteras.token,
      orderBody(world.campaignId, [[national.productId, 3]]),
    );
    const orderId = (await placed.json()).id as string;
    const approve = await world.t.request(`/api/v1/orders/${orderId}/approve`, {
      method: 'POST',
      token: world.vastmanland,
      json: {},
    });
    expect(approve.status).toBe(200);

    const listed = await world.t.request(`/api/v1/orders?organisationId=${vasteras.organisation.id}`, {
      token: world.uppsala,
    });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).not.toContain(orderId);
    expect([403, 404]).toContain(
      (await world.t.request(`/api/v1/orders/${orderId}`, { token: world.uppsala })).status,
    );

    // Uppsala's batch takes nothing of Västmanland's; Västmanland's does, and Uppsala cannot fetch it.
    expect(
      (await world.t.request('/api/v1/print-batches', { method: 'POST', token: world.uppsala })).status,
    ).toBe(409);
    const batch = await world.t.request('/api/v1/print-batches', {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(batch.status).toBe(201);
    const batchId = (await batch.json()).id as string;
    for (const suffix of ['', '/orders.csv', '/order-sheet.pdf']) {
      expect(
        (await world.t.request(`/api/v1/print-batches/${batchId}${suffix}`, { token: world.uppsala })).status,
        suffix,
      ).toBe(404);
    }
    const uppsalaBatches = await world.t.request('/api/v1/print-batches', { token: world.uppsala });
    expect(JSON.stringify(await uppsalaBatches.json())).not.toContain(batchId);
    const csv = await world.t.request(`/api/v1/print-batches/${batchId}/orders.csv`, {
      token: world.vastmanland,
    });
    expect(csv.status).toBe(200);
  });
});

function address() {
  return { recipient: 'Länsstyrelsen', street: 'Stora Torget 1', postalCode: '721 86', city: 'Västerås' };
}
