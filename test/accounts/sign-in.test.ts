import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';

let t: TestContext;
let email: string;
const password = 'a long enough passphrase';

beforeAll(async () => {
  t = await createTestContext();
  const org = await t.organisation({ kind: 'school', municipalityCode: '1980' });
  const { user } = await t.user({ role: 'member', organisationId: org.id, password });
  email = user.email;
});
afterAll(() => t.close());

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

describe('sign-in with a session cookie', () => {
  it('sets an HttpOnly, SameSite cookie and returns a CSRF token', async () => {
    const response = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hub_session=s_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const body = await response.json();
    expect(body.user.email).toBe(email);
    expect(body.csrfToken).toMatch(/.{20,}/);
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('marks the cookie Secure behind TLS', async () => {
    const response = await t.app.request('https://hub.example/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('accepts the e-mail in any case', async () => {
    const response = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email: email.toUpperCase(), password } });
    expect(response.status).toBe(200);
  });

  it('refuses a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password: 'not it at all' } });
    const unknown = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email: 'nobody@example.org', password } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a.code).toBe('invalid_credentials');
    expect(b.code).toBe(a.code);
    expect(b.detail).toBe(a.detail);
  });

  it('refuses a malformed body with the failing fields listed', async () => {
    const response = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email: 42 } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    expect(body.requestId).toBeTruthy();
  });

  it('refuses a body that is not JSON', async () => {
    const response = await t.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toMatch(/malformed_json|validation_failed/);
  });

  it('issues a new session id at every sign-in and ends the old one', async () => {
    const first = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    const firstCookie = cookieOf(first);
    const second = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password }, headers: { cookie: firstCookie } });
    const secondCookie = cookieOf(second);
    expect(secondCookie).not.toBe(firstCookie);
    const withOld = await t.request('/api/v1/auth/session', { headers: { cookie: firstCookie } });
    expect(withOld.status).toBe(401);
    const withNew = await t.request('/api/v1/auth/session', { headers: { cookie: secondCookie } });
    expect(withNew.status).toBe(200);
  });

  it('ends the session at sign-out, which needs the CSRF token', async () => {
    const signIn = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    const cookie = cookieOf(signIn);
    const { csrfToken } = await signIn.json();
    const withoutToken = await t.request('/api/v1/auth/sign-out', { method: 'POST', headers: { cookie } });
    expect(withoutToken.status).toBe(403);
    expect((await withoutToken.json()).code).toBe('csrf_token_invalid');
    const out = await t.request('/api/v1/auth/sign-out', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect((await t.request('/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const signIn = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    const cookie = cookieOf(signIn);
    t.clock.advance(13 * 3_600_000);
    expect((await t.request('/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);
    t.clock.advance(-13 * 3_600_000);
  });
});

describe('CSRF protection of cookie sessions', () => {
  it('refuses a cookie-authenticated write without the token, and accepts it with the token', async () => {
    const signIn = await t.request('/api/v1/auth/sign-in', { method: 'POST', json: { email, password } });
    const cookie = cookieOf(signIn);
    const { csrfToken } = await signIn.json();
    const refused = await t.request('/api/v1/auth/tokens', { method: 'POST', json: { name: 'script' }, headers: { cookie } });
    expect(refused.status).toBe(403);
    const wrong = await t.request('/api/v1/auth/tokens', { method: 'POST', json: { name: 'script' }, headers: { cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.status).toBe(403);
    const accepted = await t.request('/api/v1/auth/tokens', {
      method: 'POST',
      json: { name: 'script' },
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(accepted.status).toBe(201);
  });
});
