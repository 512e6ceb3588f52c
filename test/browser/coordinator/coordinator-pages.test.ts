import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../src/accounts/actor.js';
import { makePdf, orderBody } from '../../orders/order-fixtures.js';
import { pairingEnv, requestCode } from '../../screens/screen-fixtures.js';
import { CHROMIUM_MISSING_MESSAGE, chromiumAvailable } from '../../support/browser.js';
import { makePng, uploadForm } from '../../support/files.js';
import { createTestContext, type TestContext, unique } from '../../support/test-app.js';
import { checkPage, focusOutline, tabTo } from '../public/page-helpers.js';
import { type BrowserSession, openBrowserSession } from './browser-session.js';

/*
 * A county coordinator's day in headless Chromium against the real app on a loopback port. The
 * test clock stands on Monday 23 November 2026 (ISO week 48), 11:00 in Stockholm. Every page
 * type is checked with axe (WCAG 2.1 AA) at desktop and phone width and kept as a screenshot in
 * test-artifacts/pages/coordinator-*.png.
 */

const PASSWORD = 'correct horse battery staple';
const ALT_TEXT = 'Vecka 48 i Västerås: föreläsning om våld i nära relationer på stadsbiblioteket.';

let t: TestContext;
let coordinator: { user: SignedInUser; token: string };
let session: BrowserSession;
let page: Page;
let campaignSlug: string;

/** An organisation in Västerås orders the poster of an orderable county campaign, through the API. */
async function orderFromOrganisation(): Promise<string> {
  const slug = unique('affischer');
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token: coordinator.token,
    json: {
      slug,
      title: { sv: 'Affischer mot våld' },
      summary: { sv: 'Trycksaker' },
      description: { sv: 'Beställ affischer.' },
      tier: 'county',
      countyCode: '19',
      languages: ['sv'],
      airing: { spans: [{ kind: 'always' }] },
      ordering: { spans: [{ kind: 'always' }] },
    },
  });
  const campaignId = (await created.json()).id;
  expect(
    (await t.request(`/api/v1/campaigns/${campaignId}/publish`, { method: 'POST', token: coordinator.token }))
      .status,
  ).toBe(200);
  const upload = async (bytes: Uint8Array | Buffer, name: string, fields: Record<string, string>) =>
    (
      await (
        await t.request(`/api/v1/campaigns/${campaignId}/assets`, {
          method: 'POST',
          token: coordinator.token,
          body: uploadForm(bytes, name, { language: 'sv', ...fields }),
        })
      ).json()
    ).id;
  const pdf = await upload(await makePdf('Affisch A3'), 'affisch.pdf', { title: 'Affisch A3' });
  const preview = await upload(await makePng(420, 594), 'affisch.png', {
    altText: 'Affisch: Våld är aldrig okej.',
  });
  const product = await t.request(`/api/v1/campaigns/${campaignId}/products`, {
    method: 'POST',
    token: coordinator.token,
    json: {
      code: unique('a3').toLowerCase(),
      kind: 'poster_a3',
      language: 'sv',
      title: { sv: 'Affisch A3 – Våld är aldrig okej' },
      printAssetId: pdf,
      previewAssetId: preview,
      maxPerOrder: 50,
      quotaPerOrganisation: null,
      stock: 500,
    },
  });
  expect(product.status).toBe(201);
  const organisation = await t.organisation({
    kind: 'school',
    name: 'Rudbeckianska gymnasiet',
    municipalityCode: '1980',
    defaultAddress: {
      recipient: 'Rudbeckianska gymnasiet',
      street: 'Skolgatan 1',
      postalCode: '722 15',
      city: 'Västerås',
    },
  });
  const member = await t.user({ role: 'member', organisationId: organisation.id });
  const order = await t.request('/api/v1/orders', {
    method: 'POST',
    token: member.token,
    json: orderBody(campaignId, [[(await product.json()).id, 30]]),
  });
  expect(order.status, await order.clone().text()).toBe(201);
  return (await order.json()).id;
}

describe.skipIf(!chromiumAvailable)(
  `coordinator pages in Chromium${chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_MISSING_MESSAGE})`}`,
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      t = await createTestContext({ env: pairingEnv });
      const board = await t.organisation({
        kind: 'county_board',
        countyCode: '19',
        name: 'Länsstyrelsen Västmanland',
      });
      coordinator = await t.user({
        role: 'coordinator',
        scope: 'county',
        scopeCountyCode: '19',
        organisationId: board.id,
        password: PASSWORD,
        name: 'Sara Samordnare',
      });
      session = await openBrowserSession(t);
      page = session.page;
    }, 120_000);
    afterAll(async () => {
      await session?.close();
      await t?.close();
    });

    it('sends a coordinator to sign in and back to the dashboard', async () => {
      await session.go('/samordnare');
      expect(new URL(page.url()).pathname).toBe('/logga-in');
      await page.locator('#f-email').fill(coordinator.user.email);
      await page.locator('#f-password').fill(PASSWORD);
      await tabTo(page, 'main form button[type=submit]');
      await session.submitByEnter();
      expect(new URL(page.url()).pathname).toBe('/samordnare');
      expect(await page.locator('h1').textContent()).toBe('Samordning');
      expect(await page.locator('main').textContent()).toContain('Ditt område: Västmanlands län.');
      await checkPage(page, 'coordinator-dashboard');
    });

    it('creates a campaign, showing the form’s errors at the fields and in a summary first', async () => {
      await session.go('/samordnare/kampanjer');
      await checkPage(page, 'coordinator-campaigns');
      await page.getByRole('link', { name: 'Ny kampanj' }).click();
      await page.waitForURL('**/samordnare/kampanjer/ny');
      await checkPage(page, 'coordinator-campaign-form');
      await session.submit('#f-form button[type=submit]');
      expect(await page.title()).toMatch(/^Fel: Ny kampanj/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
      expect(await page.locator('#f-title-sv-error').textContent()).toContain('Skriv en svensk text.');
      await checkPage(page, 'coordinator-campaign-form-errors');
      await page.locator('#error-summary a[href="#f-title-sv"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-title-sv');
      await page.keyboard.type('En vecka fri från våld – Västerås');
      campaignSlug = unique('vecka-48').toLowerCase();
      await page.locator('#f-slug').fill(campaignSlug);
      await page.locator('#f-summary-sv').fill('Föreläsningar och en ljusmanifestation i vecka 48.');
      await page.locator('#f-description-sv').fill('Programmet för En vecka fri från våld i Västerås.');
      await page.locator('#f-tier').selectOption('county');
      await page.locator('#f-countyCode').selectOption('19');
      await page.locator('#f-languages-en').check();
      await page.locator('#f-airing-kind-isoWeek').check();
      await page.locator('#f-airing-week').fill('48');
      await session.submit('#f-form button[type=submit]');
      expect(new URL(page.url()).pathname).toBe(`/samordnare/kampanjer/${campaignSlug}`);
      expect(await page.locator('.notice').textContent()).toBe('Kampanjen är skapad som utkast.');
      expect(await page.locator('dl.facts').textContent()).toContain('vecka 48 varje år');
      await checkPage(page, 'coordinator-campaign');
    });

    it('uploads artwork with alt text and a focal point picked on the preview', async () => {
      await page.getByRole('link', { name: 'Ladda upp bild' }).click();
      await page.waitForURL('**/bilder/ny');
      await checkPage(page, 'coordinator-upload');
      await page.locator('#f-altText').fill(ALT_TEXT);
      await page.locator('#f-file').setInputFiles({
        name: 'vecka-48.png',
        mimeType: 'image/png',
        buffer: await makePng(1600, 900, '#0b6e5f'),
      });
      const preview = page.locator('[data-focal-preview] img');
      await preview.waitFor();
      await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1600);
      await preview.scrollIntoViewIfNeeded();
      const box = await preview.boundingBox();
      if (!box) throw new Error('no preview');
      await preview.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
      expect(await page.locator('#f-focalX').inputValue()).toBe('0.25');
      expect(await page.locator('#f-focalY').inputValue()).toBe('0.5');
      await page.locator('#f-rightsExpiry').fill('2027-12-31');
      await session.submit('#f-form button[type=submit]');
      expect(new URL(page.url()).pathname).toMatch(/^\/samordnare\/bilder\/[0-9a-f-]+$/);
      expect(await page.locator('.notice').textContent()).toBe('Bilden är uppladdad.');
      expect(await page.locator('#f-focalX').inputValue()).toBe('0.25');
      expect(await page.locator('.focal-marker').isVisible()).toBe(true);
      await checkPage(page, 'coordinator-asset');
    });

    it('schedules the artwork as a slide', async () => {
      await session.go(`/samordnare/kampanjer/${campaignSlug}`);
      await page.getByRole('link', { name: 'Nytt bildspel' }).click();
      await page.waitForURL('**/bildspel/ny');
      await checkPage(page, 'coordinator-slide-form');
      await page.locator('#f-name').fill('Föreläsning på stadsbiblioteket');
      await page.locator('#f-assetIds').check();
      await page.locator('#f-durationSeconds').fill('4');
      await session.submit('#f-form button[type=submit]');
      expect(new URL(page.url()).pathname).toBe(`/samordnare/kampanjer/${campaignSlug}`);
      expect(await page.locator('#bildspel ~ form table').textContent()).toContain(
        'Föreläsning på stadsbiblioteket',
      );
    });

    it('is refused by the publish gate with each problem listed, then fixed and published', async () => {
      await tabTo(page, 'form[action$="/status"]:has(input[value="published"]) button');
      expect((await focusOutline(page)).style).toBe('solid');
      await session.submitByEnter();
      expect(await page.title()).toMatch(/^Fel: /);
      const problems = page.locator('.error-summary.gate li');
      expect(await problems.allTextContents()).toEqual([
        expect.stringContaining('Bildspelet "Föreläsning på stadsbiblioteket" har ingen bild på engelska.'),
        expect.stringContaining(
          'Bildspelet "Föreläsning på stadsbiblioteket" visas i 4 sekunder men behöver minst 5',
        ),
      ]);
      await checkPage(page, 'coordinator-campaign-gate');

      await page
        .getByRole('link', { name: 'Ändra visningstiden för "Föreläsning på stadsbiblioteket"' })
        .click();
      await page.waitForURL('**/samordnare/bildspel/**');
      expect(await page.evaluate(() => location.hash)).toBe('#f-durationSeconds');
      await page.locator('#f-durationSeconds').fill('9');
      await session.submit('#f-form button[type=submit]');
      expect(await page.locator('.notice').textContent()).toBe('Bildspelet är sparat.');

      await page
        .locator('#f-exemption-en')
        .fill('Föreläsningarna hålls på svenska; engelska bilder kommer inte.');
      await session.submit('form[action$="/sprakundantag"] button[type=submit]');
      expect(await page.locator('.notice').textContent()).toBe('Skälen för saknade språk är sparade.');
      expect(await page.locator('main').textContent()).toContain('Allt är klart för publicering.');
      await session.submit('form[action$="/status"]:has(input[value="published"]) button');
      expect(await page.locator('.notice').textContent()).toBe('Kampanjen är publicerad.');
      expect(await page.locator('dl.facts').textContent()).toContain('Publicerad');
    });

    it('pairs a screen through the screens page and shows the campaign in what it plays', async () => {
      const { code } = await requestCode(t);
      await session.go('/samordnare/skarmar');
      await page.getByRole('link', { name: 'Koppla en skärm' }).click();
      await page.waitForURL('**/skarmar/koppla');
      await checkPage(page, 'coordinator-pair-screen');
      await page.locator('#f-code').fill(code);
      await page.locator('#f-name').fill('ICA Maxi Erikslund, entrén');
      await page.locator('#f-municipalityCode').selectOption('1980');
      await session.submit('#f-form button[type=submit]');
      expect(new URL(page.url()).pathname).toBe('/samordnare/skarmar');
      expect(await page.locator('table').textContent()).toContain('ICA Maxi Erikslund, entrén');
      await checkPage(page, 'coordinator-screens');

      await page.getByRole('link', { name: 'Vad visas nu? ICA Maxi Erikslund, entrén' }).click();
      await page.waitForURL('**/forhandsvisning?skarm=*');
      await page.locator('#f-tid').fill('2026-11-23T12:00');
      await session.submit('form.filters button[type=submit]');
      const item = page.locator('.playlist > li').first();
      expect(await item.locator('img').getAttribute('alt')).toBe(ALT_TEXT);
      expect(await item.textContent()).toContain('Språk: svenska');
      expect(await item.textContent()).toContain('Nivå: län');
      expect(await page.locator('#resultat').textContent()).toContain('ICA Maxi Erikslund, entrén');
      await checkPage(page, 'coordinator-preview');
    });

    it('shows the week’s timeline for the county', async () => {
      await session.go('/samordnare/tidslinje');
      expect(await page.locator('svg.chart title').first().textContent()).toBe(
        'Vad som visas på skärmarna i Västmanlands län',
      );
      expect(await page.locator('table caption').first().textContent()).toBe('måndag 23 november');
      expect(await page.locator('table').first().textContent()).toContain('Föreläsning på stadsbiblioteket');
      await checkPage(page, 'coordinator-timeline');
    });

    it('approves an organisation’s order by keyboard and puts it in a print batch made with the button', async () => {
      const orderId = await orderFromOrganisation();
      await session.go('/samordnare/bestallningar');
      expect(await page.locator(`#order-${orderId}`).textContent()).toContain('Rudbeckianska gymnasiet');
      await checkPage(page, 'coordinator-orders');
      await tabTo(page, `form[action="/samordnare/bestallningar/${orderId}/godkann"] button`);
      await session.submitByEnter();
      expect(await page.locator('.notice').textContent()).toBe('Beställningen är godkänd.');
      await session.submit('form[action="/samordnare/tryckomgangar"] button');
      expect(await page.locator('.notice').textContent()).toBe('Tryckomgången är skapad.');
      const batches = page.locator('table', { has: page.locator('caption', { hasText: 'Tryckomgångar' }) });
      expect(await batches.locator('tbody tr td').first().textContent()).toBe('1');
      const csvHref = await batches.locator('a[href$="/orders.csv"]').getAttribute('href');
      const csv = await page.evaluate(async (href) => (await fetch(href ?? '')).text(), csvHref);
      expect(csv).toContain('Rudbeckianska gymnasiet');
      const pdfHref = await batches.locator('a[href$="/order-sheet.pdf"]').getAttribute('href');
      const pdfType = await page.evaluate(
        async (href) => (await fetch(href ?? '')).headers.get('content-type'),
        pdfHref,
      );
      expect(pdfType).toBe('application/pdf');
      await checkPage(page, 'coordinator-orders-batched');
    });

    it('shows reach as charts with tables and a CSV link, and reads in English too', async () => {
      await session.go('/samordnare/rackvidd');
      expect(await page.locator('svg.chart title').allTextContents()).toEqual([
        'Visningar per dag',
        'Skärmar i drift per län',
      ]);
      expect(await page.locator('a[href^="/api/v1/reach?"]').getAttribute('href')).toContain('format=csv');
      await checkPage(page, 'coordinator-reach');
      await session.go('/samordnare/rackvidd?lang=en');
      expect(await page.locator('h1').textContent()).toBe('Reach');
      expect(await page.locator('svg.chart title').first().textContent()).toBe('Plays per day');
      await checkPage(page, 'coordinator-reach-en');
      await session.go('/samordnare/kampanjer?lang=sv');
    });

    it('shows the edit pages of a campaign without axe violations', async () => {
      await session.go(`/samordnare/kampanjer/${campaignSlug}/redigera`);
      expect(await page.locator('#f-title-sv').inputValue()).toBe('En vecka fri från våld – Västerås');
      await checkPage(page, 'coordinator-campaign-edit');
    });
  },
);
