import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where Debian's Chromium lives; CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** Said once when browser tests cannot run, so nobody mistakes a missing browser for a pass. */
export const CHROMIUM_MISSING_MESSAGE = `Browser tests need Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install chromium" (Debian) or set CHROMIUM_PATH. CI (.ci/run) installs it.`;

if (!chromiumAvailable) console.warn(`\n*** ${CHROMIUM_MISSING_MESSAGE}\n`);

/**
 * Launches headless Chromium with the flags this closed network needs (no background
 * networking, no component updates), as root needs --no-sandbox.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Serves a fetch handler on a loopback port; close() stops it (connections dropped). */
export async function serveOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
  port = 0,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            const http = server as import('node:http').Server;
            http.closeAllConnections?.();
            http.close(() => done());
          }),
      });
    });
  });
}

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns the violations. */
export async function axeViolations(page: Page) {
  const source = require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') as string;
  // Evaluated through the DevTools protocol, which the pages' strict CSP rightly does not allow
  // for injected <script> tags.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
