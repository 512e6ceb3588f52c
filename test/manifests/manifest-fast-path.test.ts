import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerManifestPollFromMemory } from '../../src/manifests/manifest-fast-path.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertAsset, pairingEnv, pairScreen, publishedCampaign, slideBody } from '../screens/screen-fixtures.js';

// The fast path answers polls of exactly this URL; a query string sends the same poll through
// the full app (router, middleware, route handler), which is what it must match.
const MANIFEST = 'http://localhost/api/v1/screens/me/manifest';
const THROUGH_APP = `${MANIFEST}?through=app`;

let t: TestContext;
let coordinator: string;
let screen: { screenId: string; token: string };

function manifestRequest(url: string, token: string, headers: Record<string, string> = {}, method = 'GET'): Request {
  return new Request(url, { method, headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** Status, headers (without the per-request id) and body bytes of an answer. */
async function answerOf(response: Response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'x-request-id'));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()).toString('base64') };
}

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  t.clock.set('2026-11-23T10:17:00Z');
  const agency = await t.organisation({ kind: 'national_agency' });
  coordinator = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id })).token;
  const campaign = await publishedCampaign(t, coordinator, { tier: 'national', airing: { spans: [{ kind: 'always' }] } });
  const asset = await insertAsset(t, campaign);
  await t.request(`/api/v1/campaigns/${campaign}/slides`, { method: 'POST', token: coordinator, json: slideBody([asset.id]) });
  screen = await pairScreen(t, coordinator);
});
afterAll(() => t.close());

describe('manifest polls answered from memory', () => {
  it('sends exactly what the full app sends: status, headers and bytes, for 200 gzip, 200 plain and 304', async () => {
    const first = await t.app.fetch(manifestRequest(MANIFEST, screen.token));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    const variants: Array<Record<string, string>> = [{ 'accept-encoding': 'gzip' }, {}, { 'if-none-match': etag }, { 'if-none-match': `W/${etag}`, 'accept-encoding': 'gzip' }];
    for (const headers of variants) {
      const fast = answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token, headers));
      expect(fast).not.toBeNull();
      const full = await t.app.fetch(manifestRequest(THROUGH_APP, screen.token, headers));
      expect(await answerOf(fast as Response)).toEqual(await answerOf(full));
      expect((fast as Response).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('keeps a well-formed X-Request-Id the client sends, as the app does', async () => {
    const fast = answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token, { 'x-request-id': 'lb-trace.42' }));
    expect(fast?.headers.get('x-request-id')).toBe('lb-trace.42');
    const odd = answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token, { 'x-request-id': 'no spaces allowed' }));
    expect(odd?.headers.get('x-request-id')).not.toBe('no spaces allowed');
  });

  it('leaves to the app what memory cannot answer: other methods, other paths, other credentials', async () => {
    await t.app.fetch(manifestRequest(MANIFEST, screen.token));
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token, {}, 'HEAD'))).toBeNull();
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(THROUGH_APP, screen.token))).toBeNull();
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(`${MANIFEST}/`, screen.token))).toBeNull();
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, coordinator))).toBeNull();
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, 'scr_unknown'))).toBeNull();
    expect(answerManifestPollFromMemory(t.deps, new Request(MANIFEST))).toBeNull();
    expect((await t.app.fetch(manifestRequest(MANIFEST, 'scr_unknown'))).status).toBe(401);
  });

  it('leaves a screen to the app once its manifest is older than the hour, and while the instance stops', async () => {
    await t.app.fetch(manifestRequest(MANIFEST, screen.token));
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token))).not.toBeNull();
    t.deps.readiness.shuttingDown = true;
    try {
      expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token))).toBeNull();
      expect((await t.app.fetch(manifestRequest(MANIFEST, screen.token))).headers.get('connection')).toBe('close');
    } finally {
      t.deps.readiness.shuttingDown = false;
    }
    t.clock.advance(3_600_000);
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token))).toBeNull();
    expect((await t.app.fetch(manifestRequest(MANIFEST, screen.token))).status).toBe(200);
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, screen.token))).not.toBeNull();
  });

  it("stops answering a screen's token from memory the moment the screen is revoked", async () => {
    const paired = await pairScreen(t, coordinator);
    expect((await t.app.fetch(manifestRequest(MANIFEST, paired.token))).status).toBe(200);
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, paired.token))?.status).toBe(200);
    const revoked = await t.request(`/api/v1/screens/${paired.screenId}/revoke`, { method: 'POST', token: coordinator });
    expect(revoked.status).toBe(200);
    expect(answerManifestPollFromMemory(t.deps, manifestRequest(MANIFEST, paired.token))).toBeNull();
    expect((await t.app.fetch(manifestRequest(MANIFEST, paired.token))).status).toBe(401);
  });
});
