import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderUpcomingPacks } from '../../../src/packs/pack-jobs.js';
import { orderBody, postOrder } from '../../orders/order-fixtures.js';
import { insertSocialAsset, makeArtwork } from '../../packs/pack-fixtures.js';
import { CHROMIUM_MISSING_MESSAGE, chromiumAvailable, launchBrowser, serveOnLoopback } from '../../support/browser.js';
import { createShopWorld, PASSWORD, regionalCampaign, type ShopWorld } from '../../web/public/public-fixtures.js';
import { checkPage, DESKTOP, focusOutline, tabTo } from './page-helpers.js';

/*
 * An organisation's way through the pages in headless Chromium against the real app on a
 * loopback port: the test clock stands on 16 December 2026, inside the ordering window
 * (15 Dec–31 Mar) of a published campaign with a poster (at most 50 per order, quota 80) and a
 * flyer. Everything is done by keyboard where the issue asks for it.
 */

let world: ShopWorld;
/** A county campaign of Uppsala (03): the member's organisation, in Västerås, may not order it. */
let uppsala: { id: string; slug: string; productId: string };
let browser: Browser;
let server: { url: string; close(): Promise<void> };

/** A fresh browser profile (no cookies) with a page at the desktop size. */
async function openPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'sv-SE' });
  return { context, page: await context.newPage() };
}

/** Signs in through the form, pressing Enter on the submit button reached with Tab. */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/logga-in`);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await tabTo(page, 'main form button[type=submit]');
  await submitByEnter(page);
}

/** Presses Enter on the focused control and waits for the page it leads to. */
async function submitByEnter(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated');
  await page.keyboard.press('Enter');
  await navigated;
  await page.waitForLoadState('load');
}

describe.skipIf(!chromiumAvailable)(
  `organisation pages in Chromium${chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_MISSING_MESSAGE})`}`,
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      world = await createShopWorld();
      await insertSocialAsset(world.t, world.world.campaignId, await makeArtwork(1200, 1200), {
        language: 'sv',
        altText: 'Två unga i en park, text: Svartsjuka är inte romantiskt',
      });
      await renderUpcomingPacks(world.t.deps, world.t.clock.now());
      uppsala = await regionalCampaign(world.world, { tier: 'county', countyCode: '03' }, 'Uppsala mot våld');
      [server, browser] = await Promise.all([serveOnLoopback((request) => world.t.app.fetch(request)), launchBrowser()]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await world?.t.close();
    });

    it('lets a member sign in, browse the catalogue, open a product and order by keyboard; the order shows as submitted', async () => {
      const { context, page } = await openPage();
      try {
        await signIn(page, world.member.user.email, PASSWORD);
        expect(new URL(page.url()).pathname).toBe('/katalog');
        await expect.poll(() => page.locator('h1').textContent()).toBe('Material att beställa och ladda ner');

        await page.locator(`a[href="/produkter/${world.poster.id}"]`).first().click();
        await page.waitForURL(`**/produkter/${world.poster.id}`);
        expect(await page.locator('.preview img').getAttribute('alt')).toBe('Affisch: Svartsjuka är inte romantiskt');
        expect(await page.locator('dl.facts').textContent()).toContain('50 ex.');

        await page.getByRole('link', { name: 'Beställ', exact: true }).click();
        await page.waitForURL(`**/kampanjer/${world.slug}/bestall`);
        expect(await page.locator(`#f-quantity-${world.poster.id}-hint`).textContent()).toContain('Kvar av er kvot: 80 av 80 ex.');
        await page.locator(`#f-quantity-${world.poster.id}`).fill('12');
        await page.locator('#f-contact-phone').fill('021-39 00 00');
        await tabTo(page, 'form.order-form button[type=submit]');
        const outline = await focusOutline(page);
        expect(outline.style).toBe('solid');
        await submitByEnter(page);
        expect(page.url()).toMatch(/\/mina-bestallningar\/[0-9a-f-]{36}\?skickad=1$/);
        expect(await page.locator('p.notice').textContent()).toContain('Tack! Beställningen är skickad.');
        expect(await page.locator('dl.facts .status').textContent()).toBe('Inskickad');

        await page.getByRole('link', { name: 'Mina beställningar' }).first().click();
        await page.waitForURL('**/mina-bestallningar');
        const row = page.locator('tbody tr').first();
        expect(await row.textContent()).toContain('12 × Affisch A3 – Svartsjuka är inte romantiskt');
        expect(await row.locator('.status').textContent()).toBe('Inskickad');
      } finally {
        await context.close();
      }
    });

    it('shows a wrong password next to the field and in the error summary, which takes the focus', async () => {
      const { context, page } = await openPage();
      try {
        await signIn(page, world.member.user.email, 'not my password at all');
        expect(new URL(page.url()).pathname).toBe('/logga-in');
        expect(await page.locator('#f-password-error').textContent()).toContain('Fel e-postadress eller lösenord.');
        expect(await page.locator('#f-password').getAttribute('aria-invalid')).toBe('true');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
        await page.locator('#error-summary a').click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-password');
        await checkPage(page, 'sign-in-errors');
      } finally {
        await context.close();
      }
    });

    it('refuses too many copies in the order form with the error next to the field', async () => {
      const { context, page } = await openPage();
      try {
        await signIn(page, world.member.user.email, PASSWORD);
        await page.goto(`${server.url}/kampanjer/${world.slug}/bestall`);
        await page.locator(`#f-quantity-${world.poster.id}`).fill('60');
        await page.locator('#f-contact-phone').fill('021-39 00 00');
        await tabTo(page, 'form.order-form button[type=submit]');
        await submitByEnter(page);
        expect(await page.locator(`#f-quantity-${world.poster.id}-error`).textContent()).toBe(
          'Du kan beställa högst 50 ex. per beställning.',
        );
        expect(await page.locator(`#f-quantity-${world.poster.id}`).inputValue()).toBe('60');
        expect(await page.locator('#error-summary').textContent()).toContain('Du kan beställa högst 50 ex. per beställning.');
        expect(await page.title()).toBe('Fel: Beställ: Svartsjuka är inte romantiskt – Kampanjnavet');
        await checkPage(page, 'order-form-errors');
      } finally {
        await context.close();
      }
    });

    it('tells a member whom another county’s material is for instead of offering the order form, without axe violations', async () => {
      const { context, page } = await openPage();
      try {
        await signIn(page, world.member.user.email, PASSWORD);
        const notice = 'Det tryckta materialet är till för organisationer i Uppsala län';
        for (const [path, name, status] of [
          ['/katalog', 'catalogue-elsewhere', 200],
          [`/kampanjer/${uppsala.slug}`, 'campaign-elsewhere', 200],
          [`/produkter/${uppsala.productId}`, 'product-elsewhere', 200],
          [`/kampanjer/${uppsala.slug}/bestall`, 'order-form-elsewhere', 403],
        ] as const) {
          const response = await page.goto(`${server.url}${path}`);
          expect(response?.status(), path).toBe(status);
          expect(await page.locator('main').textContent(), path).toContain(notice);
          expect(await page.locator(`main a[href="/kampanjer/${uppsala.slug}/bestall"]`).count(), path).toBe(0);
          await checkPage(page, name);
        }
      } finally {
        await context.close();
      }
    });

    it('has no axe violations on any page type, on a desktop and on a phone', async () => {
      const { context, page } = await openPage();
      try {
        const visit = async (path: string, name: string) => {
          const response = await page.goto(`${server.url}${path}`);
          expect(response?.status(), path).toBe(200);
          await checkPage(page, name);
        };
        await visit('/', 'home');
        await visit('/logga-in', 'sign-in');
        await visit('/katalog', 'catalogue');
        await visit(`/kampanjer/${world.slug}`, 'campaign');
        await visit(`/produkter/${world.poster.id}`, 'product');
        await signIn(page, world.member.user.email, PASSWORD);
        await visit(`/kampanjer/${world.slug}`, 'campaign-signed-in');
        await visit(`/kampanjer/${world.slug}/bestall`, 'order-form');
        await page.locator('#f-delivery-address').check();
        await checkPage(page, 'order-form-one-off-address');
        // An order of its own, so this test does not lean on the others.
        const placed = await postOrder(world.world, world.member.token, orderBody(world.world.campaignId, [[world.flyer.id, 20]]));
        expect(placed.status).toBe(201);
        await visit('/mina-bestallningar', 'my-orders');
        await visit(`/mina-bestallningar/${(await placed.json()).id}`, 'order-detail');
        await visit('/katalog?lang=en', 'catalogue-en');
      } finally {
        await context.close();
      }
    });
  },
);
