import { randomUUID } from 'node:crypto';
import { makePng, uploadForm } from '../../support/files.js';
import { makePdf } from '../../orders/order-fixtures.js';

/**
 * Sets up, over plain HTTP, what the process-level tests need on a running instance: an admin
 * token, a campaign open for ordering with a product, an organisation member's token, and paired
 * screens. It uses only the public API, so it works against any instance and either database.
 */

export const ADMIN = { email: 'ops-admin@example.org', password: 'an ops admin passphrase' };
/** The environment that makes an instance create the admin above on start. */
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

type CallInit = RequestInit & { json?: unknown; token?: string };

/** One request to an instance; throws on network errors like fetch. */
export function call(base: string, pathname: string, init: CallInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`${base}${pathname}`, { ...init, headers, body });
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

/** Signs in with a password and makes an API token with the session (as a script's owner would). */
export async function apiTokenFor(base: string, email: string, password: string): Promise<string> {
  // The first admin is created just after the instance becomes ready, so allow it a moment.
  let attempt = await call(base, '/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
  for (let tries = 0; attempt.status === 401 && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    attempt = await call(base, '/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
  }
  const signedIn = await expectStatus(attempt, 200, 'sign-in');
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const created = await call(base, '/api/v1/auth/tokens', {
    method: 'POST',
    json: { name: 'ops test' },
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  return ((await (await expectStatus(created, 201, 'token')).json()) as { token: string }).token;
}

export interface OrderingWorld {
  campaignId: string;
  productId: string;
  memberToken: string;
}

/** A national campaign open for ordering all year, a product with stock, and a member of an association. */
export async function setUpOrdering(base: string, adminToken: string): Promise<OrderingWorld> {
  const suffix = randomUUID().slice(0, 8);
  const newOrganisation = async (slug: string, json: Record<string, unknown>) =>
    (
      (await (
        await expectStatus(
          await call(base, '/api/v1/organisations', {
            method: 'POST',
            token: adminToken,
            json: { slug, ...json },
          }),
          201,
          'organisation',
        )
      ).json()) as { id: string }
    ).id;
  const ownerOrganisationId = await newOrganisation(`ops-agency-${suffix}`, {
    name: `Myndigheten ${suffix}`,
    kind: 'national_agency',
  });
  const campaign = await call(base, '/api/v1/campaigns', {
    method: 'POST',
    token: adminToken,
    json: {
      slug: `ops-${suffix}`,
      title: { sv: 'Svartsjuka är inte romantiskt' },
      summary: { sv: 'Om våld i ungas parrelationer' },
      description: { sv: 'Beställ material.' },
      tier: 'national',
      ownerOrganisationId,
      languages: ['sv'],
      airing: { spans: [{ kind: 'yearly', from: '01-01', to: '12-31' }] },
      ordering: { spans: [{ kind: 'yearly', from: '01-01', to: '12-31' }] },
    },
  });
  const campaignId = ((await (await expectStatus(campaign, 201, 'campaign')).json()) as { id: string }).id;
  await expectStatus(
    await call(base, `/api/v1/campaigns/${campaignId}/publish`, { method: 'POST', token: adminToken }),
    200,
    'publish',
  );
  const upload = async (form: FormData) =>
    (
      (await (
        await expectStatus(
          await call(base, `/api/v1/campaigns/${campaignId}/assets`, {
            method: 'POST',
            token: adminToken,
            body: form,
          }),
          201,
          'upload',
        )
      ).json()) as { id: string }
    ).id;
  const printAssetId = await upload(
    uploadForm(await makePdf('Affisch'), 'affisch.pdf', { language: 'sv', title: 'Affisch A3' }),
  );
  const previewAssetId = await upload(
    uploadForm(await makePng(300, 424), 'affisch.png', { language: 'sv', altText: 'Affisch' }),
  );
  const product = await call(base, `/api/v1/campaigns/${campaignId}/products`, {
    method: 'POST',
    token: adminToken,
    json: {
      code: `ops-${suffix}`,
      kind: 'poster_a3',
      language: 'sv',
      title: { sv: 'Affisch A3' },
      printAssetId,
      previewAssetId,
      maxPerOrder: 100,
      quotaPerOrganisation: null,
      stock: 1_000_000,
    },
  });
  const productId = ((await (await expectStatus(product, 201, 'product')).json()) as { id: string }).id;
  const organisationId = await newOrganisation(`ops-org-${suffix}`, {
    name: `Fritidsgården ${suffix}`,
    kind: 'association',
    municipalityCode: '1980',
    defaultAddress: {
      recipient: 'Fritidsgården',
      street: 'Storgatan 1',
      postalCode: '721 87',
      city: 'Västerås',
    },
  });
  const email = `member-${suffix}@example.org`;
  const password = 'a member passphrase here';
  await expectStatus(
    await call(base, '/api/v1/users', {
      method: 'POST',
      token: adminToken,
      json: { email, name: 'Medlem', password, role: 'member', organisationId },
    }),
    201,
    'member',
  );
  return { campaignId, productId, memberToken: await apiTokenFor(base, email, password) };
}

/** An order body for one product. */
export function orderOf(world: OrderingWorld, quantity = 1) {
  return {
    campaignId: world.campaignId,
    lines: [{ productId: world.productId, quantity }],
    delivery: { kind: 'organisation_default' },
    contact: { name: 'Åsa Öberg', email: 'asa@example.se', phone: '021-39 00 00' },
  };
}

/** Pairs a screen in Västerås through the API: code, claim by the admin, token collected by polling. */
export async function pairScreenOverHttp(
  base: string,
  adminToken: string,
): Promise<{ screenId: string; token: string }> {
  const code = (await (
    await expectStatus(await call(base, '/api/v1/pairing', { method: 'POST' }), 201, 'pairing code')
  ).json()) as {
    code: string;
    pollSecret: string;
  };
  await expectStatus(
    await call(base, `/api/v1/pairing/${code.code}/claim`, {
      method: 'POST',
      token: adminToken,
      json: {
        name: `ICA ${code.code}`,
        chain: 'ica',
        municipalityCode: '1980',
        orientation: 'landscape',
        width: 1920,
        height: 1080,
        languages: ['sv'],
      },
    }),
    201,
    'claim',
  );
  const polled = (await (
    await expectStatus(
      await call(base, '/api/v1/pairing/poll', { method: 'POST', json: { pollSecret: code.pollSecret } }),
      200,
      'poll',
    )
  ).json()) as {
    screenId: string;
    screenToken: string;
  };
  return { screenId: polled.screenId, token: polled.screenToken };
}

/** A play event that started a minute ago. */
export function playEvent(): {
  eventId: string;
  slideId: string;
  assetId: string;
  campaignId: string;
  startedAt: string;
  durationMs: number;
} {
  return {
    eventId: randomUUID(),
    slideId: randomUUID(),
    assetId: randomUUID(),
    campaignId: randomUUID(),
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    durationMs: 10_000,
  };
}
