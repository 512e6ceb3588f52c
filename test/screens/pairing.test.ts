import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairingCodes, screens } from '../../src/screens/schema.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';
import { pairingEnv, pairScreen, poll, requestCode, screenSettings } from './screen-fixtures.js';

let t: TestContext;
let vastmanland: string;
let uppsala: string;
let member: string;

async function screenCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(screens);
  return row?.n ?? 0;
}

const claim = (code: string, token: string | undefined, json: unknown) =>
  t.request(`/api/v1/pairing/${code}/claim`, { method: 'POST', token, json });

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  member = (await t.user({ role: 'member', organisationId: board.id })).token;
});
afterAll(() => t.close());

describe('pairing a screen', () => {
  it('pairs through the API alone and hands the token over exactly once', async () => {
    const issued = await requestCode(t);
    expect(issued.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(t.clock.now().getTime());
    expect((await (await poll(t, issued.pollSecret)).json()).status).toBe('waiting');

    const claimed = await claim(issued.code.toLowerCase(), vastmanland, screenSettings({ languages: ['sv', 'ar'], tags: ['entrance'] }));
    expect(claimed.status).toBe(201);
    const screen = await claimed.json();
    expect(screen).toMatchObject({ status: 'awaiting_token', countyCode: '19', municipalityCode: '1980', languages: ['sv', 'ar'], tags: ['entrance'] });

    const first = await poll(t, issued.pollSecret);
    expect(first.status).toBe(200);
    const paired = await first.json();
    expect(paired).toMatchObject({ status: 'paired', screenId: screen.id });
    expect(paired.screenToken).toMatch(/^scr_/);

    const second = await poll(t, issued.pollSecret);
    expect(second.status).toBe(410);
    expect(JSON.stringify(await second.json())).not.toContain(paired.screenToken);

    const manifest = await t.request('/api/v1/screens/me/manifest', { token: paired.screenToken });
    expect(manifest.status).toBe(200);
    expect((await manifest.json()).screen.id).toBe(screen.id);
    const shown = await (await t.request(`/api/v1/screens/${screen.id}`, { token: vastmanland })).json();
    expect(shown.status).toBe('paired');
  });

  it('answers 410 for a code that expired, to the claim and to the player', async () => {
    const issued = await requestCode(t);
    t.clock.advance(11 * 60_000);
    const before = await screenCount();
    const late = await claim(issued.code, vastmanland, screenSettings());
    expect(late.status).toBe(410);
    expect((await late.json()).code).toBe('pairing_code_expired');
    expect((await poll(t, issued.pollSecret)).status).toBe(410);
    expect(await screenCount()).toBe(before);
  });

  it('answers 404 for an unknown code or poll secret', async () => {
    expect((await claim('ZZZZZZ', vastmanland, screenSettings())).status).toBe(404);
    expect((await claim('O0I1L0', vastmanland, screenSettings())).status).toBe(404);
    expect((await poll(t, 'pair_not-a-secret-anyone-has')).status).toBe(404);
  });

  it("refuses a claim outside the coordinator's scope (403) and writes nothing", async () => {
    const issued = await requestCode(t);
    const before = await screenCount();
    const refused = await claim(issued.code, uppsala, screenSettings({ municipalityCode: '1980' }));
    expect(refused.status).toBe(403);
    expect(await screenCount()).toBe(before);
    expect((await (await poll(t, issued.pollSecret)).json()).status).toBe('waiting');
    expect((await claim(issued.code, vastmanland, screenSettings())).status).toBe(201);
  });

  it('refuses members (403), anonymous callers (401), a second claim (409) and malformed settings (400)', async () => {
    const issued = await requestCode(t);
    const before = await screenCount();
    expect((await claim(issued.code, member, screenSettings())).status).toBe(403);
    expect((await claim(issued.code, undefined, screenSettings())).status).toBe(401);
    const malformed = await claim(issued.code, vastmanland, { ...screenSettings(), municipalityCode: '9999', width: -1, languages: ['klingon'], countyCode: '03' });
    expect(malformed.status).toBe(400);
    const fields = (await malformed.json()).errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['municipalityCode', 'width', 'languages.0']));
    const missing = await claim(issued.code, vastmanland, { name: 'Only a name' });
    expect(missing.status).toBe(400);
    expect(await screenCount()).toBe(before);
    expect((await claim(issued.code, vastmanland, screenSettings())).status).toBe(201);
    expect((await claim(issued.code, vastmanland, screenSettings())).status).toBe(409);
  });

  it('rate-limits code requests per client address (429 with Retry-After)', async () => {
    const address = unique('192.0.2');
    const [before] = await t.database.db.select({ n: count() }).from(pairingCodes);
    for (let i = 0; i < 10; i++) {
      expect((await t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': address } })).status).toBe(201);
    }
    const limited = await t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': address } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const [after] = await t.database.db.select({ n: count() }).from(pairingCodes);
    expect(after?.n).toBe((before?.n ?? 0) + 10);
    expect((await t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': unique('192.0.2') } })).status).toBe(201);
    t.clock.advance(61_000);
    expect((await t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': address } })).status).toBe(201);
  });
});

describe('revoking a screen', () => {
  it('refuses the revoked token (401) and lets the same screen pair again with a new one', async () => {
    const { screenId, token } = await pairScreen(t, vastmanland);
    expect((await t.request('/api/v1/screens/me/manifest', { token })).status).toBe(200);

    expect((await t.request(`/api/v1/screens/${screenId}/revoke`, { method: 'POST', token: uppsala })).status).toBe(404);
    const revoked = await t.request(`/api/v1/screens/${screenId}/revoke`, { method: 'POST', token: vastmanland });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).status).toBe('revoked');
    const refused = await t.request('/api/v1/screens/me/manifest', { token });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);

    const issued = await requestCode(t);
    const again = await claim(issued.code, vastmanland, { screenId, name: 'Same screen, new player' });
    expect(again.status).toBe(201);
    expect((await again.json()).id).toBe(screenId);
    const paired = await (await poll(t, issued.pollSecret)).json();
    expect(paired).toMatchObject({ status: 'paired', screenId });
    expect(paired.screenToken).not.toBe(token);
    expect((await t.request('/api/v1/screens/me/manifest', { token })).status).toBe(401);
    expect((await t.request('/api/v1/screens/me/manifest', { token: paired.screenToken })).status).toBe(200);
  });

  it("stops accepting a token revoked behind the service's back once the in-memory directory expires", async () => {
    const { screenId, token } = await pairScreen(t, vastmanland);
    expect((await t.request('/api/v1/screens/me/manifest', { token })).status).toBe(200);
    await t.database.db.update(screens).set({ revokedAt: t.clock.now(), tokenHash: null }).where(eq(screens.id, screenId));
    expect((await t.request('/api/v1/screens/me/manifest', { token })).status).toBe(200);
    t.clock.advance(11 * 60_000);
    expect((await t.request('/api/v1/screens/me/manifest', { token })).status).toBe(401);
  });
});
