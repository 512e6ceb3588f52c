import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('an address nobody serves', () => {
  it('shows a browser a Swedish 404 page with a way to the start page', async () => {
    const response = await t.request('/kampanjer-som-inte-finns', { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain('Sidan finns inte');
    expect(html).toContain('href="/"');
  });

  it('says it in English with ?lang=en', async () => {
    const response = await t.request('/no-such-page?lang=en', { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });

  it('keeps problem+json for the API, for scripts and for fetches that do not ask for HTML', async () => {
    for (const [path, accept] of [
      ['/api/v1/no-such-thing', BROWSER_ACCEPT],
      ['/no-such-page', 'application/json'],
      ['/no-such-page', '*/*'],
    ] as const) {
      const response = await t.request(path, { headers: { accept } });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), `${path} ${accept}`).toMatch(/application\/problem\+json/);
      expect((await response.json()).code).toBe('not_found');
    }
  });
});
