import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plays } from '../../src/plays/schema.js';
import { screens } from '../../src/screens/schema.js';
import {
  axeViolations,
  CHROMIUM_MISSING_MESSAGE,
  chromiumAvailable,
  launchBrowser,
  serveOnLoopback,
} from '../support/browser.js';
import { createSlide, type Hub, type LoopItem, startHub, uploadAsset, uploadImage } from './hub-fixtures.js';
import {
  ARTIFACTS,
  advance,
  frontMedia,
  frontVideo,
  keptManifestVersion,
  LANDSCAPE,
  nextShown,
  openPlayer,
  pairPlayer,
  PORTRAIT,
  queuedPlays,
  recordWebm,
  shownCode,
  waitForFadeIn,
  waitForMedia,
} from './player-page.js';

/*
 * The real player in headless Chromium against the real app on a loopback port. Time is driven
 * with Playwright's page.clock (and the hub's clock moved in step), never waited for.
 */

const STOCKHOLM = 'Europe/Stockholm';
/** Longer than any screen's poll interval (60 s ± 20 %). */
const ONE_POLL_MS = 75_000;

let hub: Hub;
let browser: Browser;

/** The loop item whose turn it is at `t` in a loop that started at `loopStart`. */
function itemAt(loop: LoopItem[], loopStart: number, t: number): LoopItem {
  const loopMs = loop.reduce((sum, item) => sum + item.durationSeconds * 1000, 0);
  let offset = (t - loopStart) % loopMs;
  for (const item of loop) {
    offset -= item.durationSeconds * 1000;
    if (offset < 0) return item;
  }
  throw new Error('empty loop');
}

describe.skipIf(!chromiumAvailable)(
  `the player in Chromium${chromiumAvailable ? '' : ` (skipped: ${CHROMIUM_MISSING_MESSAGE})`}`,
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      [hub, browser] = await Promise.all([startHub(serveOnLoopback), launchBrowser()]);
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await hub?.close();
    });

    it('shows a large pairing code with instructions in Swedish and English, without axe violations', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        expect(await shownCode(page)).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
        const text = (await page.locator('#pairing').textContent()) ?? '';
        const address = `${new URL(hub.url).host}/samordnare/skarmar/koppla`;
        expect(text).toContain(`Gå till ${address} och ange koden.`);
        expect(text).toContain(`Go to ${address} and enter the code.`);
        const box = await page.locator('#pairing-code').boundingBox();
        expect(box?.height).toBeGreaterThan(LANDSCAPE.height * 0.15);
        expect(await axeViolations(page)).toEqual([]);
        await page.screenshot({ path: `${ARTIFACTS}/pairing-landscape.png` });
        await page.setViewportSize(PORTRAIT);
        expect((await page.locator('#pairing-code').boundingBox())?.width).toBeLessThan(PORTRAIT.width);
        await page.screenshot({ path: `${ARTIFACTS}/pairing-portrait.png` });
      } finally {
        await context.close();
      }
    });

    it('pairs when a coordinator claims the code, then plays the national and county slides in loop order', async () => {
      const loopStart = hub.startNextHour();
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page);
        const loop = await hub.loopOf(screenId);
        expect(new Set(loop.map((item) => item.tier))).toEqual(new Set(['national', 'county']));
        const first = await waitForMedia(page);
        expect(await page.locator('#pairing').isHidden()).toBe(true);
        // The slide due at the instant it appeared (a second's leeway for the detour through the test).
        const now = hub.clock.now().getTime();
        const due = [itemAt(loop, loopStart, now), itemAt(loop, loopStart, now - 1000)];
        const expected = due.find((item) => item.url === first.src);
        expect(expected, `${first.src} is not one of ${due.map((item) => item.url)}`).toBeDefined();
        expect(first.alt).toBe(expected?.altText);
        await waitForFadeIn(page);
        await page.screenshot({ path: `${ARTIFACTS}/playback-landscape.png` });
        let index = loop.indexOf(expected as LoopItem);
        for (let step = 0; step < 2 * loop.length; step++) {
          index = (index + 1) % loop.length;
          const shown = await nextShown(hub, page);
          expect([shown.src, shown.alt]).toEqual([loop[index]?.url, loop[index]?.altText]);
        }
        // Weeks of playback must not pile up elements: two layers, at most one media element each.
        expect(await page.locator('#stage .layer').count()).toBe(2);
        expect(await page.locator('#stage img, #stage video').count()).toBeLessThanOrEqual(2);
        // A heartbeat a minute tells the hub what the player holds.
        await advance(hub, page, 60_000);
        const playerVersion = await page.locator('meta[name="player-version"]').getAttribute('content');
        const kept = await keptManifestVersion(page);
        await expect
          .poll(
            async () =>
              (await hub.t.database.db.select().from(screens).where(eq(screens.id, screenId)))[0]
                ?.lastHeartbeat,
            { timeout: 10_000 },
          )
          .toMatchObject({
            playerVersion,
            manifestVersion: kept,
            cachedItems: loop.length,
            currentItem: expect.any(String),
          });
      } finally {
        await context.close();
      }
    });

    it('plays the portrait artwork in the screen’s language on a portrait screen', async () => {
      const { context, page } = await openPlayer(browser, hub, PORTRAIT);
      try {
        const screenId = await pairPlayer(hub, page, {
          orientation: 'portrait',
          width: 1080,
          height: 1920,
          languages: ['en'],
        });
        const national = (await hub.loopOf(screenId)).find((item) => item.tier === 'national') as LoopItem;
        expect([national.language, national.height > national.width]).toEqual(['en', true]);
        let shown = await waitForMedia(page);
        for (let step = 0; shown.src !== national.url && step < 3; step++) shown = await nextShown(hub, page);
        expect(shown).toEqual({
          kind: 'image',
          src: national.url,
          alt: 'You are not alone. Call the national helpline 020-50 50 50.',
        });
        await waitForFadeIn(page);
        await page.screenshot({ path: `${ARTIFACTS}/playback-portrait.png` });
      } finally {
        await context.close();
      }
    });

    it('picks up a schedule change made through the API within one poll', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page, { municipalityCode: '1983' });
        await waitForMedia(page);
        const versionBefore = await keptManifestVersion(page);
        expect(versionBefore).toBeDefined();
        const asset = await uploadImage(hub.t, hub.county.token, hub.county.slug, {
          width: 1920,
          height: 1080,
          colour: '#a34700',
          altText: 'Föreläsning om våld i nära relationer i Köping på onsdag.',
          lines: ['Köping, onsdag 18.00', 'Föreläsning om våld i nära relationer'],
        });
        await createSlide(hub.t, hub.county.token, hub.county.slug, {
          assetIds: [asset.id],
          targeting: { municipalities: ['1983'] },
        });
        const loop = await hub.loopOf(screenId);
        const added = loop.find((item) => item.altText.startsWith('Föreläsning')) as LoopItem;
        expect(added).toBeDefined();
        // One poll interval passes; the player takes the new manifest (and its media) with that poll.
        await advance(hub, page, ONE_POLL_MS);
        await expect.poll(() => keptManifestVersion(page), { timeout: 10_000 }).not.toBe(versionBefore);
        const seen: string[] = [];
        for (let step = 0; step < loop.length && !seen.includes(added.url); step++)
          seen.push((await nextShown(hub, page)).src);
        expect(seen).toContain(added.url);
      } finally {
        await context.close();
      }
    });

    it('plays a video slide muted, inline and looping, and the next slide after it', async () => {
      const film = await uploadAsset(hub.t, hub.county.token, hub.county.slug, {
        bytes: await recordWebm(browser),
        name: 'stod-en-van.webm',
        altText: 'Film: så kan du stötta en vän som utsätts för våld.',
      });
      await createSlide(hub.t, hub.county.token, hub.county.slug, {
        assetIds: [film.id],
        durationSeconds: 10,
        fit: 'cover',
        targeting: { municipalities: ['1981'] },
      });
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page, { municipalityCode: '1981' });
        const loop = await hub.loopOf(screenId);
        const video = loop.find((item) => item.kind === 'video') as LoopItem;
        expect(video).toBeDefined();
        let shown = await waitForMedia(page);
        for (let step = 0; step < loop.length && shown.kind !== 'video'; step++)
          shown = await nextShown(hub, page);
        expect(shown).toEqual({
          kind: 'video',
          src: video.url,
          alt: 'Film: så kan du stötta en vän som utsätts för våld.',
        });
        expect(await frontVideo(page)).toMatchObject({ muted: true, playsInline: true, loop: true });
        // The 1.4 s film plays, looping through its 10 s showing.
        await expect
          .poll(
            async () => {
              const state = await frontVideo(page);
              return Boolean(state && !state.paused && state.currentTime > 0.2);
            },
            { timeout: 10_000 },
          )
          .toBe(true);
        const after = await nextShown(hub, page);
        expect(after.kind).toBe('image');
        expect(loop.map((item) => item.url)).toContain(after.src);
      } finally {
        await context.close();
      }
    });

    it('shows a calm blank while the shop is closed', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        // Open one minute a week, at night: closed now.
        const screenId = await pairPlayer(hub, page, {
          openingHours: { '7': [{ from: '03:00', to: '03:01' }] },
        });
        expect(await hub.loopOf(screenId)).toEqual([]);
        await expect.poll(() => keptManifestVersion(page), { timeout: 10_000 }).toBeDefined();
        await advance(hub, page, 10_000);
        expect(await frontMedia(page)).toBeNull();
        expect(await page.locator('#pairing').isHidden()).toBe(true);
        expect(await page.locator('#loading').isHidden()).toBe(true);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
          'rgb(0, 0, 0)',
        );
      } finally {
        await context.close();
      }
    });

    it('keeps the last good manifest when the hub answers with a malformed one or an error', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page);
        const loop = await hub.loopOf(screenId);
        await waitForMedia(page);
        const version = await keptManifestVersion(page);
        let answers = 0;
        await context.route('**/api/v1/screens/me/manifest', (route) => {
          answers += 1;
          return answers === 1
            ? route.fulfill({
                status: 200,
                contentType: 'application/json',
                body: '{"version":"x","segments":[]}',
              })
            : route.fulfill({ status: 503, body: '' });
        });
        await advance(hub, page, ONE_POLL_MS);
        await expect.poll(() => answers).toBe(1);
        // The first back-off after a failure is at most 5 s; a second at a time until it is over.
        await expect
          .poll(
            async () => {
              if (answers < 2) await advance(hub, page, 1000);
              return answers;
            },
            { timeout: 15_000, interval: 100 },
          )
          .toBe(2);
        expect(await keptManifestVersion(page)).toBe(version);
        for (let step = 0; step < loop.length; step++) {
          expect(loop.map((item) => item.url)).toContain((await nextShown(hub, page)).src);
        }
      } finally {
        await context.close();
      }
    });

    it('plays on with the hub down, also after a reload, and delivers the queued plays once each when it is back', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page);
        const urls = (await hub.loopOf(screenId)).map((item) => item.url);
        await waitForMedia(page);
        await nextShown(hub, page);
        await hub.stopServer();
        for (let step = 0; step < 3; step++) expect(urls).toContain((await nextShown(hub, page)).src);
        const reloaded = await page.reload();
        expect(reloaded?.fromServiceWorker()).toBe(true);
        expect(urls).toContain((await waitForMedia(page)).src);
        // A screen set up with the address without its slash starts offline as well.
        const opened = await page.goto(`${hub.url}/player`);
        expect(opened?.fromServiceWorker()).toBe(true);
        expect(urls).toContain((await waitForMedia(page)).src);
        for (let step = 0; step < 3; step++) expect(urls).toContain((await nextShown(hub, page)).src);
        const queued = await queuedPlays(page);
        expect(queued.length).toBeGreaterThanOrEqual(4);

        await hub.startServer();
        // Past the longest back-off: the next upload takes the queued plays (new ones keep coming).
        await advance(hub, page, 11 * 60_000);
        const queuedIds = new Set(queued.map((play) => play.eventId));
        await expect
          .poll(async () => (await queuedPlays(page)).filter((play) => queuedIds.has(play.eventId)).length, {
            timeout: 15_000,
            interval: 100,
          })
          .toBe(0);
        const stored = await hub.t.database.db.select().from(plays).where(eq(plays.screenId, screenId));
        const ids = stored.map((play) => play.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const play of queued) expect(ids.filter((id) => id === play.eventId)).toHaveLength(1);
        // One showing, one play: no showing was recorded twice under different ids.
        const showings = stored.map((play) => `${play.slideId} ${play.startedAt.toISOString()}`);
        expect(new Set(showings).size).toBe(showings.length);
      } finally {
        await hub.startServer();
        await context.close();
      }
    });

    it('switches to the next item at a slide’s window edge while offline', async () => {
      // Two Arboga-only slides: one until the edge, one from it (local time, a few minutes ahead).
      const edge = DateTime.fromMillis(hub.clock.now().getTime(), { zone: STOCKHOLM })
        .plus({ minutes: 3 })
        .startOf('minute');
      const hhmm = edge.toFormat('HH:mm');
      const art = (lines: string[], altText: string, colour: string) =>
        uploadImage(hub.t, hub.county.token, hub.county.slug, {
          width: 1920,
          height: 1080,
          colour,
          altText,
          lines,
        });
      const [before, after] = await Promise.all([
        art(['Arboga', `Till och med ${hhmm}`], 'Arboga, före kanten', '#2b4c7e'),
        art(['Arboga', `Från ${hhmm}`], 'Arboga, efter kanten', '#7e2b4c'),
      ]);
      const targeting = { municipalities: ['1984'] };
      await createSlide(hub.t, hub.county.token, hub.county.slug, {
        assetIds: [before.id],
        targeting,
        window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: '00:00', to: hhmm }] },
      });
      await createSlide(hub.t, hub.county.token, hub.county.slug, {
        assetIds: [after.id],
        targeting,
        window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: hhmm, to: '24:00' }] },
      });

      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page, { municipalityCode: '1984' });
        const edgeMs = edge.toMillis();
        const loopBefore = await hub.loopOf(screenId);
        const loopAfter = await hub.loopOf(screenId, edgeMs + 1000);
        const beforeUrl = loopBefore.find((item) => item.altText === 'Arboga, före kanten')?.url;
        const afterUrl = loopAfter.find((item) => item.altText === 'Arboga, efter kanten')?.url;
        expect(beforeUrl && afterUrl).toBeTruthy();
        expect(loopBefore.map((item) => item.url)).not.toContain(afterUrl);
        await waitForMedia(page);

        await hub.stopServer();
        await advance(hub, page, edgeMs - hub.clock.now().getTime() + 500);
        // A new segment starts at the edge, and its loop with it.
        const seen = [(await waitForMedia(page, (src) => src === loopAfter[0]?.url)).src];
        for (let step = 1; step < loopAfter.length; step++) seen.push((await nextShown(hub, page)).src);
        expect(seen).toEqual(loopAfter.map((item) => item.url));
        expect(seen).toContain(afterUrl);
        expect(seen).not.toContain(beforeUrl);
      } finally {
        await hub.startServer();
        await context.close();
      }
    });

    it('goes back to pairing when its token is revoked', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        const screenId = await pairPlayer(hub, page);
        await waitForMedia(page);
        const revoked = await hub.t.request(`/api/v1/screens/${screenId}/revoke`, {
          method: 'POST',
          token: hub.county.token,
        });
        expect(revoked.status).toBe(200);
        await advance(hub, page, ONE_POLL_MS);
        expect(await shownCode(page)).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
        expect(await frontMedia(page)).toBeNull();
        expect(await queuedPlays(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('caps the play queue, dropping the oldest and counting them', async () => {
      const { context, page } = await openPlayer(browser, hub, LANDSCAPE);
      try {
        // A string, so the test runner's module transform leaves the browser's own import() alone.
        const result = await page.evaluate(`(async () => {
        const { openStore } = await import('/player/js/store.js');
        const store = await openStore(5);
        for (let i = 0; i < 8; i++) await store.addPlay({ eventId: 'e' + i, startedAt: new Date(0).toISOString() });
        const kept = await store.oldestPlays(100);
        return { kept: kept.map((row) => row.event.eventId), dropped: await store.get('droppedPlays') };
      })()`);
        expect(result).toEqual({ kept: ['e3', 'e4', 'e5', 'e6', 'e7'], dropped: 3 });
      } finally {
        await context.close();
      }
    });
  },
);
