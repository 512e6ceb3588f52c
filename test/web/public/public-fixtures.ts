import { expect } from 'vitest';
import { organisations } from '../../../src/accounts/schema.js';
import { eq } from 'drizzle-orm';
import {
  createOrderWorld,
  createProduct,
  makePdf,
  type OrderWorld,
  organisationWithMember,
} from '../../orders/order-fixtures.js';
import { makePng, uploadForm } from '../../support/files.js';
import { type TestContext, unique } from '../../support/test-app.js';

/** The password every test user has (test-app's default). */
export const PASSWORD = 'correct horse battery staple';

/** The origin app.request() answers on: a form posted from our own pages says so. */
export const OWN_ORIGIN = 'http://localhost';

/** A published campaign taking orders (clock on 16 Dec 2026), two products, and a member of an organisation. */
export async function createShopWorld() {
  const world = await createOrderWorld();
  const poster = await createProduct(world, { maxPerOrder: 50, quotaPerOrganisation: 80, stock: 1000 });
  const flyer = await createProduct(world, {
    kind: 'flyer_a5',
    maxPerOrder: 200,
    title: 'Flygblad A5 – Svartsjuka',
    stock: null,
  });
  const member = await organisationWithMember(world);
  const campaign = await (await world.t.request(`/api/v1/campaigns/${world.campaignId}`)).json();
  return { world, t: world.t, poster, flyer, member, slug: campaign.slug as string };
}

export type ShopWorld = Awaited<ReturnType<typeof createShopWorld>>;

/** A signed-in browser session: the cookie header to send and the CSRF token its forms carry. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** The value of a cookie in a response's Set-Cookie headers, or null. */
export function setCookieValue(response: Response, name: string): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [key, value] = (pair ?? '').split('=');
    if (key === name) return value ?? '';
  }
  return null;
}

/** A form body as a browser sends it. */
export function formBody(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** Posts a form the way a browser on our own pages does (urlencoded, Origin set, cookie if any). */
export function postForm(
  t: TestContext,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: OWN_ORIGIN,
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: formBody(fields),
  });
}

/** Fetches a page as a browser would. */
export function getPage(t: TestContext, path: string, cookie?: string) {
  return t.app.request(path, { headers: cookie ? { cookie } : {} });
}

/** The value of a named hidden field in a page. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} field in the page`);
  return match[1];
}

/** Signs in through the sign-in form and reads the CSRF token from a page. */
export async function signInWithForm(t: TestContext, email: string, password = PASSWORD): Promise<Session> {
  const response = await postForm(t, '/logga-in', { email, password });
  expect(response.status).toBe(303);
  const token = setCookieValue(response, 'hub_session');
  if (!token) throw new Error('no session cookie');
  const cookie = `hub_session=${token}`;
  const html = await (await getPage(t, '/mina-bestallningar', cookie)).text();
  return { cookie, csrf: hiddenField(html, '_csrf') };
}

/** The fields of a filled-in order form for the shop world. */
export function orderFields(
  world: ShopWorld,
  html: string,
  quantities: { poster?: number; flyer?: number },
  extra: Record<string, string> = {},
) {
  return {
    idempotencyKey: hiddenField(html, 'idempotencyKey'),
    [`quantity.${world.poster.id}`]: String(quantities.poster ?? ''),
    [`quantity.${world.flyer.id}`]: String(quantities.flyer ?? ''),
    delivery: 'organisation_default',
    'contact.name': 'Åsa Öberg',
    'contact.email': 'asa.oberg@example.se',
    'contact.phone': '021-39 00 00',
    ...extra,
  };
}

/** An organisation's stored default address. */
export async function defaultAddressOf(world: OrderWorld, organisationId: string) {
  const [row] = await world.t.database.db
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.defaultAddress ?? null;
}

/** Creates and publishes another national campaign through the API; answers its slug and id. */
export async function publishCampaign(
  world: OrderWorld,
  fields: Record<string, unknown>,
): Promise<{ id: string; slug: string }> {
  const slug = unique('kampanj');
  const created = await world.t.request('/api/v1/campaigns', {
    method: 'POST',
    token: world.national,
    json: {
      slug,
      title: { sv: 'En vecka fri från våld' },
      summary: { sv: 'Programmet för vecka 48.' },
      description: { sv: 'Föreläsningar, webbinarier och en ljusmanifestation.' },
      tier: 'national',
      languages: ['sv'],
      airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
      ...fields,
    },
  });
  expect(created.status).toBe(201);
  const id = (await created.json()).id as string;
  expect(
    (await world.t.request(`/api/v1/campaigns/${id}/publish`, { method: 'POST', token: world.national }))
      .status,
  ).toBe(200);
  return { id, slug };
}

/**
 * A published campaign of a county or municipality taking orders now (15 Dec–31 Mar), with its
 * print file, preview and one poster; answers the campaign and the poster's id.
 */
export async function regionalCampaign(
  world: OrderWorld,
  region: { tier: 'county'; countyCode: string } | { tier: 'local'; municipalityCode: string },
  title: string,
): Promise<{ id: string; slug: string; productId: string }> {
  const campaign = await publishCampaign(world, {
    ...region,
    title: { sv: title },
    ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
  });
  const upload = async (form: FormData) => {
    const response = await world.t.request(`/api/v1/campaigns/${campaign.id}/assets`, {
      method: 'POST',
      token: world.national,
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  };
  const pdfAssetId = await upload(
    uploadForm(await makePdf(title), 'affisch.pdf', { language: 'sv', title: 'Affisch' }),
  );
  const imageAssetId = await upload(
    uploadForm(await makePng(300, 424), 'affisch.png', { language: 'sv', altText: `Affisch: ${title}` }),
  );
  const product = await createProduct(
    { ...world, campaignId: campaign.id, pdfAssetId, imageAssetId },
    { title: `Affisch A3 – ${title}` },
  );
  return { ...campaign, productId: product.id };
}
