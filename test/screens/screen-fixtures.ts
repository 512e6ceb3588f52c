import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { assets, blobs, renditions } from '../../src/assets/schema.js';
import { type TestContext, unique } from '../support/test-app.js';

/** Settings for a screen in Västerås (1980, county 19) unless overridden. */
export function screenSettings(overrides: Record<string, unknown> = {}) {
  return {
    name: unique('ICA Maxi'),
    chain: 'ica',
    municipalityCode: '1980',
    orientation: 'landscape',
    width: 1920,
    height: 1080,
    languages: ['sv'],
    ...overrides,
  };
}

/** Requests a pairing code as a player would (from its own address). */
export async function requestCode(t: TestContext, address = unique('10.0.0')): Promise<{ code: string; pollSecret: string; expiresAt: string }> {
  const response = await t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': address } });
  expect(response.status).toBe(201);
  return response.json();
}

/** Polls for the token as the player would. */
export function poll(t: TestContext, pollSecret: string): Promise<Response> {
  return t.request('/api/v1/pairing/poll', { method: 'POST', json: { pollSecret }, headers: { 'x-forwarded-for': unique('10.0.1') } });
}

/** Pairs a screen through the API alone: code, claim by the coordinator, poll for the token. */
export async function pairScreen(t: TestContext, coordinatorToken: string, settings: Record<string, unknown> = {}): Promise<{ screenId: string; token: string }> {
  const { code, pollSecret } = await requestCode(t);
  const claimed = await t.request(`/api/v1/pairing/${code}/claim`, { method: 'POST', token: coordinatorToken, json: screenSettings(settings) });
  expect(claimed.status, await claimed.clone().text()).toBe(201);
  const body = await (await poll(t, pollSecret)).json();
  expect(body.status).toBe('paired');
  return { screenId: body.screenId, token: body.screenToken };
}

/** The test environment: proxies trusted, so X-Forwarded-For tells the players apart. */
export const pairingEnv = { TRUST_PROXY: 'true' };

/** Creates and publishes a campaign through the API; answers its id. */
export async function publishedCampaign(t: TestContext, token: string, input: Record<string, unknown>): Promise<string> {
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token,
    json: {
      slug: unique('campaign'),
      title: { sv: 'Kampanj' },
      summary: { sv: 'Sammanfattning' },
      description: { sv: 'Beskrivning' },
      languages: ['sv'],
      ...input,
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = await created.json();
  expect((await t.request(`/api/v1/campaigns/${id}/publish`, { method: 'POST', token })).status).toBe(200);
  return id;
}

const fakeHash = (seed: string) => createHash('sha256').update(seed).digest('hex');

/**
 * An uploaded image (or video) of a campaign, written straight to the database: a master and a
 * screen rendition in webp of the same shape. Upload itself is tested by the assets feature.
 */
export async function insertAsset(
  t: TestContext,
  campaignId: string,
  options: { language?: string; kind?: 'image' | 'video' | 'pdf'; orientation?: 'landscape' | 'portrait' | 'any'; rightsExpiry?: string; altText?: string } = {},
): Promise<{ id: string; renditionHash: string }> {
  const db = t.database.db;
  const seed = randomBytes(16).toString('hex');
  const masterHash = fakeHash(`${seed}-master`);
  const renditionHash = fakeHash(`${seed}-screen`);
  const kind = options.kind ?? 'image';
  const format = kind === 'video' ? 'mp4' : kind === 'pdf' ? 'pdf' : 'png';
  const [width, height] = options.orientation === 'portrait' ? [2160, 3840] : [3840, 2160];
  await db.insert(blobs).values([
    { hash: masterHash, bytes: 500_000, mime: `image/${format}` },
    { hash: renditionHash, bytes: 120_000, mime: 'image/webp' },
  ]);
  const [asset] = await db
    .insert(assets)
    .values({
      campaignId,
      kind,
      format,
      masterHash,
      uploadHash: masterHash,
      bytes: 500_000,
      width,
      height,
      language: options.language ?? 'sv',
      altText: options.altText ?? `Bild på ${options.language ?? 'sv'}`,
      orientation: options.orientation ?? 'landscape',
      rightsExpiry: options.rightsExpiry ?? null,
    })
    .returning({ id: assets.id });
  if (!asset) throw new Error('asset not inserted');
  if (kind === 'image') {
    await db.insert(renditions).values({
      assetId: asset.id,
      name: 'screen-1920x1080',
      hash: renditionHash,
      format: 'webp',
      width: width / 2,
      height: height / 2,
      bytes: 120_000,
    });
  }
  return { id: asset.id, renditionHash };
}

/** A slide body with sensible defaults. */
export function slideBody(assetIds: string[], overrides: Record<string, unknown> = {}) {
  return { name: unique('slide'), assetIds, durationSeconds: 10, ...overrides };
}
