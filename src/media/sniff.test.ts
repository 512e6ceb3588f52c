import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ELF,
  GIF,
  HTML,
  makeClassicPdf,
  makeMp4,
  makePdfWithPdfLib,
  makeRaster,
  makeWebm,
  SAFE_SVG,
  ZIP,
} from '../../test/fixtures/media/make-media.js';
import { sniffFile } from './sniff.js';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sniff-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes bytes under a misleading name, so any reliance on names would show. */
async function sniff(bytes: Uint8Array | string, options?: Parameters<typeof sniffFile>[1]) {
  const path = join(dir, `upload-${counter++}.jpg`);
  await writeFile(path, bytes);
  return sniffFile(path, options);
}

const cut = (bytes: Buffer, keep: number) => bytes.subarray(0, Math.floor(bytes.length * keep));

describe('sniffFile accepts each supported format by content', () => {
  it('accepts JPEG, PNG, WebP and AVIF images', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      expect(await sniff(await makeRaster(format, 64, 48))).toEqual({
        ok: true,
        kind: 'image',
        format,
        mime: `image/${format}`,
      });
    }
  });

  it('accepts a JPEG followed by a second JPEG, as phones write gain maps', async () => {
    const primary = await makeRaster('jpeg', 64, 48);
    const gainMap = await makeRaster('jpeg', 16, 12);
    expect(await sniff(Buffer.concat([primary, gainMap]))).toMatchObject({ ok: true, format: 'jpeg' });
  });

  it('accepts a safe SVG', async () => {
    expect(await sniff(SAFE_SVG)).toEqual({ ok: true, kind: 'image', format: 'svg', mime: 'image/svg+xml' });
  });

  it('accepts a minimal MP4', async () => {
    expect(await sniff(makeMp4())).toEqual({ ok: true, kind: 'video', format: 'mp4', mime: 'video/mp4' });
  });

  it('accepts a minimal WebM, also when Segment and Cluster have unknown size', async () => {
    const expected = { ok: true, kind: 'video', format: 'webm', mime: 'video/webm' };
    expect(await sniff(makeWebm())).toEqual(expected);
    expect(await sniff(makeWebm({ unknownSizeSegment: true, unknownSizeCluster: true }))).toEqual(expected);
  });

  it('accepts PDFs with an xref stream (pdf-lib) and with a classic xref table', async () => {
    const expected = { ok: true, kind: 'pdf', format: 'pdf', mime: 'application/pdf' };
    expect(await sniff(await makePdfWithPdfLib())).toEqual(expected);
    expect(await sniff(makeClassicPdf())).toEqual(expected);
  });
});

describe('sniffFile refuses', () => {
  it('an empty file', async () => {
    expect(await sniff(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'empty' });
  });

  it('GIF, ZIP, ELF and HTML as unsupported', async () => {
    for (const bytes of [GIF, ZIP, ELF, HTML, Buffer.from('plain text')]) {
      expect(await sniff(bytes)).toMatchObject({ ok: false, code: 'unsupported_type' });
    }
  });

  it('truncated JPEG and PNG images', async () => {
    for (const format of ['jpeg', 'png'] as const) {
      const whole = await makeRaster(format, 64, 48);
      expect(await sniff(cut(whole, 0.6))).toMatchObject({ ok: false, code: 'truncated' });
    }
  });

  it('truncated WebP and AVIF images', async () => {
    for (const format of ['webp', 'avif'] as const) {
      const whole = await makeRaster(format, 64, 48);
      expect(await sniff(cut(whole, 0.6))).toMatchObject({ ok: false, code: 'truncated' });
    }
  });

  it('a truncated PDF', async () => {
    expect(await sniff(cut(await makePdfWithPdfLib(), 0.7))).toMatchObject({ ok: false, code: 'truncated' });
    expect(await sniff(cut(makeClassicPdf(), 0.95))).toMatchObject({ ok: false, code: 'truncated' });
  });

  it('a PDF whose startxref points at nothing', async () => {
    const pdf = makeClassicPdf()
      .toString('latin1')
      .replace(/startxref\n\d+/, 'startxref\n5');
    expect(await sniff(pdf)).toMatchObject({ ok: false, code: 'corrupt' });
  });

  it('a truncated MP4 and one without its moov box', async () => {
    expect(await sniff(cut(makeMp4(), 0.8))).toMatchObject({ ok: false, code: 'truncated' });
    expect(await sniff(makeMp4({ moov: false }))).toMatchObject({ ok: false, code: 'truncated' });
  });

  it('an MP4 container holding only audio, and QuickTime MOV', async () => {
    expect(await sniff(makeMp4({ handler: 'soun' }))).toMatchObject({ ok: false, code: 'unsupported_type' });
    expect(await sniff(makeMp4({ majorBrand: 'qt  ' }))).toMatchObject({
      ok: false,
      code: 'unsupported_type',
    });
  });

  it('a truncated WebM, with known and with unknown sizes', async () => {
    expect(await sniff(cut(makeWebm(), 0.9))).toMatchObject({ ok: false, code: 'truncated' });
    const live = makeWebm({ unknownSizeSegment: true, unknownSizeCluster: true });
    expect(await sniff(live.subarray(0, live.length - 5))).toMatchObject({ ok: false, code: 'truncated' });
  });

  it('Matroska that is not WebM', async () => {
    expect(await sniff(makeWebm({ docType: 'matroska' }))).toMatchObject({
      ok: false,
      code: 'unsupported_type',
    });
  });

  it('polyglots: images and videos with a ZIP or HTML appended', async () => {
    const payloads = [ZIP, HTML];
    const carriers = [
      await makeRaster('jpeg', 32, 32),
      await makeRaster('png', 32, 32),
      await makeRaster('webp', 32, 32),
      await makeRaster('avif', 32, 32),
      makeMp4(),
      makeWebm(),
      makeClassicPdf(),
    ];
    for (const carrier of carriers) {
      for (const payload of payloads) {
        const outcome = await sniff(Buffer.concat([carrier, payload]));
        expect(outcome.ok).toBe(false);
      }
    }
  });

  it('an HTML page that starts with a JPEG header', async () => {
    const jpegHead = (await makeRaster('jpeg', 16, 16)).subarray(0, 20);
    expect((await sniff(Buffer.concat([jpegHead, HTML]))).ok).toBe(false);
  });

  it('an SVG with a script as hostile', async () => {
    const hostile = SAFE_SVG.replace('</svg>', '<script>alert(1)</script></svg>');
    expect(await sniff(hostile)).toMatchObject({ ok: false, code: 'hostile_svg' });
  });

  it('an SVG over the size limit', async () => {
    expect(await sniff(SAFE_SVG, { maxSvgBytes: 100 })).toMatchObject({ ok: false, code: 'too_large' });
  });

  it('an SVG in UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAFE_SVG, 'utf16le')]);
    expect(await sniff(utf16)).toMatchObject({ ok: false, code: 'unsupported_type' });
  });
});
