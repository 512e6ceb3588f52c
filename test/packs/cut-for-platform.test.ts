import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cutForPlatform } from '../../src/packs/render-pack.js';
import { PLATFORM_SIZES } from '../../src/packs/platform-sizes.js';

const story = PLATFORM_SIZES.find((size) => size.name === 'instagram-story');

describe('cutForPlatform', () => {
  it('cuts an SVG master crisply at the platform size, however small its intrinsic size', async () => {
    if (!story) throw new Error('no story size');
    // 200x100 intrinsic: a 72 dpi raster upscaled ~19x would blur the edge over about a dozen pixels.
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="100" height="100" fill="#000"/><rect x="100" width="100" height="100" fill="#fff"/></svg>',
    );
    const jpeg = await cutForPlatform(svg, { format: 'svg', focalX: 0.5, focalY: 0.5 }, story);
    const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([story.width, story.height]);
    const row = Math.floor(info.height / 2) * info.width;
    const greys = Array.from(data.subarray(row, row + info.width));
    const blurred = greys.filter((grey) => grey > 40 && grey < 215).length;
    expect(blurred).toBeLessThan(4);
  });

  it('flattens transparency onto white', async () => {
    if (!story) throw new Error('no story size');
    const png = await sharp({
      create: { width: 600, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const jpeg = await cutForPlatform(png, { format: 'png', focalX: null, focalY: null }, story);
    const stats = await sharp(jpeg).stats();
    expect(stats.channels[0]?.mean).toBeGreaterThan(250);
  });
});
