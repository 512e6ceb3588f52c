import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_IN_WINDOW_MS,
} from '../../src/ops/sign-in-limits.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

let t: TestContext;
const password = 'the right passphrase here';

beforeAll(async () => {
  t = await createTestContext({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

async function member(): Promise<string> {
  const organisation = await t.organisation({ kind: 'school', municipalityCode: '1980' });
  return (await t.user({ role: 'member', password, organisationId: organisation.id })).user.email;
}

function signIn(email: string, secret: string, address: string): Promise<Response> {
  return t.request('/api/v1/auth/sign-in', {
    method: 'POST',
    json: { email, password: secret },
    headers: { 'x-forwarded-for': address },
  });
}

describe('sign-in rate limits', () => {
  it('locks an account after its failures, from whichever addresses they came, until the window ends', async () => {
    const email = await member();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT; i++) {
      expect((await signIn(email, 'wrong guess', `10.1.${i}.1`)).status).toBe(401);
    }
    const locked = await signIn(email, password, '10.9.9.9');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await locked.json()).code).toBe('rate_limited');
    t.clock.advance(SIGN_IN_WINDOW_MS);
    expect((await signIn(email, password, '10.9.9.9')).status).toBe(200);
  });

  it('refuses an address after its failures, while other addresses and accounts go on', async () => {
    const address = unique('10.2');
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
      expect((await signIn(`${unique('nobody')}@example.org`, 'guess', address)).status).toBe(401);
    }
    const email = await member();
    expect((await signIn(email, password, address)).status).toBe(429);
    expect((await signIn(email, password, unique('10.3'))).status).toBe(200);
    t.clock.advance(SIGN_IN_WINDOW_MS);
    // Thirty-odd deliberately slow password hashes: give a busy machine room.
  }, 120_000);

  it("forgets an account's failures once the right password is given", async () => {
    const email = await member();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT - 1; i++)
      expect((await signIn(email, 'typo', unique('10.4'))).status).toBe(401);
    expect((await signIn(email, password, unique('10.4'))).status).toBe(200);
    // Without forgetting, this failure would be the account's last allowed one and lock it.
    expect((await signIn(email, 'typo', unique('10.4'))).status).toBe(401);
    expect((await signIn(email, password, unique('10.4'))).status).toBe(200);
  });
});
