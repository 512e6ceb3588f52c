import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/http/define-route.js';
import { makePdf } from '../orders/order-fixtures.js';
import { insertAsset, pairScreen, screenSettings } from '../screens/screen-fixtures.js';
import { makePng, uploadForm } from '../support/files.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

/*
 * The authorisation matrix: every operation of the OpenAPI document against every kind of caller.
 * The access layer's answer is derived from the operation's `x-access`; what the scope rules must
 * refuse (another county, another organisation) is written per route in CASES below, together
 * with a real request. A route without a case fails the test, so a new route cannot be forgotten.
 * Cookie sessions without the CSRF token are refused on every unsafe method.
 */

type Role =
  | 'anonymous'
  | 'member'
  | 'municipal'
  | 'county'
  | 'national'
  | 'admin'
  | 'screen'
  | 'foreignCounty'
  | 'foreignMember';
const ROLES: Role[] = [
  'anonymous',
  'member',
  'municipal',
  'county',
  'national',
  'admin',
  'screen',
  'foreignCounty',
  'foreignMember',
];
const USER_ROLE: Partial<Record<Role, 'member' | 'coordinator' | 'admin'>> = {
  member: 'member',
  municipal: 'coordinator',
  county: 'coordinator',
  national: 'coordinator',
  admin: 'admin',
  foreignCounty: 'coordinator',
  foreignMember: 'member',
};

interface RequestSpec {
  path: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

interface Case {
  /** Builds the request; called once per caller, so destructive requests get fresh resources. */
  request(fx: Fixtures): Promise<RequestSpec> | RequestSpec;
  /** Callers the access layer admits but the scope rules must refuse (403 or 404). */
  outOfScope?: Role[];
  /** What the admitted callers get, when it is not a success (2xx/3xx): e.g. 404 for an id that does not exist. */
  answers?: number[];
}

interface Fixtures {
  t: TestContext;
  tokens: Record<Role, string | undefined>;
  adminToken: string;
  orgA: string;
  campaignId: string;
  imageAssetId: string;
  pdfAssetId: string;
  mediaPath: string;
  productId: string;
  orderId: string;
  screenId: string;
  groupId: string;
  slideId: string;
  eventId: string;
  freshEvent(): Promise<string>;
  freshCampaign(): Promise<string>;
  freshAsset(): Promise<string>;
  freshScreen(): Promise<string>;
  freshGroup(): Promise<string>;
  freshSlide(): Promise<string>;
  freshOrder(): Promise<string>;
}

const FOREIGN: Role[] = ['foreignCounty', 'foreignMember'];
const FOREIGN_COORDINATOR: Role[] = ['foreignCounty'];
const orderBody = (fx: Fixtures) => ({
  campaignId: fx.campaignId,
  lines: [{ productId: fx.productId, quantity: 1 }],
  delivery: {
    kind: 'address',
    address: { recipient: 'Fritidsgården', street: 'Storgatan 1', postalCode: '721 87', city: 'Västerås' },
  },
  contact: { name: 'Åsa Öberg', email: 'asa@example.se', phone: '021-39 00 00' },
});

const eventBody = () => ({
  countyCode: '19',
  title: { sv: 'Föreläsning om våld i nära relationer' },
  startDate: '2026-11-26',
  startTime: '18:00',
  place: { kind: 'venue', name: 'Biblioteket' },
});

const CASES: Record<string, Case> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }) },
  'GET /readyz': { request: () => ({ path: '/readyz' }) },
  'POST /api/v1/auth/sign-in': {
    request: () => ({
      path: '/api/v1/auth/sign-in',
      json: { email: `${unique('nobody')}@example.org`, password: 'not the password' },
    }),
    answers: [401],
  },
  'POST /api/v1/auth/sign-out': { request: () => ({ path: '/api/v1/auth/sign-out' }) },
  'GET /api/v1/auth/session': { request: () => ({ path: '/api/v1/auth/session' }) },
  'POST /api/v1/auth/tokens': { request: () => ({ path: '/api/v1/auth/tokens', json: { name: 'matrix' } }) },
  'GET /api/v1/auth/tokens': { request: () => ({ path: '/api/v1/auth/tokens' }) },
  'DELETE /api/v1/auth/tokens/{id}': {
    request: () => ({ path: `/api/v1/auth/tokens/${randomUUID()}` }),
    answers: [404],
  },
  'GET /api/v1/users/me': { request: () => ({ path: '/api/v1/users/me' }) },
  'GET /api/v1/users': { request: () => ({ path: '/api/v1/users' }) },
  'POST /api/v1/users': {
    request: (fx) => ({
      path: '/api/v1/users',
      json: {
        email: `${unique('new')}@example.org`,
        name: 'Ny',
        password: 'a long new passphrase',
        role: 'member',
        organisationId: fx.orgA,
      },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/organisations': { request: () => ({ path: '/api/v1/organisations' }) },
  'POST /api/v1/organisations': {
    request: () => ({
      path: '/api/v1/organisations',
      json: { slug: unique('org').toLowerCase(), name: 'Skola', kind: 'school', municipalityCode: '1980' },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/organisations/{id}': {
    request: (fx) => ({ path: `/api/v1/organisations/${fx.orgA}` }),
    outOfScope: FOREIGN,
  },
  'GET /api/v1/campaigns': { request: () => ({ path: '/api/v1/campaigns' }) },
  'POST /api/v1/campaigns': {
    request: (fx) => ({
      path: '/api/v1/campaigns',
      json: {
        slug: unique('c').toLowerCase(),
        title: { sv: 'K' },
        summary: { sv: 'S' },
        description: { sv: 'B' },
        tier: 'local',
        municipalityCode: '1980',
        ownerOrganisationId: fx.orgA,
        languages: ['sv'],
        airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
      },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/campaigns/{id}': { request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}` }) },
  'PATCH /api/v1/campaigns/{id}': {
    request: (fx) => ({
      path: `/api/v1/campaigns/${fx.campaignId}`,
      json: { summary: { sv: 'Ny sammanfattning' } },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/campaigns/{id}/publish': {
    request: async (fx) => ({ path: `/api/v1/campaigns/${await fx.freshCampaign()}/publish` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/campaigns/{id}/archive': {
    request: async (fx) => ({ path: `/api/v1/campaigns/${await fx.freshCampaign()}/archive` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/campaigns/{id}/unpublish': {
    request: async (fx) => ({ path: `/api/v1/campaigns/${await fx.freshCampaign()}/unpublish` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/campaigns/{id}/assets': {
    request: async (fx) => ({
      path: `/api/v1/campaigns/${fx.campaignId}/assets`,
      form: uploadForm(await makePng(64, 48), 'bild.png', { language: 'sv', altText: 'Bild' }),
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/campaigns/{id}/assets': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/assets` }),
  },
  'GET /api/v1/assets/{id}': {
    request: (fx) => ({ path: `/api/v1/assets/${fx.imageAssetId}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'PATCH /api/v1/assets/{id}': {
    request: (fx) => ({ path: `/api/v1/assets/${fx.imageAssetId}`, json: { altText: 'Affisch i lila' } }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'DELETE /api/v1/assets/{id}': {
    request: async (fx) => ({ path: `/api/v1/assets/${await fx.freshAsset()}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /media/{file}': { request: (fx) => ({ path: fx.mediaPath }) },
  'POST /api/v1/screens/me/plays': {
    request: () => ({
      path: '/api/v1/screens/me/plays',
      json: {
        events: [
          {
            eventId: randomUUID(),
            slideId: randomUUID(),
            assetId: randomUUID(),
            campaignId: randomUUID(),
            startedAt: '2026-11-23T09:59:00Z',
            durationMs: 10_000,
          },
        ],
      },
    }),
  },
  'POST /api/v1/screens/me/heartbeat': {
    request: () => ({ path: '/api/v1/screens/me/heartbeat', json: { playerVersion: 'matrix' } }),
  },
  'GET /api/v1/reach': { request: () => ({ path: '/api/v1/reach?from=2026-11-01&to=2026-11-30' }) },
  'GET /api/v1/fleet/offline': { request: () => ({ path: '/api/v1/fleet/offline' }) },
  'GET /api/v1/fleet/summary': { request: () => ({ path: '/api/v1/fleet/summary' }) },
  'GET /api/v1/campaigns/{id}/packs': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/packs` }),
  },
  'GET /api/v1/campaigns/{id}/packs/{file}': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/packs/${'0'.repeat(64)}.zip` }),
    answers: [400, 404],
  },
  'GET /api/v1/campaigns/{id}/pack-downloads': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/pack-downloads` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/campaigns/{id}/products': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/products` }),
  },
  'POST /api/v1/campaigns/{id}/products': {
    request: (fx) => ({
      path: `/api/v1/campaigns/${fx.campaignId}/products`,
      json: {
        code: unique('p').toLowerCase(),
        kind: 'poster_a3',
        language: 'sv',
        title: { sv: 'Affisch' },
        printAssetId: fx.pdfAssetId,
        previewAssetId: fx.imageAssetId,
        maxPerOrder: 10,
        stock: 100,
      },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/products/{id}': { request: (fx) => ({ path: `/api/v1/products/${fx.productId}` }) },
  'PATCH /api/v1/products/{id}': {
    request: (fx) => ({ path: `/api/v1/products/${fx.productId}`, json: { maxPerOrder: 20 } }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  // Only people who belong to an organisation order (for it): here the admin and two coordinators do
  // not. The campaign is local to Västerås (1980), so only organisations there may order its material
  // (test/ops/permissions-orders.test.ts): not the county board, the agency, nor an Uppsala association.
  'POST /api/v1/orders': {
    request: (fx) => ({
      path: '/api/v1/orders',
      json: orderBody(fx),
      headers: { 'idempotency-key': unique('key') },
    }),
    outOfScope: ['municipal', 'admin', 'foreignCounty', 'county', 'national', 'foreignMember'],
  },
  'GET /api/v1/orders': { request: () => ({ path: '/api/v1/orders' }) },
  'GET /api/v1/orders/{id}': {
    request: (fx) => ({ path: `/api/v1/orders/${fx.orderId}` }),
    outOfScope: FOREIGN,
  },
  'POST /api/v1/orders/{id}/approve': {
    request: async (fx) => ({ path: `/api/v1/orders/${await fx.freshOrder()}/approve`, json: {} }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/orders/{id}/reject': {
    request: async (fx) => ({
      path: `/api/v1/orders/${await fx.freshOrder()}/reject`,
      json: { note: 'Slut i lager' },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/orders/{id}/cancel': {
    request: async (fx) => ({ path: `/api/v1/orders/${await fx.freshOrder()}/cancel`, json: {} }),
    outOfScope: FOREIGN,
  },
  // A submitted order cannot be shipped yet: admitted callers get past the access and scope checks to that conflict.
  'POST /api/v1/orders/{id}/ship': {
    request: async (fx) => ({ path: `/api/v1/orders/${await fx.freshOrder()}/ship`, json: {} }),
    outOfScope: FOREIGN_COORDINATOR,
    answers: [409],
  },
  'POST /api/v1/print-batches': { request: () => ({ path: '/api/v1/print-batches' }), answers: [201, 409] },
  'GET /api/v1/print-batches': { request: () => ({ path: '/api/v1/print-batches' }) },
  'GET /api/v1/print-batches/{id}': {
    request: () => ({ path: `/api/v1/print-batches/${randomUUID()}` }),
    answers: [404],
  },
  'GET /api/v1/print-batches/{id}/order-sheet.pdf': {
    request: () => ({ path: `/api/v1/print-batches/${randomUUID()}/order-sheet.pdf` }),
    answers: [404],
  },
  'GET /api/v1/print-batches/{id}/orders.csv': {
    request: () => ({ path: `/api/v1/print-batches/${randomUUID()}/orders.csv` }),
    answers: [404],
  },
  // Personal data of an organisation: its members and admins only, not coordinators.
  'GET /api/v1/organisations/{id}/export': {
    request: (fx) => ({ path: `/api/v1/organisations/${fx.orgA}/export` }),
    outOfScope: [...FOREIGN, 'municipal', 'county', 'national'],
  },
  'GET /api/v1/dev/outbox': { request: () => ({ path: '/api/v1/dev/outbox' }) },
  'POST /api/v1/pairing': {
    request: () => ({ path: '/api/v1/pairing', headers: { 'x-forwarded-for': unique('10.7') } }),
  },
  'POST /api/v1/pairing/poll': {
    request: () => ({
      path: '/api/v1/pairing/poll',
      json: { pollSecret: 'not-a-real-secret-000' },
      headers: { 'x-forwarded-for': unique('10.8') },
    }),
    answers: [404, 410],
  },
  'POST /api/v1/pairing/{code}/claim': {
    request: async (fx) => {
      const code = (await (
        await fx.t.request('/api/v1/pairing', {
          method: 'POST',
          headers: { 'x-forwarded-for': unique('10.9') },
        })
      ).json()) as { code: string };
      return { path: `/api/v1/pairing/${code.code}/claim`, json: screenSettings() };
    },
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/screens': { request: () => ({ path: '/api/v1/screens' }) },
  'GET /api/v1/screens/{id}': {
    request: (fx) => ({ path: `/api/v1/screens/${fx.screenId}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'PATCH /api/v1/screens/{id}': {
    request: (fx) => ({ path: `/api/v1/screens/${fx.screenId}`, json: { name: unique('ICA') } }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'DELETE /api/v1/screens/{id}': {
    request: async (fx) => ({ path: `/api/v1/screens/${await fx.freshScreen()}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/screens/{id}/revoke': {
    request: async (fx) => ({ path: `/api/v1/screens/${await fx.freshScreen()}/revoke` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/screen-groups': { request: () => ({ path: '/api/v1/screen-groups' }) },
  'POST /api/v1/screen-groups': {
    request: () => ({
      path: '/api/v1/screen-groups',
      json: { name: unique('Grupp'), kind: 'static', municipalityCode: '1980' },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/screen-groups/{id}': {
    request: (fx) => ({ path: `/api/v1/screen-groups/${fx.groupId}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'PATCH /api/v1/screen-groups/{id}': {
    request: (fx) => ({ path: `/api/v1/screen-groups/${fx.groupId}`, json: { name: unique('Grupp') } }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'DELETE /api/v1/screen-groups/{id}': {
    request: async (fx) => ({ path: `/api/v1/screen-groups/${await fx.freshGroup()}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'POST /api/v1/screen-groups/{id}/members': {
    request: (fx) => ({
      path: `/api/v1/screen-groups/${fx.groupId}/members`,
      json: { screenIds: [fx.screenId] },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'DELETE /api/v1/screen-groups/{id}/members/{screenId}': {
    request: (fx) => ({ path: `/api/v1/screen-groups/${fx.groupId}/members/${fx.screenId}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  // Slides of a published campaign are what screens show: every coordinator may read them.
  'GET /api/v1/campaigns/{id}/slides': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/slides` }),
  },
  'POST /api/v1/campaigns/{id}/slides': {
    request: (fx) => ({
      path: `/api/v1/campaigns/${fx.campaignId}/slides`,
      json: { name: unique('Bild'), assetIds: [fx.imageAssetId], durationSeconds: 10 },
    }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/slides/{id}': { request: (fx) => ({ path: `/api/v1/slides/${fx.slideId}` }) },
  'PATCH /api/v1/slides/{id}': {
    request: (fx) => ({ path: `/api/v1/slides/${fx.slideId}`, json: { durationSeconds: 12 } }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'DELETE /api/v1/slides/{id}': {
    request: async (fx) => ({ path: `/api/v1/slides/${await fx.freshSlide()}` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  'GET /api/v1/screens/me/manifest': { request: () => ({ path: '/api/v1/screens/me/manifest' }) },
  'GET /api/v1/screens/{id}/playlist': {
    request: (fx) => ({ path: `/api/v1/screens/${fx.screenId}/playlist` }),
    outOfScope: FOREIGN_COORDINATOR,
  },
  // Events are written by coordinators whose scope covers the whole county (19 here).
  'GET /api/v1/campaigns/{id}/events': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/events` }),
  },
  'POST /api/v1/campaigns/{id}/events': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/events`, json: eventBody() }),
    outOfScope: [...FOREIGN_COORDINATOR, 'municipal'],
  },
  'GET /api/v1/campaigns/{id}/events.ics': {
    request: (fx) => ({ path: `/api/v1/campaigns/${fx.campaignId}/events.ics?county=19` }),
  },
  'GET /api/v1/events/{id}': { request: (fx) => ({ path: `/api/v1/events/${fx.eventId}` }) },
  'PATCH /api/v1/events/{id}': {
    request: (fx) => ({ path: `/api/v1/events/${fx.eventId}`, json: { audience: { sv: 'Alla' } } }),
    outOfScope: [...FOREIGN_COORDINATOR, 'municipal'],
  },
  'DELETE /api/v1/events/{id}': {
    request: async (fx) => ({ path: `/api/v1/events/${await fx.freshEvent()}` }),
    outOfScope: [...FOREIGN_COORDINATOR, 'municipal'],
  },
  'GET /player': { request: () => ({ path: '/player' }) },
  'GET /player/': { request: () => ({ path: '/player/' }) },
  'GET /player/{file}': { request: () => ({ path: '/player/sw.js' }) },
  'GET /player/js/{file}': { request: () => ({ path: '/player/js/main.js' }) },
};

/** What the access layer answers a caller, from the operation's x-access: null when it lets the call through. */
function accessAnswer(rule: Access, role: Role): 401 | 403 | null {
  const userRole = USER_ROLE[role];
  switch (rule.kind) {
    case 'public':
      return null;
    case 'screen':
      return role === 'screen' ? null : 401;
    case 'signed-in':
      return userRole ? null : 401;
    case 'roles':
      if (!userRole) return 401;
      return rule.roles.includes(userRole) ? null : 403;
  }
}

let fx: Fixtures;
let operations: Array<{ key: string; method: string; access: Access }>;

beforeAll(async () => {
  const t = await createTestContext({ env: { TRUST_PROXY: 'true', UPLOAD_MAX_MB: '5' } });
  const token = async (input: Parameters<TestContext['user']>[0]) => (await t.user(input)).token;
  const orgA = (
    await t.organisation({
      kind: 'association',
      municipalityCode: '1980',
      defaultAddress: {
        recipient: 'Föreningen',
        street: 'Storgatan 1',
        postalCode: '721 87',
        city: 'Västerås',
      },
    })
  ).id;
  const orgB = (await t.organisation({ kind: 'association', municipalityCode: '0380' })).id;
  const board = (await t.organisation({ kind: 'county_board', countyCode: '19' })).id;
  const agency = (await t.organisation({ kind: 'national_agency' })).id;
  const adminToken = await token({ role: 'admin' });
  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    member: await token({ role: 'member', organisationId: orgA }),
    municipal: await token({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1980' }),
    county: await token({
      role: 'coordinator',
      scope: 'county',
      scopeCountyCode: '19',
      organisationId: board,
    }),
    national: await token({ role: 'coordinator', scope: 'national', organisationId: agency }),
    admin: adminToken,
    screen: undefined,
    foreignCounty: await token({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' }),
    foreignMember: await token({ role: 'member', organisationId: orgB }),
  };
  const ok = async (response: Response, what: string) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; url?: string };
  };
  const freshCampaign = async () => {
    const created = await ok(
      await t.request('/api/v1/campaigns', {
        method: 'POST',
        token: adminToken,
        json: {
          slug: unique('matrix').toLowerCase(),
          title: { sv: 'Lokal kampanj' },
          summary: { sv: 'Västerås' },
          description: { sv: 'Västerås' },
          tier: 'local',
          municipalityCode: '1980',
          ownerOrganisationId: board,
          languages: ['sv'],
          airing: { spans: [{ kind: 'yearly', from: '01-01', to: '12-31' }] },
          ordering: { spans: [{ kind: 'yearly', from: '01-01', to: '12-31' }] },
        },
      }),
      'campaign',
    );
    return created.id;
  };
  const campaignId = await freshCampaign();
  await ok(
    await t.request(`/api/v1/campaigns/${campaignId}/publish`, { method: 'POST', token: adminToken }),
    'publish',
  );
  const uploaded = async (form: FormData) =>
    ok(
      await t.request(`/api/v1/campaigns/${campaignId}/assets`, {
        method: 'POST',
        token: adminToken,
        body: form,
      }),
      'upload',
    );
  const image = await uploaded(
    uploadForm(await makePng(320, 200), 'affisch.png', { language: 'sv', altText: 'Affisch' }),
  );
  const pdf = await uploaded(
    uploadForm(await makePdf('Affisch'), 'affisch.pdf', { language: 'sv', title: 'Affisch' }),
  );
  const product = await ok(
    await t.request(`/api/v1/campaigns/${campaignId}/products`, {
      method: 'POST',
      token: adminToken,
      json: {
        code: unique('prod').toLowerCase(),
        kind: 'poster_a3',
        language: 'sv',
        title: { sv: 'Affisch' },
        printAssetId: pdf.id,
        previewAssetId: image.id,
        maxPerOrder: 100,
        stock: 100_000,
      },
    }),
    'product',
  );
  const freshOrder = async () =>
    (
      await ok(
        await t.request('/api/v1/orders', {
          method: 'POST',
          token: tokens.member,
          json: orderBody({ campaignId, productId: product.id } as Fixtures),
        }),
        'order',
      )
    ).id;
  const freshScreen = async () => (await pairScreen(t, adminToken)).screenId;
  const screen = await pairScreen(t, adminToken);
  tokens.screen = screen.token;
  const freshGroup = async () =>
    (
      await ok(
        await t.request('/api/v1/screen-groups', {
          method: 'POST',
          token: adminToken,
          json: { name: unique('Grupp'), kind: 'static', municipalityCode: '1980' },
        }),
        'group',
      )
    ).id;
  const freshSlide = async () =>
    (
      await ok(
        await t.request(`/api/v1/campaigns/${campaignId}/slides`, {
          method: 'POST',
          token: adminToken,
          json: { name: unique('Bild'), assetIds: [image.id], durationSeconds: 10 },
        }),
        'slide',
      )
    ).id;
  const freshEvent = async () =>
    (
      await ok(
        await t.request(`/api/v1/campaigns/${campaignId}/events`, {
          method: 'POST',
          token: adminToken,
          json: eventBody(),
        }),
        'event',
      )
    ).id;
  fx = {
    t,
    eventId: await freshEvent(),
    freshEvent,
    tokens,
    adminToken,
    orgA,
    campaignId,
    imageAssetId: image.id,
    pdfAssetId: pdf.id,
    mediaPath: image.url as string,
    productId: product.id,
    orderId: await freshOrder(),
    screenId: screen.screenId,
    groupId: await freshGroup(),
    slideId: await freshSlide(),
    freshCampaign,
    freshAsset: async () => (await insertAsset(t, campaignId)).id,
    freshScreen,
    freshGroup,
    freshSlide,
    freshOrder,
  };
  const document = t.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'matrix', version: '1' } });
  operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { 'x-access'?: Access }>).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      access: operation['x-access'] as Access,
    })),
  );
}, 120_000);
afterAll(() => fx?.t.close());

async function send(
  method: string,
  spec: RequestSpec,
  token: string | undefined,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  return fx.t.request(spec.path, {
    method,
    token,
    json: spec.form ? undefined : spec.json,
    body: spec.form,
    headers: { ...spec.headers, ...extraHeaders },
  });
}

describe('authorisation matrix', () => {
  it('has an expectation for every route of the API document, and none for routes that are gone', () => {
    const keys = operations.map((operation) => operation.key);
    expect(
      keys.filter((key) => !CASES[key]),
      'routes without an authorisation case',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((key) => !keys.includes(key)),
      'cases of routes that no longer exist',
    ).toEqual([]);
    expect(
      operations.filter((operation) => !operation.access),
      'routes without x-access',
    ).toEqual([]);
  });

  it('answers every route as its x-access and scope rules say, for every kind of caller', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const routeCase = CASES[operation.key];
      if (!routeCase) continue;
      for (const role of ROLES) {
        const response = await send(operation.method, await routeCase.request(fx), fx.tokens[role]);
        const status = response.status;
        const refusedBy = accessAnswer(operation.access, role);
        const outOfScope = refusedBy === null && (routeCase.outOfScope ?? []).includes(role);
        const admitted = routeCase.answers
          ? routeCase.answers.includes(status)
          : status >= 200 && status < 400;
        const right =
          refusedBy !== null
            ? status === refusedBy
            : outOfScope
              ? status === 403 || status === 404
              : admitted;
        const expected = refusedBy ?? (outOfScope ? '403/404' : (routeCase.answers?.join('/') ?? '2xx/3xx'));
        if (!right)
          wrong.push(
            `${operation.key} as ${role}: ${status} (expected ${expected}) ${(await response.text()).slice(0, 200)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('refuses every cookie-session write without the CSRF token, and takes it with the token', async () => {
    const password = 'a session passphrase';
    const { user } = await fx.t.user({ role: 'admin', password });
    const signedIn = await fx.t.request('/api/v1/auth/sign-in', {
      method: 'POST',
      json: { email: user.email, password },
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const wrong: string[] = [];
    for (const operation of operations.filter(
      (op) => !['GET', 'HEAD', 'OPTIONS'].includes(op.method) && op.key !== 'POST /api/v1/auth/sign-in',
    )) {
      const routeCase = CASES[operation.key];
      if (!routeCase) continue;
      const spec = await routeCase.request(fx);
      const without = await send(operation.method, spec, undefined, { cookie });
      const forged = await send(operation.method, spec, undefined, { cookie, 'x-csrf-token': 'forged' });
      for (const [what, response] of [
        ['without', without],
        ['forged', forged],
      ] as const) {
        const body = (await response.json().catch(() => ({}))) as { code?: string };
        if (response.status !== 403 || body.code !== 'csrf_token_invalid')
          wrong.push(`${operation.key} ${what} token: ${response.status} ${body.code}`);
      }
    }
    expect(wrong).toEqual([]);
    const withToken = await fx.t.request('/api/v1/auth/tokens', {
      method: 'POST',
      json: { name: 'with csrf' },
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(withToken.status).toBe(201);
  }, 120_000);
});
