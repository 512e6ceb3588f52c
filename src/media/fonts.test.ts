import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS_DIR, useBundledFonts } from './fonts.js';

// Must run before sharp lays out any text in this process: fontconfig reads its file only once.
const fonts = useBundledFonts();

const WIDTH = 1000;
const HEIGHT = 200;

/** An SVG of the test size with a white background and the given body. */
function svgWith(body: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">` +
      `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>${body}</svg>`,
  );
}

/** One text element in the bundled family unless told otherwise. */
function textSvg(text: string, attributes = '', family = 'DejaVu Sans'): Buffer {
  return svgWith(`<text font-family="${family}" font-size="64" y="120" ${attributes}>${text}</text>`);
}

/** Renders to 8-bit greyscale pixels. */
async function greyPixels(svg: Buffer): Promise<Buffer> {
  return sharp(svg).greyscale().raw().toBuffer();
}

/** The left and right edge of the dark ("ink") pixels, or undefined when nothing is drawn. */
function inkColumns(pixels: Buffer): { left: number; right: number; count: number } | undefined {
  let left = WIDTH;
  let right = -1;
  let count = 0;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      if ((pixels[y * WIDTH + x] ?? 255) < 128) {
        count++;
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return right < 0 ? undefined : { left, right, count };
}

describe('useBundledFonts', () => {
  it('points fontconfig at a config that lists only the bundled fonts folder', () => {
    expect(process.env.FONTCONFIG_FILE).toBe(fonts.configFile);
    expect(fonts.configFile.startsWith(tmpdir())).toBe(true);
    const xml = readFileSync(fonts.configFile, 'utf8');
    const dirs = [...xml.matchAll(/<dir>(.*?)<\/dir>/g)].map((match) => match[1]);
    expect(dirs).toEqual([BUNDLED_FONTS_DIR]);
    expect(xml).not.toContain('<include');
    expect(xml).toContain(`<cachedir>${fonts.cacheDir}</cachedir>`);
    expect(fonts.fontFiles.map((file) => file.slice(BUNDLED_FONTS_DIR.length))).toEqual([
      'DejaVuSans-Bold.ttf',
      'DejaVuSans.ttf',
    ]);
  });

  it('returns the same setup when called again', () => {
    expect(useBundledFonts()).toBe(fonts);
    expect(process.env.FONTCONFIG_FILE).toBe(fonts.configFile);
  });

  it('refuses a folder without fonts', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
    expect(() => useBundledFonts(empty)).toThrow(/no \.ttf or \.otf fonts/);
    expect(process.env.FONTCONFIG_FILE).toBe(fonts.configFile);
  });
});

describe('text rendered through sharp with the bundled fonts', () => {
  it('draws Swedish letters with a plausible width', async () => {
    const empty = inkColumns(await greyPixels(svgWith('')));
    expect(empty).toBeUndefined();

    const ink = inkColumns(await greyPixels(textSvg('Hjälp åäö ÅÄÖ', 'x="20"')));
    expect(ink).toBeDefined();
    // 13 characters at 64 px in DejaVu Sans are roughly 400 to 600 px wide.
    const width = (ink?.right ?? 0) - (ink?.left ?? 0);
    expect(width).toBeGreaterThan(350);
    expect(width).toBeLessThan(700);
    expect(ink?.left).toBeGreaterThanOrEqual(20);
  });

  it('draws the ring and dots of å, ä and ö, not just a and o', async () => {
    const plain = await greyPixels(textSvg('aao', 'x="20"'));
    const accented = await greyPixels(textSvg('åäö', 'x="20"'));
    expect((inkColumns(accented)?.count ?? 0) - (inkColumns(plain)?.count ?? 0)).toBeGreaterThan(50);
  });

  it('lays Arabic out right to left from the anchor at the right edge', async () => {
    const ink = inkColumns(
      await greyPixels(textSvg('لست وحدك', 'x="980" direction="rtl" text-anchor="start"')),
    );
    expect(ink).toBeDefined();
    // The text starts (its first letter) at the anchor on the right and runs leftwards.
    expect(ink?.right).toBeLessThanOrEqual(980);
    expect(ink?.right).toBeGreaterThan(950);
    const width = (ink?.right ?? 0) - (ink?.left ?? 0);
    expect(width).toBeGreaterThan(150);
    expect(width).toBeLessThan(500);
  });

  it('joins Arabic letters (contextual shaping), unlike the same letters kept apart', async () => {
    // U+200C (zero-width non-joiner) forces isolated forms; a shaped word must look different.
    const joined = await greyPixels(textSvg('سلام', 'x="980" direction="rtl"'));
    const isolated = await greyPixels(textSvg('س\u200cل\u200cا\u200cم', 'x="980" direction="rtl"'));
    expect(inkColumns(joined)).toBeDefined();
    expect(joined.equals(isolated)).toBe(false);
  });

  it('ignores fonts installed on the host: any family falls back to the bundled one', async () => {
    const ours = await greyPixels(textSvg('Tillsammans mot våld', 'x="20"'));
    for (const family of ['DejaVu Serif', 'Liberation Serif', 'serif', 'No Such Family']) {
      const other = await greyPixels(textSvg('Tillsammans mot våld', 'x="20"', family));
      expect(other.equals(ours), family).toBe(true);
    }
  });
});
