import path from 'node:path';
import { count } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, blobs } from '../../src/assets/schema.js';
import { listFiles, makePng, uploadForm } from '../support/files.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

let t: TestContext;
let coordinator: string;
let otherCounty: string;
let member: string;
let campaignSlug: string;

async function stored(): Promise<{ files: number; assets: number; blobs: number }> {
  const files = (await listFiles(path.join(t.dataDir, 'media'))).filter((file) => !file.includes(`${path.sep}tmp${path.sep}`));
  const [a] = await t.database.db.select({ n: count() }).from(assets);
  const [b] = await t.database.db.select({ n: count() }).from(blobs);
  return { files: files.length + (await listFiles(path.join(t.dataDir, 'tmp'))).length, assets: a?.n ?? 0, blobs: b?.n ?? 0 };
}

function upload(form: FormData, token = coordinator, slug = campaignSlug) {
  return t.request(`/api/v1/campaigns/${slug}/assets`, { method: 'POST', body: form, token });
}

beforeAll(async () => {
  t = await createTestContext({ env: { UPLOAD_MAX_MB: '1', IMAGE_MAX_MEGAPIXELS: '4' } });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  coordinator = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  otherCounty = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  member = (await t.user({ role: 'member', organisationId: board.id })).token;
  campaignSlug = unique('v48');
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token: coordinator,
    json: {
      slug: campaignSlug,
      title: { sv: 'En vecka fri från våld' },
      summary: { sv: 'Vecka 48' },
      description: { sv: 'Aktiviteter i Västmanland under vecka 48.' },
      tier: 'county',
      countyCode: '19',
      languages: ['sv', 'en', 'ar'],
      airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
    },
  });
  expect(created.status).toBe(201);
  expect((await t.request(`/api/v1/campaigns/${campaignSlug}/publish`, { method: 'POST', token: coordinator })).status).toBe(200);
});
afterAll(() => t.close());

describe('uploading artwork', () => {
  it('stores an image with renditions at content-addressed URLs and serves them immutably', async () => {
    const response = await upload(uploadForm(await makePng(1600, 900), 'affisch.png', {
      language: 'sv',
      altText: 'Lila affisch med texten Du är inte ensam',
      purposes: 'screen,social',
      focalX: '0.5',
      focalY: '0.4',
    }));
    expect(response.status).toBe(201);
    const asset = await response.json();
    expect(asset.kind).toBe('image');
    expect(asset.orientation).toBe('landscape');
    expect(asset.focalPoint).toEqual({ x: 0.5, y: 0.4 });
    expect(asset.purposes).toEqual(['screen', 'social']);
    expect(asset.url).toMatch(/^\/media\/[0-9a-f]{64}\.(png|jpg)$/);
    const screen = asset.renditions.find((r: { name: string }) => r.name === 'screen-1920x1080');
    expect(screen).toBeDefined();
    // The artwork is 1600 wide: renditions fit inside the box and are never enlarged.
    expect(screen.width).toBeLessThanOrEqual(1600);
    const served = await t.request(screen.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('etag')).toBe(`"${screen.hash}"`);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBe(screen.bytes);
    const meta = await sharp(bytes).metadata();
    expect(meta.width).toBe(screen.width);
    const again = await t.request(screen.url, { headers: { 'if-none-match': `"${screen.hash}"` } });
    expect(again.status).toBe(304);
    const part = await t.request(asset.url, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
  });

  it('decides the type by content, not by the name or the claimed type', async () => {
    const png = await makePng(300, 600);
    const response = await upload(uploadForm(png, 'looks-like.pdf', { language: 'sv', altText: 'Stående bild' }));
    expect(response.status).toBe(201);
    expect((await response.json()).orientation).toBe('portrait');
  });

  it('strips metadata and applies EXIF orientation', async () => {
    const jpeg = await sharp(await makePng(400, 200)).jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret camera owner' } } }).toBuffer();
    const response = await upload(uploadForm(jpeg, 'photo.jpg', { language: 'sv', altText: 'Ett foto' }));
    expect(response.status).toBe(201);
    const asset = await response.json();
    expect([asset.width, asset.height]).toEqual([200, 400]);
    const master = Buffer.from(await (await t.request(asset.url)).arrayBuffer());
    const meta = await sharp(master).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
  });

  const refusals: Array<[string, () => Promise<FormData>, number, string]> = [
    ['an empty file', async () => uploadForm(Buffer.alloc(0), 'empty.png', { language: 'sv', altText: 'x' }), 400, 'empty'],
    ['a truncated PNG', async () => uploadForm((await makePng(400, 400)).subarray(0, 200), 'cut.png', { language: 'sv', altText: 'x' }), 422, 'truncated'],
    ['an HTML page', async () => uploadForm(Buffer.from('<!doctype html><script>alert(1)</script>'), 'page.png', { language: 'sv', altText: 'x' }), 415, 'unsupported_type'],
    ['a zip file', async () => uploadForm(Buffer.from('504b0304140000000800', 'hex'), 'pack.jpg', { language: 'sv', altText: 'x' }), 415, 'unsupported_type'],
    [
      'an SVG with a script',
      async () => uploadForm(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'a.svg', { language: 'sv', altText: 'x' }),
      422,
      'hostile_svg',
    ],
    [
      'an SVG with an external reference',
      async () =>
        uploadForm(
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'),
          'b.svg',
          { language: 'sv', altText: 'x' },
        ),
      422,
      'hostile_svg',
    ],
    ['a decompression bomb', async () => uploadForm(await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#fff' } }).png().toBuffer(), 'bomb.png', { language: 'sv', altText: 'x' }), 422, 'too_many_pixels'],
    ['a file over the size limit', async () => uploadForm(Buffer.alloc(1_200_000, 1), 'big.png', { language: 'sv', altText: 'x' }), 413, 'too_large'],
    ['an image without alt text', async () => uploadForm(await makePng(100, 100), 'noalt.png', { language: 'sv' }), 400, 'validation_failed'],
    ['a language the campaign lacks', async () => uploadForm(await makePng(100, 100), 'fi.png', { language: 'fi', altText: 'kuva' }), 400, 'validation_failed'],
    ['an unknown field', async () => uploadForm(await makePng(100, 100), 'x.png', { language: 'sv', altText: 'x', owner: 'me' }), 400, 'validation_failed'],
    ['a form without a file', async () => uploadForm(null, '', { language: 'sv', altText: 'x' }), 400, 'no_file'],
  ];

  for (const [what, makeForm, status, code] of refusals) {
    it(`refuses ${what} with ${status} ${code} and stores nothing`, async () => {
      const before = await stored();
      const response = await upload(await makeForm());
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect((await response.json()).code).toBe(code);
      expect(await stored()).toEqual(before);
    });
  }

  it('refuses a body that is not multipart', async () => {
    const response = await t.request(`/api/v1/campaigns/${campaignSlug}/assets`, { method: 'POST', token: coordinator, json: { file: 'x' } });
    expect(response.status).toBe(415);
  });

  it('keeps a path-traversal file name harmless', async () => {
    const response = await upload(uploadForm(await makePng(120, 120), '../../../../etc/evil-upload.png', { language: 'sv', altText: 'x' }));
    expect(response.status).toBe(201);
    const asset = await response.json();
    // Files are named by their hash alone; the client's name reaches no path anywhere.
    expect(asset.url).toMatch(/^\/media\/[0-9a-f]{64}\.(png|jpg)$/);
    const everywhere = [...(await listFiles(path.dirname(t.dataDir))), ...(await listFiles('/etc'))];
    expect(everywhere.filter((file) => file.includes('evil-upload'))).toEqual([]);
  });

  it('lets only coordinators in scope upload', async () => {
    const before = await stored();
    const form = async () => uploadForm(await makePng(100, 100), 'x.png', { language: 'sv', altText: 'x' });
    expect((await upload(await form(), otherCounty)).status).toBe(403);
    expect((await upload(await form(), member)).status).toBe(403);
    const anonymous = await t.request(`/api/v1/campaigns/${campaignSlug}/assets`, { method: 'POST', body: await form() });
    expect(anonymous.status).toBe(401);
    expect((await upload(await form(), coordinator, 'no-such-campaign')).status).toBe(404);
    expect(await stored()).toEqual(before);
  });
});

describe('rights expiry', () => {
  it('stops serving artwork whose rights ran out, and never caches past the expiry', async () => {
    t.clock.set('2026-12-31T12:00:00Z');
    const response = await upload(uploadForm(await makePng(200, 200, '#224488'), 'rights.png', { language: 'sv', altText: 'x', rightsExpiry: '2026-12-31' }));
    expect(response.status).toBe(201);
    const asset = await response.json();
    const before = await t.request(asset.url);
    expect(before.status).toBe(200);
    // 12:00Z is 13:00 in Stockholm; the rights end at midnight local, 11 hours later.
    expect(before.headers.get('cache-control')).toBe(`public, max-age=${11 * 3600}`);
    t.clock.set('2027-01-01T00:00:00Z');
    const after = await t.request(asset.url);
    expect(after.status).toBe(410);
    expect((await after.json()).code).toBe('rights_expired');
    const listed = await (await t.request(`/api/v1/campaigns/${campaignSlug}/assets`, { token: otherCounty })).json();
    expect(listed.items.map((a: { id: string }) => a.id)).not.toContain(asset.id);
  });

  it('serves nothing for an unknown hash or a wrong extension', async () => {
    expect((await t.request(`/media/${'a'.repeat(64)}.png`)).status).toBe(404);
    expect((await t.request('/media/../../etc/passwd')).status).toBe(404);
    expect((await t.request('/media/short.png')).status).toBe(400);
  });
});

describe('describing and withdrawing artwork', () => {
  it('changes alt text and focal point, refuses removing alt text, and withdraws', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const asset = await (await upload(uploadForm(await makePng(200, 100), 'edit.png', { language: 'en', altText: 'Old text' }))).json();
    const patched = await t.request(`/api/v1/assets/${asset.id}`, { method: 'PATCH', token: coordinator, json: { altText: 'A purple poster', focalPoint: { x: 0.2, y: 0.8 } } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).focalPoint).toEqual({ x: 0.2, y: 0.8 });
    expect((await t.request(`/api/v1/assets/${asset.id}`, { method: 'PATCH', token: coordinator, json: { altText: null } })).status).toBe(422);
    expect((await t.request(`/api/v1/assets/${asset.id}`, { method: 'PATCH', token: otherCounty, json: { altText: 'x' } })).status).toBe(403);
    expect((await t.request(`/api/v1/assets/${asset.id}`, { method: 'DELETE', token: member })).status).toBe(403);
    expect((await t.request(`/api/v1/assets/${asset.id}`, { method: 'DELETE', token: coordinator })).status).toBe(204);
    expect((await t.request(asset.url)).status).toBe(410);
  });
});
