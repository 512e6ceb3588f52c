import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCampaign } from '../screens/screen-fixtures.js';
import { focusOutline, PHONE, tabTo } from '../browser/public/page-helpers.js';
import {
  axeViolations,
  CHROMIUM_MISSING_MESSAGE,
  chromiumAvailable,
  launchBrowser,
  serveOnLoopback,
} from '../support/browser.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createPeople, eventBody, type People, postEvent, weekCampaign } from './event-fixtures.js';

/*
 * The public events page (/evenemang): upcoming events by county and date, cancelled ones said in
 * words, registration deadlines and links, and the county's iCal feed. The clock stands on
 * Monday 23 November 2026, 11:00 in Stockholm.
 */

let t: TestContext;
let people: People;
let campaign: string;
let slug: string;

async function page(path: string): Promise<string> {
  const response = await t.request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  return response.text();
}

beforeAll(async () => {
  t = await createTestContext();
  people = await createPeople(t);
  campaign = await weekCampaign(t, people.vastmanland);
  slug = (await (await t.request(`/api/v1/campaigns/${campaign}`)).json()).slug;
  const national = await publishedCampaign(t, people.national, {
    tier: 'national',
    airing: { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] },
    title: { sv: 'Tillsammans mot våld', en: 'Together against violence' },
  });
  await postEvent(
    t,
    people.vastmanland,
    campaign,
    eventBody({
      title: { sv: 'Män, maskulinitet och våld', en: 'Men, masculinity and violence' },
      place: { kind: 'venue', name: 'Biblioteket, Musikrummet', address: 'Arboga', municipalityCode: '1984' },
    }),
  );
  await postEvent(
    t,
    people.vastmanland,
    campaign,
    eventBody({
      title: { sv: '”Yalda förlåtelsens natt” – filmvisning' },
      endTime: '20:30',
      place: { kind: 'venue', name: 'Bio Elektra', municipalityCode: '1980' },
      registration: null,
      cancelled: true,
    }),
  );
  await postEvent(
    t,
    people.vastmanland,
    campaign,
    eventBody({
      title: { sv: 'Webbinarium om ekonomiskt våld' },
      startDate: '2026-11-27',
      startTime: '09:00',
      endTime: '12:00',
      place: { kind: 'online', url: 'https://www.youtube.com/watch?v=vecka48' },
      registration: { deadline: '2026-11-25', url: 'https://www.lansstyrelsen.se/vastmanland' },
    }),
  );
  await postEvent(
    t,
    people.vastmanland,
    campaign,
    eventBody({ title: { sv: 'Redan förbi' }, startDate: '2026-11-20' }),
  );
  await postEvent(
    t,
    people.uppsala,
    national,
    eventBody({ countyCode: '03', title: { sv: 'Samtal i Uppsala' }, registration: null }),
  );
}, 120_000);
afterAll(() => t.close());

describe('the events page', () => {
  it('lists upcoming events by county and date, with cancelled ones said in words and registration details', async () => {
    const html = await page('/evenemang');
    expect(html).toContain('<h1>Evenemang</h1>');
    expect(html.indexOf('Uppsala län')).toBeLessThan(html.indexOf('Västmanlands län</h2>'));
    expect(html).toContain('tisdag 24 november 2026');
    expect(html).toContain('<strong>INSTÄLLT: </strong>');
    expect(html).toContain('Evenemanget är inställt.');
    expect(html).toContain('kl. 18.00–19.30');
    expect(html).toContain(
      'Anmäl dig senast onsdag 25 november 2026: <a href="https://www.lansstyrelsen.se/vastmanland">anmälan på lansstyrelsen.se</a>',
    );
    expect(html).toContain('Anmälan: <a href="mailto:anmalan@arboga.example">anmalan@arboga.example</a>');
    expect(html).toContain(`href="/kalender/${slug}/19.ics"`);
    expect(html).not.toContain('Redan förbi');
  });

  it('names the town of a venue and links where one watches an online event', async () => {
    const html = await page('/evenemang');
    expect(html).toContain('<dd>Bio Elektra, Västerås</dd>');
    expect(html).toContain('<dd>Biblioteket, Musikrummet, Arboga</dd>');
    expect(html).toContain(
      'Webbsänd: <a href="https://www.youtube.com/watch?v=vecka48">titta på youtube.com</a>',
    );
    expect(await page('/evenemang?lang=en')).toContain(
      'Online (webcast): <a href="https://www.youtube.com/watch?v=vecka48">watch at youtube.com</a>',
    );
  });

  it("filters a county's events by municipality, keeping online events, and offers the towns with venues", async () => {
    const arboga = await page('/evenemang?lan=19&kommun=1984');
    expect(arboga).toContain('Visar evenemang i Arboga och evenemang online.');
    expect(arboga).toContain('Män, maskulinitet och våld');
    expect(arboga).toContain('Webbinarium om ekonomiskt våld');
    expect(arboga).not.toContain('Yalda');
    expect(arboga).toContain('<option value="1984" selected="">Arboga</option>');
    const towns = [...arboga.matchAll(/<option value="(\d{4})"/g)].map((match) => match[1]);
    expect(towns).toEqual(['1984', '1980']);
    // A municipality alone picks its county; one outside the county asked for is ignored.
    const vasteras = await page('/evenemang?kommun=1980');
    expect(vasteras).toContain('<option value="19" selected="">');
    expect(vasteras).toContain('Yalda');
    expect(vasteras).not.toContain('Män, maskulinitet och våld');
    const mismatch = await page('/evenemang?lan=03&kommun=1980');
    expect(mismatch).toContain('Samtal i Uppsala');
    expect(mismatch).not.toContain('Visar evenemang i');
    // No municipality choice before a county is chosen.
    expect(await page('/evenemang')).not.toContain('id="f-kommun"');
    expect(await page('/evenemang?lan=19&kommun=1983')).toContain(
      'Visar evenemang i Köping och evenemang online.',
    );
  });

  it('shows one county with ?lan=19, and English with ?lang=en', async () => {
    const county = await page('/evenemang?lan=19');
    expect(county).toContain('Västmanlands län</h2>');
    expect(county).not.toContain('Samtal i Uppsala');
    expect(county).toContain('<option value="19" selected="">');
    const english = await page('/evenemang?lan=19&lang=en');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Västmanland County</h2>');
    expect(english).toContain('<strong>CANCELLED: </strong>');
    expect(english).toContain('Men, masculinity and violence');
    // A title without English is shown in Swedish, marked so for screen readers.
    expect(english).toContain('<span lang="sv">Webbinarium om ekonomiskt våld</span>');
    expect(await page('/evenemang?lan=01')).toContain('Inga kommande evenemang i Stockholms län.');
  });
});

describe.skipIf(!chromiumAvailable)(
  `the events page in Chromium${chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_MISSING_MESSAGE})`}`,
  { timeout: 60_000 },
  () => {
    let browser: Browser;
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      [server, browser] = await Promise.all([
        serveOnLoopback((request) => t.app.fetch(request)),
        launchBrowser(),
      ]);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(path: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
      const tab = await context.newPage();
      const response = await tab.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(200);
      return tab;
    }

    it('passes axe (WCAG 2.1 AA) in Swedish and English, on a desktop and a phone', async () => {
      for (const path of ['/evenemang', '/evenemang?lan=19&lang=en', '/evenemang?lan=19&kommun=1984']) {
        const tab = await open(path);
        expect(await axeViolations(tab), path).toEqual([]);
        await tab.setViewportSize(PHONE);
        expect(await axeViolations(tab), `${path} (phone)`).toEqual([]);
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
        await tab.context().close();
      }
    });

    it('filters by county by keyboard alone, with visible focus, and reaches the calendar link', async () => {
      const tab = await open('/evenemang');
      await tabTo(tab, 'a.skip');
      expect(await tab.locator('a.skip').isVisible()).toBe(true);
      await tabTo(tab, '#f-lan');
      expect((await focusOutline(tab)).style).toBe('solid');
      // Arrow keys move through a closed select's options, as a keyboard user chooses one.
      for (
        let presses = 0;
        presses < 25 && (await tab.locator('#f-lan').inputValue()) !== '19';
        presses += 1
      ) {
        await tab.keyboard.press('ArrowDown');
      }
      expect(await tab.locator('#f-lan').inputValue()).toBe('19');
      await tabTo(tab, 'form.filter button[type=submit]');
      const navigated = tab.waitForURL('**/evenemang?lan=19');
      await tab.keyboard.press('Enter');
      await navigated;
      expect(await tab.locator('h2').allTextContents()).toEqual(['Västmanlands län']);
      await tabTo(tab, `a[href="/kalender/${slug}/19.ics"]`);
      expect((await focusOutline(tab)).style).toBe('solid');
      expect(await tab.locator('h4').allTextContents()).toContain(
        'INSTÄLLT: ”Yalda förlåtelsens natt” – filmvisning',
      );
      await mkdir('test-artifacts/pages', { recursive: true });
      await tab.screenshot({ path: 'test-artifacts/pages/events.png', fullPage: true });
      await tab.context().close();
    });
  },
);
