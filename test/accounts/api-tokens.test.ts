import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../../src/accounts/schema.js';
import { hashSecret } from '../../src/accounts/secrets.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

let t: TestContext;
let token: string;

beforeAll(async () => {
  t = await createTestContext();
  ({ token } = await t.user({ role: 'coordinator', scope: 'national' }));
});
afterAll(() => t.close());

describe('API tokens for scripts', () => {
  it('shows a new token once and stores only its hash', async () => {
    const created = await t.request('/api/v1/auth/tokens', { method: 'POST', token, json: { name: 'nightly export' } });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.token).toMatch(/^cht_/);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, body.id));
    expect(row?.tokenHash).toBe(hashSecret(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);
    const listed = await (await t.request('/api/v1/auth/tokens', { token })).json();
    expect(JSON.stringify(listed)).not.toContain(body.token);
    expect(listed.items.some((item: { id: string }) => item.id === body.id)).toBe(true);
  });

  it('authenticates with the new token until it is revoked', async () => {
    const body = await (await t.request('/api/v1/auth/tokens', { method: 'POST', token, json: { name: 'temp' } })).json();
    expect((await t.request('/api/v1/users/me', { token: body.token })).status).toBe(200);
    const revoked = await t.request(`/api/v1/auth/tokens/${body.id}`, { method: 'DELETE', token });
    expect(revoked.status).toBe(204);
    const after = await t.request('/api/v1/users/me', { token: body.token });
    expect(after.status).toBe(401);
    expect((await after.json()).detail).toMatch(/revoked/);
  });

  it("does not let one user revoke another's token", async () => {
    const other = await t.user({ role: 'coordinator', scope: 'national' });
    const body = await (await t.request('/api/v1/auth/tokens', { method: 'POST', token: other.token, json: { name: 'theirs' } })).json();
    const attempt = await t.request(`/api/v1/auth/tokens/${body.id}`, { method: 'DELETE', token });
    expect(attempt.status).toBe(404);
    expect((await t.request('/api/v1/users/me', { token: body.token })).status).toBe(200);
  });

  it('expires a token with a lifetime', async () => {
    const body = await (await t.request('/api/v1/auth/tokens', { method: 'POST', token, json: { name: 'short', expiresInDays: 1 } })).json();
    expect((await t.request('/api/v1/users/me', { token: body.token })).status).toBe(200);
    t.clock.advance(2 * 86_400_000);
    expect((await t.request('/api/v1/users/me', { token: body.token })).status).toBe(401);
    t.clock.advance(-2 * 86_400_000);
  });

  it('answers 401 with a problem for a malformed Authorization header', async () => {
    const response = await t.request('/api/v1/users/me', { headers: { authorization: 'Basic abc' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
