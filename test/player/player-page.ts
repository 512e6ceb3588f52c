import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Hub } from './hub-fixtures.js';

/** Where screenshots of the player are kept (git-ignored). */
export const ARTIFACTS = 'test-artifacts/player';
export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/** A fresh browser profile opening /player/, its clock faked from the hub's time (it still runs on its own). */
export async function openPlayer(
  browser: Browser,
  hub: Hub,
  viewport = LANDSCAPE,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.clock.install({ time: hub.clock.now() });
  await page.goto(`${hub.url}/player/`);
  return { context, page };
}

/** The pairing code on screen, without its spacing. */
export async function shownCode(page: Page): Promise<string> {
  const code = page.locator('#pairing-code');
  await code.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
  return ((await code.textContent()) ?? '').replace(/\s/g, '');
}

/** A coordinator claims the code for a new screen (Västerås, landscape, Swedish unless told otherwise). */
export async function claimScreen(
  hub: Hub,
  code: string,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const response = await hub.t.request(`/api/v1/pairing/${code}/claim`, {
    method: 'POST',
    token: hub.county.token,
    json: {
      name: 'ICA Kvantum, entrén',
      municipalityCode: '1980',
      orientation: 'landscape',
      width: 1920,
      height: 1080,
      languages: ['sv'],
      ...settings,
    },
  });
  if (response.status !== 201) throw new Error(`claim answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Pairs the player on `page`: a coordinator claims the code it shows, and its next poll (every 3 s) is let through at once. */
export async function pairPlayer(
  hub: Hub,
  page: Page,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const screenId = await claimScreen(hub, await shownCode(page), settings);
  await advance(hub, page, 3000);
  return screenId;
}

/** The image or video on the front layer (what a viewer sees), with its alt text or label, or null. */
export async function frontMedia(
  page: Page,
): Promise<{ kind: 'image' | 'video'; src: string; alt: string } | null> {
  return page.evaluate(() => {
    const media = document.querySelector<HTMLImageElement | HTMLVideoElement>(
      '#stage .layer.front img, #stage .layer.front video',
    );
    if (!media) return null;
    const image = media instanceof HTMLImageElement;
    return {
      kind: image ? 'image' : 'video',
      src: media.getAttribute('src') ?? '',
      alt: image ? media.alt : (media.getAttribute('aria-label') ?? ''),
    };
  });
}

/** The video on the front layer and its playing state, or null. */
export async function frontVideo(page: Page) {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('#stage .layer.front video');
    if (!video) return null;
    return {
      src: video.getAttribute('src') ?? '',
      muted: video.muted,
      playsInline: video.playsInline,
      loop: video.loop,
      paused: video.paused,
      currentTime: video.currentTime,
    };
  });
}

/**
 * A real WebM (VP8, 640x360, about 1.5 s of changing colours) recorded from a canvas by Chromium
 * itself, since the test machine has no video encoder of its own.
 */
export async function recordWebm(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    const base64 = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 360;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      let frame = 0;
      const draw = setInterval(() => {
        context.fillStyle = `hsl(${(frame * 7) % 360} 60% 35%)`;
        context.fillRect(0, 0, 640, 360);
        context.fillStyle = '#fff';
        context.font = 'bold 56px sans-serif';
        context.fillText(`Film ${frame++}`, 40, 200);
      }, 40);
      const stopped = new Promise((resolve) => {
        recorder.onstop = resolve;
      });
      recorder.start();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      recorder.stop();
      await stopped;
      clearInterval(draw);
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    });
    return Buffer.from(base64, 'base64');
  } finally {
    await page.close();
  }
}

/** Waits (in real time) until the front layer shows a media file, and answers it. */
export async function waitForMedia(
  page: Page,
  accept: (src: string) => boolean = () => true,
  timeout = 15_000,
): Promise<{ kind: 'image' | 'video'; src: string; alt: string }> {
  await expect
    .poll(
      async () => {
        const media = await frontMedia(page);
        return media !== null && accept(media.src);
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
  return (await frontMedia(page)) as { kind: 'image' | 'video'; src: string; alt: string };
}

/** Moves the hub's clock and the page's clock forward together (timers due meanwhile fire once). */
export async function advance(hub: Hub, page: Page, ms: number): Promise<void> {
  hub.clock.advance(ms);
  await page.clock.fastForward(ms);
}

/** Lets one item's duration pass and answers the next item the screen shows. */
export async function nextShown(
  hub: Hub,
  page: Page,
  stepMs = 10_000,
): Promise<{ kind: 'image' | 'video'; src: string; alt: string }> {
  const before = (await frontMedia(page))?.src;
  await advance(hub, page, stepMs);
  return waitForMedia(page, (src) => src !== before);
}

/** Waits until the crossfade is over (CSS transitions run on real time). */
export async function waitForFadeIn(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const front = document.querySelector('#stage .layer.front');
          return front ? getComputedStyle(front).opacity : '';
        }),
      { timeout: 5000, interval: 50 },
    )
    .toBe('1');
}

/** Reads one store of the player's IndexedDB (what it would find after a power cut). */
async function readStore<T>(page: Page, name: 'plays' | 'settings', key?: string): Promise<T> {
  return page.evaluate(
    ([storeName, settingKey]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('campaign-player');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction(storeName).objectStore(storeName);
          const request = settingKey === undefined ? store.getAll() : store.get(settingKey);
          request.onsuccess = () => {
            resolve(request.result as T);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [name, key] as const,
  );
}

/** The version of the last good manifest the player keeps. */
export async function keptManifestVersion(page: Page): Promise<string | undefined> {
  return ((await readStore<{ version: string } | undefined>(page, 'settings', 'manifest')) ?? undefined)
    ?.version;
}

/** The plays the player still holds in IndexedDB (not acknowledged by the hub). */
export async function queuedPlays(
  page: Page,
): Promise<Array<{ eventId: string; slideId: string; startedAt: string }>> {
  const rows = await readStore<Array<{ event: { eventId: string; slideId: string; startedAt: string } }>>(
    page,
    'plays',
  );
  return rows.map((row) => row.event);
}
