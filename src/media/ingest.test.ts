import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GIF,
  HTML,
  makeClassicPdf,
  makeMp4,
  makePdfWithPdfLib,
  makeRaster,
  makeRotatedJpegWithGps,
  makeWebm,
  SAFE_SVG,
  ZIP,
} from '../../test/fixtures/media/make-media.js';
import { type IngestDeps, ingestUpload } from './ingest.js';
import { parseMultipartUpload } from './intake.js';
import { type BlobStore, FsBlobStore } from './storage.js';

let root: string;
let storeDir: string;
let uploadDir: string;
let workDir: string;
let store: FsBlobStore;
let counter = 0;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-test-'));
  storeDir = join(root, 'store');
  uploadDir = join(root, 'uploads');
  workDir = join(root, 'work');
  store = await FsBlobStore.open(storeDir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file below a folder (recursively); missing folders count as empty. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function upload(bytes: Uint8Array | string): Promise<string> {
  await mkdir(uploadDir, { recursive: true });
  const path = join(uploadDir, `upload-${counter++}.part`);
  await writeFile(path, bytes);
  return path;
}

async function readBlob(from: BlobStore, hash: string): Promise<Buffer> {
  const stream = await from.get(hash);
  if (!stream) throw new Error(`blob ${hash} is missing`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const deps = (overrides: Partial<IngestDeps> = {}): IngestDeps => ({
  store,
  limits: { tmpDir: workDir },
  ...overrides,
});

describe('ingestUpload accepts', () => {
  it('a photo: JPEG master with orientation applied, renditions stored by hash, upload removed', async () => {
    const path = await upload(await makeRotatedJpegWithGps(300, 200));
    const outcome = await ingestUpload(path, deps());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.master).toMatchObject({
      kind: 'image',
      format: 'jpeg',
      sourceFormat: 'jpeg',
      width: 200,
      height: 300,
    });
    expect(await store.stat(outcome.master.hash)).toEqual({ bytes: outcome.master.bytes });
    expect(outcome.renditions.map((r) => r.name)).toContain('thumb-320');
    for (const rendition of outcome.renditions) {
      expect(await store.stat(rendition.hash)).toEqual({ bytes: rendition.bytes });
      expect(rendition).not.toHaveProperty('buffer');
    }
    expect(await filesUnder(uploadDir)).toEqual([]);
    expect(await filesUnder(workDir)).toEqual([]);
  });

  it('PNG with transparency, WebP and AVIF as PNG masters', async () => {
    const cases = [
      await makeRaster('png', 120, 80, { alpha: true }),
      await makeRaster('webp', 120, 80),
      await makeRaster('avif', 120, 80),
    ];
    for (const bytes of cases) {
      const outcome = await ingestUpload(await upload(bytes), deps());
      expect(outcome).toMatchObject({
        ok: true,
        master: { kind: 'image', format: 'png', width: 120, height: 80 },
      });
    }
  });

  it('a safe SVG as a rasterised PNG master', async () => {
    const outcome = await ingestUpload(await upload(SAFE_SVG), deps());
    expect(outcome).toMatchObject({
      ok: true,
      master: { kind: 'image', format: 'png', sourceFormat: 'svg', width: 3840, height: 2160 },
    });
  });

  it('MP4, WebM and PDF stored byte for byte without renditions', async () => {
    const cases = [
      [makeMp4(), 'video', 'mp4', 'video/mp4'],
      [makeWebm(), 'video', 'webm', 'video/webm'],
      [await makePdfWithPdfLib(), 'pdf', 'pdf', 'application/pdf'],
    ] as const;
    for (const [bytes, kind, format, mime] of cases) {
      const outcome = await ingestUpload(await upload(bytes), deps());
      expect(outcome).toMatchObject({
        ok: true,
        master: { kind, format, mime, bytes: bytes.length },
        renditions: [],
      });
      if (!outcome.ok) continue;
      expect((await readBlob(store, outcome.master.hash)).equals(bytes)).toBe(true);
    }
  });

  it('a multipart upload under a hostile name, whose content decides the type', async () => {
    const form = new FormData();
    const png = new Uint8Array(await makeRaster('png', 90, 60));
    form.append('file', new Blob([png], { type: 'application/pdf' }), '../../etc/x.pdf');
    const request = new Request('http://localhost/upload', { method: 'POST', body: form });
    const parsed = await parseMultipartUpload(request, { maxBytes: 1_000_000, tmpDir: uploadDir });
    if (!parsed.ok) throw new Error(parsed.detail);
    const outcome = await ingestUpload(parsed.file.tmpPath, deps());
    expect(outcome).toMatchObject({
      ok: true,
      master: { kind: 'image', sourceFormat: 'png', width: 90, height: 60 },
    });
    expect(await filesUnder(uploadDir)).toEqual([]);
  });

  it('the same upload twice to the same hashes without storing anything new', async () => {
    const bytes = await makeRaster('jpeg', 200, 150);
    const first = await ingestUpload(await upload(bytes), deps());
    const filesAfterFirst = await filesUnder(storeDir);
    const second = await ingestUpload(await upload(bytes), deps());
    expect(second).toEqual(first);
    expect(await filesUnder(storeDir)).toEqual(filesAfterFirst);
  });
});

describe('ingestUpload refuses and leaves nothing behind', () => {
  const truncate = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6));
  const refusals: Array<[string, () => Promise<Uint8Array | string>, number, string]> = [
    ['an empty file', async () => Buffer.alloc(0), 400, 'empty'],
    ['a GIF', async () => GIF, 415, 'unsupported_type'],
    ['a ZIP', async () => ZIP, 415, 'unsupported_type'],
    ['an HTML page', async () => HTML, 415, 'unsupported_type'],
    [
      'a JPEG with a ZIP appended',
      async () => Buffer.concat([await makeRaster('jpeg', 40, 30), ZIP]),
      415,
      'unsupported_type',
    ],
    ['a truncated JPEG', async () => truncate(await makeRaster('jpeg', 200, 150)), 422, 'truncated'],
    ['a truncated PNG', async () => truncate(await makeRaster('png', 200, 150)), 422, 'truncated'],
    ['a truncated PDF', async () => truncate(makeClassicPdf()), 422, 'truncated'],
    ['a truncated MP4', async () => truncate(makeMp4()), 422, 'truncated'],
    [
      'an SVG with a script',
      async () => SAFE_SVG.replace('</svg>', '<script>alert(1)</script></svg>'),
      422,
      'hostile_svg',
    ],
    [
      'an SVG with onload',
      async () => SAFE_SVG.replace('<svg ', '<svg onload="alert(1)" '),
      422,
      'hostile_svg',
    ],
    [
      'an SVG linking to file://',
      async () => SAFE_SVG.replace('xlink:href="#bg"', 'xlink:href="file:///etc/passwd"'),
      422,
      'hostile_svg',
    ],
    ['an image over the pixel limit', async () => makeRaster('png', 200, 100), 422, 'too_many_pixels'],
  ];

  for (const [name, make, status, code] of refusals) {
    it(name, async () => {
      await store.put(Buffer.from('an older asset'));
      const storeBefore = await filesUnder(storeDir);
      const path = await upload(await make());
      const outcome = await ingestUpload(path, deps({ limits: { tmpDir: workDir, maxPixels: 10_000 } }));
      expect(outcome).toMatchObject({ ok: false, status, code });
      if (!outcome.ok) expect(outcome.title.length).toBeGreaterThan(0);
      expect(await filesUnder(storeDir)).toEqual(storeBefore);
      expect(await filesUnder(uploadDir)).toEqual([]);
      expect(await filesUnder(workDir)).toEqual([]);
    });
  }

  it('rolls back blobs it added when the store fails midway, keeping blobs that were there before', async () => {
    const bytes = await makeRaster('jpeg', 300, 200);
    // Learn the renditions in a separate store, then give the real store one of them, as if
    // another asset already shared it.
    const referenceStore = await FsBlobStore.open(join(root, 'reference'));
    const reference = await ingestUpload(await upload(bytes), deps({ store: referenceStore }));
    const shared = reference.ok ? reference.renditions[0] : undefined;
    if (!shared) throw new Error('the reference ingest made no renditions');
    await store.put(await readBlob(referenceStore, shared.hash));
    const storeBefore = await filesUnder(storeDir);

    let puts = 0;
    const failing: BlobStore = {
      put: async (content, options) => {
        if (++puts === 3) throw new Error('disk full');
        return store.put(content, options);
      },
      has: (hash) => store.has(hash),
      get: (hash, range) => store.get(hash, range),
      stat: (hash) => store.stat(hash),
      delete: (hash) => store.delete(hash),
    };
    await expect(ingestUpload(await upload(bytes), deps({ store: failing }))).rejects.toThrow('disk full');
    expect(await filesUnder(storeDir)).toEqual(storeBefore);
    expect(await store.has(shared.hash)).toBe(true);
    expect(await filesUnder(uploadDir)).toEqual([]);
    expect(await filesUnder(workDir)).toEqual([]);
  });
});
