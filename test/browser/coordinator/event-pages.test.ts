import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../src/accounts/actor.js';
import { WEEK_48 } from '../../events/event-fixtures.js';
import { publishedCampaign } from '../../screens/screen-fixtures.js';
import { CHROMIUM_MISSING_MESSAGE, chromiumAvailable } from '../../support/browser.js';
import { createTestContext, type TestContext, unique } from '../../support/test-app.js';
import { checkPage, focusOutline, tabTo } from '../public/page-helpers.js';
import { type BrowserSession, openBrowserSession } from './browser-session.js';

/*
 * A county coordinator enters an event of the week-48 programme with the keyboard alone, in
 * headless Chromium against the real app on a loopback port, sees it on the public events page
 * and cancels it. The clock stands on Monday 23 November 2026, 11:00 in Stockholm. Every page is
 * checked with axe (WCAG 2.1 AA) at desktop and phone width and kept as a screenshot in
 * test-artifacts/pages/coordinator-event*.png.
 */

const PASSWORD = 'correct horse battery staple';
const TITLE = 'Män, maskulinitet och våld';

let t: TestContext;
let coordinator: { user: SignedInUser; token: string };
let session: BrowserSession;
let page: Page;
let campaignSlug: string;
let eventId: string;

/** Tabs to a field and types into it. */
async function typeInto(selector: string, text: string): Promise<void> {
  await tabTo(page, selector, 120);
  await page.keyboard.type(text);
}

/**
 * Tabs to a date field and types the date. Headless Chromium orders a date field's parts by its
 * own interface language (month, day, year here), whatever the page's language, so the value is
 * checked after typing.
 */
async function typeDate(selector: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  await typeInto(selector, `${month}${day}${year}`);
  expect(await page.locator(selector).inputValue()).toBe(date);
}

describe.skipIf(!chromiumAvailable)(
  `coordinator event pages in Chromium${chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_MISSING_MESSAGE})`}`,
  { timeout: 120_000 },
  () => {
    beforeAll(async () => {
      t = await createTestContext();
      const agency = await t.organisation({ kind: 'national_agency', name: 'Jämställdhetsmyndigheten' });
      const board = await t.organisation({
        kind: 'county_board',
        countyCode: '19',
        name: 'Länsstyrelsen Västmanland',
      });
      const national = await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id });
      coordinator = await t.user({
        role: 'coordinator',
        scope: 'county',
        scopeCountyCode: '19',
        organisationId: board.id,
        password: PASSWORD,
        name: 'Sara Samordnare',
      });
      campaignSlug = unique('vecka-48').toLowerCase();
      await publishedCampaign(t, national.token, {
        slug: campaignSlug,
        tier: 'national',
        airing: WEEK_48,
        languages: ['sv', 'en'],
        title: { sv: 'En vecka fri från våld', en: 'A week free from violence' },
      });
      session = await openBrowserSession(t);
      page = session.page;
    }, 120_000);
    afterAll(async () => {
      await session?.close();
      await t?.close();
    });

    it('signs in and reaches the campaign’s events from the events overview', async () => {
      await session.go('/logga-in?next=%2Fsamordnare%2Fevenemang');
      await typeInto('#f-email', coordinator.user.email);
      await typeInto('#f-password', PASSWORD);
      await session.submitByEnter();
      expect(new URL(page.url()).pathname).toBe('/samordnare/evenemang');
      expect(await page.locator('h1').textContent()).toBe('Evenemang');
      await checkPage(page, 'coordinator-events');
      await tabTo(page, `main a[href="/samordnare/kampanjer/${campaignSlug}/evenemang"]`);
      expect((await focusOutline(page)).style).toBe('solid');
      await session.submitByEnter();
      expect(new URL(page.url()).pathname).toBe(`/samordnare/kampanjer/${campaignSlug}/evenemang`);
      expect(await page.locator('#lan-19 ~ p, #lan-19 + p').first().textContent()).toBe('Inga evenemang än.');
      await checkPage(page, 'coordinator-event-list-empty');
    });

    it('shows the form’s errors at the fields and in a summary first, then creates the event by keyboard', async () => {
      await tabTo(page, 'main a[href$="/evenemang/nytt"]');
      await session.submitByEnter();
      expect(await page.title()).toMatch(/^Nytt evenemang/);
      await checkPage(page, 'coordinator-event-form');
      await tabTo(page, '#f-form button[type=submit]', 160);
      await session.submitByEnter();
      expect(await page.title()).toMatch(/^Fel: Nytt evenemang/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
      expect(await page.locator('#f-title-sv-error').textContent()).toContain('Skriv en svensk text.');
      expect(await page.locator('#f-startTime-error').textContent()).toContain(
        'Ange när det börjar, eller kryssa i hela dagen.',
      );
      await checkPage(page, 'coordinator-event-form-errors');
      // The summary's first link leads to the Swedish title.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#f-title-sv');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-title-sv');
      await page.keyboard.type(TITLE);
      await typeInto('#f-title-en', 'Men, masculinity and violence');
      await typeInto(
        '#f-description-sv',
        'Föreläsning av Thomas Wetterberg från Örebro läns Mansmottagning.',
      );
      await typeInto('#f-audience-sv', 'Allmänheten');
      await typeDate('#f-startDate', '2026-11-24');
      await typeInto('#f-startTime', '1800');
      await typeInto('#f-endTime', '1930');
      await tabTo(page, '#f-place-kind');
      expect(await page.locator('#f-place-kind').isChecked()).toBe(true);
      await typeInto('#f-place-name', 'Biblioteket, Musikrummet');
      // The town comes from the municipality, chosen with the arrow keys as a keyboard user does.
      await tabTo(page, '#f-place-municipalityCode', 120);
      expect((await focusOutline(page)).style).toBe('solid');
      for (
        let presses = 0;
        presses < 15 && (await page.locator('#f-place-municipalityCode').inputValue()) !== '1984';
        presses += 1
      ) {
        await page.keyboard.press('ArrowDown');
      }
      expect(await page.locator('#f-place-municipalityCode').inputValue()).toBe('1984');
      await tabTo(page, '#f-registration-required');
      await page.keyboard.press('Space');
      await typeDate('#f-registration-deadline', '2026-11-23');
      await typeInto('#f-registration-email', 'anmalan@arboga.example');
      await session.submitByEnter();
      expect(new URL(page.url()).pathname).toBe(`/samordnare/kampanjer/${campaignSlug}/evenemang`);
      expect(await page.locator('.notice').textContent()).toBe('Evenemanget är tillagt.');
      const row = page.locator('#lan-19 ~ section table tbody tr').first();
      expect(await row.textContent()).toContain(TITLE);
      expect(await row.textContent()).toContain('24 november 2026, 18:00–19:30');
      eventId = ((await row.locator('a').first().getAttribute('href')) ?? '').split('/').pop() ?? '';
      expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
      await checkPage(page, 'coordinator-event-list');
    });

    it('shows the event on the public events page', async () => {
      await tabTo(page, 'header a[href="/evenemang"]');
      await session.submitByEnter();
      const card = page.locator('li.card', { hasText: TITLE });
      expect(await card.textContent()).toContain('Biblioteket, Musikrummet, Arboga');
      expect(await t.request(`/api/v1/events/${eventId}`).then((response) => response.json())).toMatchObject({
        place: { address: null, municipalityCode: '1984', municipalityName: 'Arboga' },
      });
      expect(await card.textContent()).toContain('Anmäl dig senast måndag 23 november 2026');
    });

    it('cancels the event from the list by keyboard, and the public page says so', async () => {
      await session.go(`/samordnare/kampanjer/${campaignSlug}/evenemang`);
      await tabTo(page, `form[action="/samordnare/evenemang/${eventId}/installt"] button`);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Ställ in');
      await session.submitByEnter();
      expect(await page.locator('.notice').textContent()).toContain('Evenemanget är inställt.');
      expect(await page.locator('#lan-19 ~ section table tbody tr').first().textContent()).toContain(
        'Inställt',
      );
      await checkPage(page, 'coordinator-event-list-cancelled');
      await session.go('/evenemang?lan=19');
      const card = page.locator('li.card', { hasText: TITLE });
      expect(await card.locator('.warning').textContent()).toBe('Evenemanget är inställt.');
    });

    it('shows the edit form, the delete confirmation and a refused stale form without axe violations', async () => {
      await session.go(`/samordnare/evenemang/${eventId}`);
      expect(await page.locator('#f-title-sv').inputValue()).toBe(TITLE);
      expect(await page.locator('#f-cancelled').isChecked()).toBe(true);
      expect(await page.locator('#f-place-municipalityCode').inputValue()).toBe('1984');
      await checkPage(page, 'coordinator-event-edit');
      await session.go(`/samordnare/evenemang/${eventId}/ta-bort`);
      await checkPage(page, 'coordinator-event-delete');
      // A tab left open across a new sign-in carries an old token: the answer is a page, not JSON.
      await page.locator('main form input[name=_csrf]').evaluate((input: HTMLInputElement) => {
        input.value = 'an old token';
      });
      await tabTo(page, 'main form button[type=submit]');
      await session.submitByEnter();
      expect(await page.locator('h1').textContent()).toBe('Formuläret kunde inte skickas');
      await checkPage(page, 'coordinator-csrf-refused');
      const back = await page.locator('main a').last().getAttribute('href');
      expect(back).toBe(`/samordnare/evenemang/${eventId}/ta-bort`);
      expect((await t.request(`/api/v1/events/${eventId}`)).status).toBe(200);
    });
  },
);
