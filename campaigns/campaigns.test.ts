import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_FILE_PATTERN } from '../src/campaigns/definition-schema.js';
import {
  CAMPAIGNS_DIR,
  type LoadedDefinition,
  loadCampaignDefinitions,
} from '../src/campaigns/load-definitions.js';
import { BUNDLED_FONT_FAMILY } from '../src/media/fonts.js';
import { checkSvgSafety } from '../src/media/svg-safety.js';

// Checks on the shipped demo content: every definition is valid, complete per language and
// orientation, accessible, and its artwork is safe to hand to any renderer or browser.

let definitions: LoadedDefinition[] = [];

beforeAll(async () => {
  definitions = await loadCampaignDefinitions();
});

/** Every SVG under the campaigns folder, referenced or not. */
function allSvgFiles(dir = CAMPAIGNS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.svg'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A campaign that runs on screens: it has at least one screen asset. */
function isScreenCampaign(definition: LoadedDefinition): boolean {
  return definition.assets.some((asset) => asset.purpose.includes('screen'));
}

describe('campaign definitions', () => {
  it('all validate, and there are the five demo campaigns', () => {
    expect(definitions).toHaveLength(5);
  });

  it('give every screen campaign a landscape and a portrait screen asset in each of its languages', () => {
    const missing: string[] = [];
    for (const definition of definitions.filter(isScreenCampaign)) {
      for (const language of definition.languages) {
        for (const orientation of ['landscape', 'portrait'] as const) {
          const found = definition.assets.some(
            (asset) =>
              asset.language === language &&
              asset.purpose.includes('screen') &&
              asset.orientation === orientation,
          );
          if (!found) missing.push(`${definition.slug} ${language} ${orientation}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('give every image an alt text that quotes its words, not a file name', () => {
    for (const definition of definitions) {
      for (const asset of definition.assets.filter((item) => IMAGE_FILE_PATTERN.test(item.file))) {
        const where = `${definition.slug}/${asset.file}`;
        expect(asset.altText?.length ?? 0, where).toBeGreaterThan(60);
        expect(asset.altText, where).not.toMatch(/\.svg|\.png|^image$|^bild$/i);
      }
    }
  });

  it('write Arabic alt texts in Arabic and the others in Latin script', () => {
    for (const asset of definitions.flatMap((definition) => definition.assets)) {
      const arabicLetters = (asset.altText?.match(/[\u0600-\u06ff]/g) ?? []).length;
      if (asset.language === 'ar') expect(arabicLetters, asset.file).toBeGreaterThan(40);
      else expect(arabicLetters, asset.file).toBe(0);
    }
  });

  it('declare orientations that match the artwork size', async () => {
    for (const asset of definitions.flatMap((definition) => definition.assets)) {
      const { width = 0, height = 0 } = await sharp(asset.path).metadata();
      if (asset.orientation === 'landscape') expect(width, asset.file).toBeGreaterThan(height);
      if (asset.orientation === 'portrait') expect(height, asset.file).toBeGreaterThan(width);
    }
  });

  it('give social images a focal point for platform crops', () => {
    const social = definitions
      .flatMap((definition) => definition.assets)
      .filter((a) => a.purpose.includes('social'));
    expect(social.length).toBeGreaterThan(0);
    for (const asset of social) expect(asset.focalPoint, asset.file).toBeDefined();
  });

  it('reference every SVG in the campaigns folder, so no artwork is left behind unused', () => {
    const referenced = new Set(
      definitions.flatMap((definition) => definition.assets.map((asset) => asset.path)),
    );
    const unreferenced = allSvgFiles().filter((file) => !referenced.has(file));
    expect(unreferenced.map((file) => relative(CAMPAIGNS_DIR, file))).toEqual([]);
  });
});

describe('campaign artwork SVGs', () => {
  const files = allSvgFiles();

  it('exist', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((file) => [relative(CAMPAIGNS_DIR, file), file]))(
    '%s is free of scripts and outside references',
    (_, file) => {
      const svg = readFileSync(file, 'utf8');
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/<foreignObject/i);
      // Event handler attributes: onload=, onclick=, …
      expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
      // Links may only point inside the document (#id); the xmlns declaration is not a link.
      for (const match of svg.matchAll(/(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)) {
        expect(match[1]?.startsWith('#'), match[0]).toBe(true);
      }
      expect(svg).not.toMatch(/url\(\s*["']?(?!#)/i);
      expect(svg).not.toMatch(/@import|@font-face|<style/i);
      expect(svg).not.toMatch(/<!ENTITY|<!DOCTYPE/i);
      // And the upload path's own checker, which every SVG meets on import, accepts it.
      expect(checkSvgSafety(svg)).toEqual({ ok: true, embeddedImages: [] });
    },
  );

  it.each(files.map((file) => [relative(CAMPAIGNS_DIR, file), file]))(
    '%s uses only the bundled font',
    (_, file) => {
      const svg = readFileSync(file, 'utf8');
      const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((match) => match[1]));
      expect([...families]).toEqual([BUNDLED_FONT_FAMILY]);
    },
  );

  it('lay Arabic text out right to left, anchored at the right margin', () => {
    const arabic = definitions
      .flatMap((definition) => definition.assets)
      .filter((asset) => asset.language === 'ar');
    expect(arabic.length).toBeGreaterThan(0);
    for (const asset of arabic) {
      const svg = readFileSync(asset.path, 'utf8');
      expect(svg, asset.file).toContain('xml:lang="ar"');
      for (const [text] of svg.matchAll(/<text [^>]*>/g)) {
        // Arabic lines run right to left from their start; numbers and web addresses stay left to
        // right but end at the same right margin.
        expect(text, asset.file).toMatch(
          /direction="rtl" text-anchor="start"|direction="ltr" text-anchor="end"/,
        );
      }
    }
  });
});
