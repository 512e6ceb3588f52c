import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, blobs } from '../../src/assets/schema.js';
import {
  HOSTILE_NAMES,
  type HostileFile,
  hostileFiles,
  safeFiles,
} from '../fixtures/hostile/hostile-files.js';
import { hostilePdfs, lookalikePdfs } from '../fixtures/hostile/hostile-pdfs.js';
import { listFiles, uploadForm } from '../support/files.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

/*
 * The upload endpoint against a corpus of hostile files (see test/fixtures/hostile): every one is
 * refused with a 4xx problem, and nothing of it stays behind (no row, no stored or temporary
 * file). Hostile names on harmless content never reach the file system.
 */
let t: TestContext;
let token: string;
let campaignSlug: string;
let corpus: HostileFile[];

beforeAll(async () => {
  t = await createTestContext({ env: { UPLOAD_MAX_MB: '4', IMAGE_MAX_MEGAPIXELS: '40' } });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  token = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })
  ).token;
  campaignSlug = unique('hostile').toLowerCase();
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token,
    json: {
      slug: campaignSlug,
      title: { sv: 'Vecka 48' },
      summary: { sv: 'S' },
      description: { sv: 'B' },
      tier: 'county',
      countyCode: '19',
      languages: ['sv'],
      airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
    },
  });
  expect(created.status).toBe(201);
  corpus = await hostileFiles();
}, 60_000);
afterAll(() => t.close());

async function stored() {
  const files = await listFiles(t.dataDir);
  const [a] = await t.database.db.select({ n: count() }).from(assets);
  const [b] = await t.database.db.select({ n: count() }).from(blobs);
  return { files: files.length, assets: a?.n ?? 0, blobs: b?.n ?? 0 };
}

function upload(bytes: Buffer, name: string): Promise<Response> {
  return t.request(`/api/v1/campaigns/${campaignSlug}/assets`, {
    method: 'POST',
    token,
    body: uploadForm(bytes, name, { language: 'sv', altText: 'Bild' }),
  });
}

describe('hostile uploads', () => {
  it('refuses every file of the corpus with a problem and keeps nothing of it', async () => {
    const before = await stored();
    const accepted: string[] = [];
    for (const file of corpus) {
      const response = await upload(file.bytes, file.name);
      const body = (await response.json()) as { code?: string };
      if (
        response.status < 400 ||
        response.status >= 500 ||
        !response.headers.get('content-type')?.includes('problem+json')
      ) {
        accepted.push(`${file.what}: ${response.status} ${body.code ?? ''}`);
      }
    }
    expect(accepted).toEqual([]);
    expect(await stored()).toEqual(before);
  }, 120_000);

  it('stores harmless content under a hostile name by its hash only, writing nothing outside its folders', async () => {
    const { png } = await safeFiles();
    const outside = path.dirname(t.dataDir);
    const named = async (dir: string) =>
      (await listFiles(dir)).filter((file) =>
        /passwd\.png|evil\.png|escape\.png|gnp\.exe|htaccess|CON\.png|a{200}/.test(file),
      );
    const namedBefore = await named(outside);
    for (const name of HOSTILE_NAMES) {
      const response = await upload(png, name);
      expect(response.status, name).toBeLessThan(500);
      if (response.status === 201)
        expect(((await response.json()) as { url: string }).url).toMatch(/^\/media\/[0-9a-f]{64}\.png$/);
    }
    // Nothing carries the names: not in the service's folders, not anywhere in the temp folder around them.
    expect(await named(t.dataDir)).toEqual([]);
    expect(await named(outside)).toEqual(namedBefore);
  });

  it('refuses PDFs with scripts, actions or attachments as unsupported, saying what was found', async () => {
    for (const pdf of await hostilePdfs()) {
      const response = await upload(pdf.bytes, pdf.name);
      const body = (await response.json()) as { code?: string; detail?: string };
      expect([response.status, body.code], pdf.what).toEqual(
        pdf.mentions === 'no object starts' ? [422, 'corrupt'] : [415, 'unsupported_type'],
      );
      expect(body.detail, pdf.what).toContain(pdf.mentions);
    }
  });

  it('accepts PDFs whose text or page content merely mentions JavaScript', async () => {
    for (const pdf of lookalikePdfs()) {
      expect((await upload(pdf.bytes, 'harmless.pdf')).status, pdf.what).toBe(201);
    }
  });

  it('still accepts a safe SVG, so refusing the hostile ones is not refusing SVG', async () => {
    const { svg } = await safeFiles();
    expect((await upload(svg, 'safe.svg')).status).toBe(201);
  });
});
