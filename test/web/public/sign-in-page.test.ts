import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW_MS } from '../../../src/ops/sign-in-limits.js';
import { localPathOrNull } from '../../../src/web/sign-in-page.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import {
  getPage,
  hiddenField,
  PASSWORD,
  postForm,
  setCookieValue,
  signInWithForm,
} from './public-fixtures.js';

let t: TestContext;
let email: string;

beforeAll(async () => {
  t = await createTestContext();
  const organisation = await t.organisation({ kind: 'school', municipalityCode: '1980' });
  email = (await t.user({ role: 'member', organisationId: organisation.id, name: 'Sara Lind' })).user.email;
});
afterAll(() => t.close());

describe('the sign-in page', () => {
  it('answers in Swedish by default and in English with ?lang=en', async () => {
    const swedish = await getPage(t, '/logga-in');
    expect(swedish.status).toBe(200);
    const html = await swedish.text();
    expect(html).toMatch(/^<!doctype html><html lang="sv">/);
    expect(html).toContain('<label for="f-email">E-postadress</label>');
    expect(html).toContain('<label for="f-password">Lösenord</label>');
    const english = await (await getPage(t, '/logga-in?lang=en')).text();
    expect(english).toMatch(/<html lang="en">/);
    expect(english).toContain('<h1>Sign in</h1>');
  });

  it('carries a local ?next= through the form and drops anything that leaves the site', async () => {
    const html = await (await getPage(t, '/logga-in?next=%2Fmina-bestallningar')).text();
    expect(hiddenField(html, 'next')).toBe('/mina-bestallningar');
    expect(await (await getPage(t, '/logga-in?next=https%3A%2F%2Fevil.example%2F')).text()).not.toContain(
      'name="next"',
    );
  });

  it('signs in with a new session and sends the person to ?next= (303)', async () => {
    const response = await postForm(t, '/logga-in', {
      email,
      password: PASSWORD,
      next: '/mina-bestallningar',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/mina-bestallningar');
    const setCookie = response.headers.getSetCookie().find((header) => header.startsWith('hub_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const page = await getPage(
      t,
      '/mina-bestallningar',
      `hub_session=${setCookieValue(response, 'hub_session')}`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Logga ut (Sara Lind)');
  });

  it('sends the person to the catalogue when next is missing or leads off the site', async () => {
    for (const next of [undefined, '//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const response = await postForm(t, '/logga-in', {
        email,
        password: PASSWORD,
        ...(next ? { next } : {}),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/katalog');
    }
  });

  it('renews the session: signing in again ends the old one', async () => {
    const first = await signInWithForm(t, email);
    const again = await postForm(t, '/logga-in', { email, password: PASSWORD }, first.cookie);
    expect(again.status).toBe(303);
    const renewed = setCookieValue(again, 'hub_session');
    expect(renewed).toBeTruthy();
    expect(`hub_session=${renewed}`).not.toBe(first.cookie);
    const old = await getPage(t, '/mina-bestallningar', first.cookie);
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe('/logga-in?next=%2Fmina-bestallningar');
  });

  it('shows a wrong password next to the field and in the error summary, keeping the e-mail', async () => {
    const response = await postForm(t, '/logga-in', { email, password: 'not the password at all' });
    expect(response.status).toBe(422);
    expect(setCookieValue(response, 'hub_session')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<title>Fel: Logga in – Kampanjnavet</title>');
    expect(html).toMatch(
      /class="error-summary"[^>]*>.*<a href="#f-password">Fel e-postadress eller lösenord/,
    );
    expect(html).toMatch(/<span class="field-error" id="f-password-error">Fel e-postadress eller lösenord/);
    expect(html).toMatch(
      /<input id="f-password"[^>]*aria-invalid="true"[^>]*aria-describedby="f-password-error"/,
    );
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain('not the password at all');
  });

  it('asks for both fields when they are empty', async () => {
    const html = await (await postForm(t, '/logga-in', { email: '', password: '' })).text();
    expect(html).toContain('<a href="#f-email">Skriv din e-postadress.</a>');
    expect(html).toContain('<a href="#f-password">Skriv ditt lösenord.</a>');
  });

  it('refuses a sign-in posted from another site or with no origin at all (403)', async () => {
    const foreign = await postForm(t, '/logga-in', { email, password: PASSWORD }, undefined, {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(setCookieValue(foreign, 'hub_session')).toBeNull();
    const bare = await t.app.request('/logga-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password: PASSWORD }),
    });
    expect(bare.status).toBe(403);
  });

  it('accepts a Referer from our own pages when a browser sends no Origin', async () => {
    const response = await t.app.request('/logga-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://localhost/logga-in' },
      body: new URLSearchParams({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(303);
  });
});

describe('failed sign-ins through the form', () => {
  it('are limited like the API: past ten per account the page answers 429 and says how long to wait', async () => {
    const organisation = await t.organisation({ kind: 'association', municipalityCode: '1984' });
    const target = (await t.user({ role: 'member', organisationId: organisation.id })).user.email;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await postForm(t, '/logga-in', { email: target, password: `guess ${attempt}` })).status).toBe(
        422,
      );
    }
    const blocked = await postForm(t, '/logga-in', { email: target, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(setCookieValue(blocked, 'hub_session')).toBeNull();
    expect(await blocked.text()).toMatch(
      /<li>För många misslyckade inloggningar\. Vänta \d+ minuter och försök igen\.<\/li>/,
    );
  });
});

describe('the form and the API share one limit', () => {
  it('counts failures through the API against the form, and says the wait in English too', async () => {
    const organisation = await t.organisation({ kind: 'association', municipalityCode: '1984' });
    const target = (await t.user({ role: 'member', organisationId: organisation.id })).user.email;
    for (let attempt = 0; attempt < SIGN_IN_FAILURES_PER_ACCOUNT; attempt += 1) {
      const failed = await t.request('/api/v1/auth/sign-in', {
        method: 'POST',
        json: { email: target, password: `api guess ${attempt}` },
      });
      expect(failed.status).toBe(401);
    }
    const blocked = await postForm(t, '/logga-in?lang=en', { email: target, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toMatch(/^text\/html/);
    expect(setCookieValue(blocked, 'hub_session')).toBeNull();
    const html = await blocked.text();
    expect(html).toMatch(/<li>Too many failed sign-ins\. Wait \d+ minutes and try again\.<\/li>/);
    expect(html).toContain('value="' + target + '"');
    // Once the window has passed, the right password signs in again.
    t.clock.advance(SIGN_IN_WINDOW_MS);
    expect((await postForm(t, '/logga-in', { email: target, password: PASSWORD })).status).toBe(303);
  });
});

describe('signing out', () => {
  it('needs the form CSRF token of the session (403 without it)', async () => {
    const session = await signInWithForm(t, email);
    const refused = await postForm(t, '/logga-ut', {}, session.cookie);
    expect(refused.status).toBe(403);
    // A page that says what happened and leads back, not problem+json.
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await refused.text();
    expect(html).toContain('<h1>Formuläret kunde inte skickas</h1>');
    expect(html).toContain('<a href="/">Till start</a>');
    expect((await getPage(t, '/mina-bestallningar', session.cookie)).status).toBe(200);
  });

  it('ends the session and clears the cookie', async () => {
    const session = await signInWithForm(t, email);
    const response = await postForm(t, '/logga-ut', { _csrf: session.csrf }, session.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(setCookieValue(response, 'hub_session')).toBe('');
    expect((await getPage(t, '/mina-bestallningar', session.cookie)).status).toBe(303);
  });
});

describe('localPathOrNull', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(localPathOrNull('/kampanjer/x/bestall?lang=en')).toBe('/kampanjer/x/bestall?lang=en');
    for (const bad of [
      '',
      'katalog',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\nx',
    ]) {
      expect(localPathOrNull(bad)).toBeNull();
    }
  });
});
