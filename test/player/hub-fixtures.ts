import sharp from 'sharp';
import { uploadForm } from '../support/files.js';
import { createTestContext, type TestContext, TestClock, unique } from '../support/test-app.js';

/**
 * A server clock that runs in real time from where it was set, and can be moved forward in step
 * with the browser's fake clock, so the player's clock correction sees a server that behaves
 * like a real one.
 */
export class FlowingClock extends TestClock {
  private realStart = performance.now();

  override now(): Date {
    return new Date(super.now().getTime() + (performance.now() - this.realStart));
  }

  override set(at: Date | string): void {
    this.realStart = performance.now();
    super.set(at);
  }
}

/** A poster-like PNG: a coloured field with large lines of text, so screenshots show which slide is on. */
export async function makeArtwork(
  width: number,
  height: number,
  colour: string,
  lines: readonly string[],
): Promise<Buffer> {
  const longest = Math.max(...lines.map((line) => line.length));
  // Bold DejaVu Sans is about 0.65 em wide per character: keep every line inside the frame.
  const size = Math.round(Math.min(height / 9, (width * 0.85) / (longest * 0.65)));
  const top = height / 2 - ((lines.length - 1) * size * 1.3) / 2;
  const text = lines
    .map(
      (line, i) =>
        `<text x="50%" y="${top + i * size * 1.3}" font-size="${i === 0 ? size : size * 0.6}" text-anchor="middle" dominant-baseline="middle">${line}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${colour}"/>
    <rect x="4%" y="4%" width="92%" height="92%" fill="none" stroke="#fff" stroke-width="${size / 8}"/>
    <g fill="#fff" font-family="DejaVu Sans" font-weight="bold">${text}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export interface HubAsset {
  id: string;
  altText: string;
}

/** A coordinator uploads one PNG (a colour, a shape) to a campaign and gets its asset id. */
/** A coordinator uploads a file (image or video) for screens to a campaign and gets its asset id. */
export async function uploadAsset(
  t: TestContext,
  token: string,
  campaignSlug: string,
  file: { bytes: Buffer; name: string; altText: string; language?: string },
): Promise<HubAsset> {
  const form = uploadForm(file.bytes, file.name, {
    language: file.language ?? 'sv',
    altText: file.altText,
    purposes: 'screen',
  });
  const response = await t.request(`/api/v1/campaigns/${campaignSlug}/assets`, {
    method: 'POST',
    body: form,
    token,
  });
  if (response.status !== 201)
    throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const asset = (await response.json()) as { id: string };
  return { id: asset.id, altText: file.altText };
}

/** A coordinator uploads a poster-like PNG (a colour, lines of text) to a campaign. */
export async function uploadImage(
  t: TestContext,
  token: string,
  campaignSlug: string,
  image: {
    width: number;
    height: number;
    colour: string;
    altText: string;
    lines: readonly string[];
    language?: string;
  },
): Promise<HubAsset> {
  const bytes = await makeArtwork(image.width, image.height, image.colour, image.lines);
  return uploadAsset(t, token, campaignSlug, {
    bytes,
    name: `${unique('art')}.png`,
    altText: image.altText,
    language: image.language,
  });
}

/** Creates a campaign through the API and answers its slug. */
export async function createCampaign(
  t: TestContext,
  token: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const slug = unique('c');
  const response = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token,
    json: {
      slug,
      title: { sv: slug },
      summary: { sv: 'Hjälp finns' },
      description: { sv: 'Bildspel i butiker' },
      languages: ['sv', 'en'],
      airing: { spans: [{ kind: 'always' }] },
      ...fields,
    },
  });
  if (response.status !== 201)
    throw new Error(`campaign answered ${response.status}: ${await response.text()}`);
  return slug;
}

/** Publishes a campaign through the API. */
export async function publishCampaign(t: TestContext, token: string, slug: string): Promise<void> {
  const response = await t.request(`/api/v1/campaigns/${slug}/publish`, { method: 'POST', token });
  if (response.status !== 200)
    throw new Error(`publish answered ${response.status}: ${await response.text()}`);
}

/** Creates a slide through the API and answers its id. */
export async function createSlide(
  t: TestContext,
  token: string,
  slug: string,
  fields: Record<string, unknown>,
): Promise<string> {
  const response = await t.request(`/api/v1/campaigns/${slug}/slides`, {
    method: 'POST',
    token,
    json: { name: unique('slide'), durationSeconds: 10, ...fields },
  });
  if (response.status !== 201) throw new Error(`slide answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

const HOUR_MS = 3_600_000;

/** One item of a screen's loop as the coordinators' playlist preview gives it. */
export interface LoopItem {
  slideId: string;
  kind: 'image' | 'video';
  tier: string;
  language: string;
  durationSeconds: number;
  altText: string;
  url: string;
  width: number;
  height: number;
}

/**
 * The hub for browser tests: the real app on a loopback port (stoppable and restartable on the
 * same port), a national and a county coordinator, and a published national and county campaign.
 */
export interface Hub {
  t: TestContext;
  clock: FlowingClock;
  url: string;
  national: { token: string; slug: string };
  county: { token: string; slug: string };
  /** Stops answering (connections dropped, port refused). */
  stopServer(): Promise<void>;
  /** Answers again on the same port. */
  startServer(): Promise<void>;
  /** Moves the server clock to the next full hour: manifests start there, so loops start there. */
  startNextHour(): number;
  /** The loop a screen plays at an instant, from GET /api/v1/screens/{id}/playlist. */
  loopOf(screenId: string, at?: number): Promise<LoopItem[]>;
  close(): Promise<void>;
}

/** Starts the hub at `start` with the given server clock. */
export async function startHub(
  serve: (
    fetch: (request: Request) => Response | Promise<Response>,
    port?: number,
  ) => Promise<{ url: string; port: number; close(): Promise<void> }>,
  start = '2026-11-23T08:00:00Z',
): Promise<Hub> {
  const clock = new FlowingClock(new Date(start));
  const t = await createTestContext({ clock });
  let server: { url: string; port: number; close(): Promise<void> } | null = await serve(t.app.fetch);
  const { url, port } = server;
  const agency = await t.organisation({ kind: 'national_agency' });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  const national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id }))
    .token;
  const county = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })
  ).token;
  const nationalSlug = await createCampaign(t, national, {
    tier: 'national',
    title: { sv: 'Tillsammans mot våld' },
  });
  const countySlug = await createCampaign(t, county, {
    tier: 'county',
    countyCode: '19',
    title: { sv: 'Västmanland mot våld' },
    languages: ['sv'],
  });
  const purple = '#5b2a86';
  const nationalArt = await Promise.all([
    uploadImage(t, national, nationalSlug, {
      width: 1920,
      height: 1080,
      colour: purple,
      altText: 'Du är inte ensam. Ring Kvinnofridslinjen 020-50 50 50.',
      lines: ['Du är inte ensam', 'Kvinnofridslinjen 020-50 50 50'],
    }),
    uploadImage(t, national, nationalSlug, {
      width: 1080,
      height: 1920,
      colour: purple,
      altText: 'Du är inte ensam. Ring Kvinnofridslinjen 020-50 50 50.',
      lines: ['Du är inte ensam', 'Kvinnofridslinjen', '020-50 50 50'],
    }),
    uploadImage(t, national, nationalSlug, {
      width: 1080,
      height: 1920,
      colour: purple,
      altText: 'You are not alone. Call the national helpline 020-50 50 50.',
      lines: ['You are not alone', 'Kvinnofridslinjen', '020-50 50 50'],
      language: 'en',
    }),
  ]);
  const countyArt = await Promise.all([
    uploadImage(t, county, countySlug, {
      width: 1920,
      height: 1080,
      colour: '#0b6e5f',
      altText: 'Stöd i Västmanland: kvinnojouren har öppet dygnet runt.',
      lines: ['Stöd i Västmanland', 'Kvinnojouren, dygnet runt'],
    }),
    uploadImage(t, county, countySlug, {
      width: 1080,
      height: 1920,
      colour: '#0b6e5f',
      altText: 'Stöd i Västmanland: kvinnojouren har öppet dygnet runt.',
      lines: ['Stöd i', 'Västmanland', 'Kvinnojouren'],
    }),
  ]);
  await createSlide(t, national, nationalSlug, {
    assetIds: nationalArt.map((asset) => asset.id),
    fit: 'contain',
  });
  await createSlide(t, county, countySlug, { assetIds: countyArt.map((asset) => asset.id), fit: 'cover' });
  await publishCampaign(t, national, nationalSlug);
  await publishCampaign(t, county, countySlug);

  return {
    t,
    clock,
    url,
    national: { token: national, slug: nationalSlug },
    county: { token: county, slug: countySlug },
    async stopServer() {
      await server?.close();
      server = null;
    },
    async startServer() {
      if (!server) server = await serve(t.app.fetch, port);
    },
    startNextHour() {
      const hour = Math.ceil(clock.now().getTime() / HOUR_MS) * HOUR_MS;
      clock.set(new Date(hour));
      return hour;
    },
    async loopOf(screenId, at = clock.now().getTime()) {
      const response = await t.request(
        `/api/v1/screens/${screenId}/playlist?at=${new Date(at).toISOString()}`,
        { token: county },
      );
      if (response.status !== 200) throw new Error(`playlist answered ${response.status}`);
      const body = (await response.json()) as {
        items: Array<
          Omit<LoopItem, 'url' | 'width' | 'height'> & {
            media: { url: string; width: number; height: number };
          }
        >;
      };
      return body.items.map(({ media, ...rest }) => ({
        ...rest,
        url: media.url,
        width: media.width,
        height: media.height,
      }));
    },
    async close() {
      await server?.close();
      await t.close();
    },
  };
}
