import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveOnLoopback } from '../../support/browser.js';
import type { TestContext } from '../../support/test-app.js';
import { DESKTOP } from '../public/page-helpers.js';

/** The app on a loopback port and one Chromium page on it, at desktop size, in Swedish. */
export interface BrowserSession {
  page: Page;
  /** Opens a path of the app. */
  go(path: string): Promise<void>;
  /** Presses Enter on the focused control and waits for the page it leads to. */
  submitByEnter(): Promise<void>;
  /** Clicks a submit button and waits for the page it leads to. */
  submit(selector: string): Promise<void>;
  close(): Promise<void>;
}

/** Serves the test app on loopback and opens a page in headless Chromium. */
export async function openBrowserSession(t: TestContext): Promise<BrowserSession> {
  const [server, browser]: [{ url: string; close(): Promise<void> }, Browser] = await Promise.all([
    serveOnLoopback((request) => t.app.fetch(request)),
    launchBrowser(),
  ]);
  const context: BrowserContext = await browser.newContext({ viewport: DESKTOP, locale: 'sv-SE' });
  const page = await context.newPage();
  const untilNextPage = async (action: () => Promise<void>) => {
    const navigated = page.waitForEvent('framenavigated');
    await action();
    await navigated;
    await page.waitForLoadState('load');
  };
  return {
    page,
    go: async (path) => {
      await page.goto(`${server.url}${path}`);
    },
    submitByEnter: () => untilNextPage(() => page.keyboard.press('Enter')),
    submit: (selector) => untilNextPage(() => page.locator(selector).click()),
    close: async () => {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}
