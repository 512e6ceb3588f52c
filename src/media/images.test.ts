import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makePixelBombPng,
  makeRaster,
  makeRotatedJpegWithGps,
  SAFE_SVG,
} from '../../test/fixtures/media/make-media.js';
import { inspectImage, makeRenditions, normalizeMaster } from './images.js';
import { RENDITION_SPEC } from './rendition-spec.js';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'images-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, `source-${counter++}`);
  await writeFile(path, bytes);
  return path;
}

const outputPath = () => join(dir, `master-${counter++}`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('inspectImage', () => {
  it('answers dimensions after EXIF orientation', async () => {
    const outcome = await inspectImage(await fileOf(await makeRotatedJpegWithGps(40, 20)));
    expect(outcome).toMatchObject({ ok: true, width: 20, height: 40, format: 'jpeg', hasAlpha: false });
  });

  it('refuses a pixel bomb before decoding it', async () => {
    // 12000 × 9000 = 108 MP, above the 100 MP default, in a file of a few hundred kilobytes.
    const bomb = await makePixelBombPng(12_000, 9_000);
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(await inspectImage(await fileOf(bomb))).toMatchObject({ ok: false, code: 'too_many_pixels' });
  });

  it('honours a configured pixel limit', async () => {
    const path = await fileOf(await makeRaster('png', 200, 100));
    expect(await inspectImage(path, { maxPixels: 19_999 })).toMatchObject({
      ok: false,
      code: 'too_many_pixels',
    });
    expect(await inspectImage(path, { maxPixels: 20_000 })).toMatchObject({ ok: true });
  });

  it('refuses truncated JPEG and PNG pixel data', async () => {
    for (const format of ['jpeg', 'png'] as const) {
      const whole = await makeRaster(format, 200, 150);
      const path = await fileOf(whole.subarray(0, Math.floor(whole.length * 0.6)));
      expect(await inspectImage(path)).toMatchObject({ ok: false, code: 'truncated' });
    }
  });

  it('refuses bytes that are not an image', async () => {
    const outcome = await inspectImage(await fileOf('not an image at all'));
    expect(outcome.ok).toBe(false);
  });
});

describe('normalizeMaster', () => {
  it('applies EXIF orientation and strips EXIF, including GPS', async () => {
    const source = await makeRotatedJpegWithGps(40, 20);
    expect((await sharp(source).metadata()).exif?.toString('latin1')).toContain('TestCam');
    const outcome = await normalizeMaster(await fileOf(source), {
      sourceFormat: 'jpeg',
      outputPath: outputPath(),
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.master).toMatchObject({ format: 'jpeg', width: 20, height: 40, hasAlpha: false });
    const stored = await readFile(outcome.master.path);
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('TestCam');
    expect(outcome.master.hash).toBe(sha256(stored));
    expect(outcome.master.bytes).toBe(stored.length);
  });

  it('keeps PNG lossless and keeps a real alpha channel', async () => {
    const outcome = await normalizeMaster(await fileOf(await makeRaster('png', 80, 60, { alpha: true })), {
      sourceFormat: 'png',
      outputPath: outputPath(),
    });
    expect(outcome).toMatchObject({
      ok: true,
      master: { format: 'png', width: 80, height: 60, hasAlpha: true },
    });
  });

  it('drops an alpha channel that is fully opaque', async () => {
    const opaqueRgba = await sharp({
      create: { width: 30, height: 20, channels: 4, background: '#336699ff' },
    })
      .png()
      .toBuffer();
    const outcome = await normalizeMaster(await fileOf(opaqueRgba), {
      sourceFormat: 'png',
      outputPath: outputPath(),
    });
    expect(outcome).toMatchObject({ ok: true, master: { format: 'png', hasAlpha: false } });
  });

  it('turns WebP and AVIF into PNG masters', async () => {
    for (const format of ['webp', 'avif'] as const) {
      const outcome = await normalizeMaster(await fileOf(await makeRaster(format, 64, 48)), {
        sourceFormat: format,
        outputPath: outputPath(),
      });
      expect(outcome).toMatchObject({ ok: true, master: { format: 'png', width: 64, height: 48 } });
    }
  });

  it('rasterises SVG so its longer side fills the largest screen', async () => {
    const outcome = await normalizeMaster(await fileOf(SAFE_SVG), {
      sourceFormat: 'svg',
      outputPath: outputPath(),
    });
    expect(outcome).toMatchObject({ ok: true, master: { format: 'png', width: 3840, height: 2160 } });
  });

  it('refuses to rasterise an SVG with a script even when called directly', async () => {
    const hostile = SAFE_SVG.replace('</svg>', '<script>alert(1)</script></svg>');
    const path = outputPath();
    expect(
      await normalizeMaster(await fileOf(hostile), { sourceFormat: 'svg', outputPath: path }),
    ).toMatchObject({
      ok: false,
      code: 'hostile_svg',
    });
    await expect(readFile(path)).rejects.toThrow();
  });

  it('refuses an SVG whose embedded image is a pixel bomb', async () => {
    const embedded = (await makePixelBombPng(400, 300)).toString('base64');
    const svg = SAFE_SVG.replace(
      '</svg>',
      `<image width="10" height="10" href="data:image/png;base64,${embedded}"/></svg>`,
    );
    const limits = { maxPixels: 100_000 };
    const path = await fileOf(svg);
    expect(
      await normalizeMaster(path, { sourceFormat: 'svg', outputPath: outputPath(), limits }),
    ).toMatchObject({
      ok: false,
      code: 'too_many_pixels',
      detail: expect.stringContaining('embedded'),
    });
    const allowed = { maxPixels: 100_000_000 };
    expect(
      await normalizeMaster(path, { sourceFormat: 'svg', outputPath: outputPath(), limits: allowed }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('stops rendering an SVG that takes longer than allowed', async () => {
    // Forty stacked blurs over a filter region four times the canvas: minutes of librsvg work.
    const blurs = Array.from(
      { length: 40 },
      (_, i) =>
        `<feGaussianBlur in="${i === 0 ? 'SourceGraphic' : `b${i - 1}`}" stdDeviation="80" result="b${i}"/>`,
    ).join('');
    const slow = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
      <filter id="f" x="-50%" y="-50%" width="200%" height="200%">${blurs}</filter>
      <rect width="1600" height="900" fill="red" filter="url(#f)"/></svg>`;
    const path = outputPath();
    const outcome = await normalizeMaster(await fileOf(slow), {
      sourceFormat: 'svg',
      outputPath: path,
      limits: { maxPixels: 100_000_000, maxSeconds: 1 },
    });
    expect(outcome).toMatchObject({ ok: false, code: 'too_complex' });
    await expect(readFile(path)).rejects.toThrow();
    await expect(readFile(`${path}.render.png`)).rejects.toThrow();
  });

  it('refuses a truncated image and writes no master', async () => {
    const whole = await makeRaster('jpeg', 200, 150);
    const path = outputPath();
    const outcome = await normalizeMaster(await fileOf(whole.subarray(0, whole.length / 2)), {
      sourceFormat: 'jpeg',
      outputPath: path,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'truncated' });
    await expect(readFile(path)).rejects.toThrow();
  });

  it('is deterministic', async () => {
    const source = await fileOf(await makeRotatedJpegWithGps(120, 80));
    const first = await normalizeMaster(source, { sourceFormat: 'jpeg', outputPath: outputPath() });
    const second = await normalizeMaster(source, { sourceFormat: 'jpeg', outputPath: outputPath() });
    expect(first.ok && second.ok && first.master.hash === second.master.hash).toBe(true);
  });
});

describe('makeRenditions', () => {
  let masterPath: string;

  beforeAll(async () => {
    const outcome = await normalizeMaster(await fileOf(await makeRaster('jpeg', 4000, 3000)), {
      sourceFormat: 'jpeg',
      outputPath: outputPath(),
    });
    if (!outcome.ok) throw new Error(outcome.detail);
    masterPath = outcome.master.path;
  }, 60_000);

  it('fits every spec target inside its box with the master aspect ratio, content-addressed and deterministic', async () => {
    const first = await makeRenditions(masterPath);
    const sizes = Object.fromEntries(
      first.filter((r) => r.format === 'jpeg').map((r) => [r.name, [r.width, r.height]]),
    );
    expect(sizes).toEqual({
      'screen-1920x1080': [1440, 1080],
      'screen-1080x1920': [1080, 810],
      'screen-3840x2160': [2880, 2160],
      'thumb-320': [320, 240],
      'thumb-640': [640, 480],
    });
    for (const rendition of first) {
      expect(rendition.hash).toBe(sha256(rendition.buffer));
      expect(rendition.bytes).toBe(rendition.buffer.length);
      const metadata = await sharp(rendition.buffer).metadata();
      expect([metadata.width, metadata.height]).toEqual([rendition.width, rendition.height]);
      expect(metadata.format === 'heif' ? 'avif' : metadata.format).toBe(rendition.format);
    }
    const second = await makeRenditions(masterPath);
    expect(second.map((r) => [r.name, r.format, r.hash])).toEqual(
      first.map((r) => [r.name, r.format, r.hash]),
    );
  }, 120_000);

  it('keeps WebP and AVIF only where they are smaller than the base format', async () => {
    const renditions = await makeRenditions(masterPath, {
      ...RENDITION_SPEC,
      targets: RENDITION_SPEC.targets.slice(3),
    });
    for (const target of ['thumb-320', 'thumb-640']) {
      const forTarget = renditions.filter((r) => r.name === target);
      const base = forTarget.find((r) => r.format === 'jpeg');
      expect(base).toBeDefined();
      for (const modern of forTarget.filter((r) => r.format !== 'jpeg')) {
        expect(modern.bytes).toBeLessThan(base?.bytes ?? 0);
      }
    }
    expect(renditions.some((r) => r.format === 'webp' || r.format === 'avif')).toBe(true);
  });

  it('never enlarges a small master', async () => {
    const small = await normalizeMaster(await fileOf(await makeRaster('png', 300, 200)), {
      sourceFormat: 'png',
      outputPath: outputPath(),
    });
    if (!small.ok) throw new Error(small.detail);
    const renditions = await makeRenditions(small.master.path);
    for (const rendition of renditions) {
      expect(rendition.width).toBeLessThanOrEqual(300);
      expect(rendition.height).toBeLessThanOrEqual(200);
    }
    expect(renditions.find((r) => r.name === 'screen-3840x2160')).toMatchObject({ width: 300, height: 200 });
  });

  it('uses PNG as the base format when the master has transparency', async () => {
    const master = await normalizeMaster(await fileOf(await makeRaster('png', 400, 300, { alpha: true })), {
      sourceFormat: 'png',
      outputPath: outputPath(),
    });
    if (!master.ok) throw new Error(master.detail);
    const renditions = await makeRenditions(master.master.path);
    expect(renditions.filter((r) => r.format === 'png')).toHaveLength(RENDITION_SPEC.targets.length);
    expect(renditions.some((r) => r.format === 'jpeg')).toBe(false);
  });
});
