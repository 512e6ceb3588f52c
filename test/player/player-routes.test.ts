import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('serving the player at /player/', () => {
  it('redirects /player to /player/ so relative module paths resolve', async () => {
    const response = await t.request('/player');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/player/');
  });

  it('serves the page as HTML stamped with the player version, revalidated every time, under the strict CSP', async () => {
    const response = await t.request('/player/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toMatch(/<meta name="player-version" content="[0-9a-f]{16}">/);
    expect(html).not.toContain('%PLAYER_VERSION%');
  });

  it('serves modules and styles with their content types, and answers 304 to a matching ETag', async () => {
    const script = await t.request('/player/js/main.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('no-cache');
    const etag = script.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await t.request('/player/js/main.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const styles = await t.request('/player/player.css');
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves the service worker with its scope allowed and its shell cache named by version', async () => {
    const page = await (await t.request('/player/')).text();
    const version = /content="([0-9a-f]{16})"/.exec(page)?.[1];
    const worker = await t.request('/player/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.headers.get('service-worker-allowed')).toBe('/player');
    expect(await worker.text()).toContain(`const VERSION = '${version}';`);
  });

  it('answers 404 problems for files that are not the player’s', async () => {
    for (const pathname of [
      '/player/nothing.js',
      '/player/js/nothing.js',
      '/player/%2e%2e%2fpackage.json',
      '/player/js/..%2f..%2fpackage.json',
    ]) {
      const response = await t.request(pathname);
      expect([400, 404], pathname).toContain(response.status);
      expect(response.headers.get('content-type'), pathname).toMatch(/problem\+json/);
    }
  });
});
