import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { CAMPAIGNS_DIR, DEFINITION_FILE_NAME } from '../../src/campaigns/load-definitions.js';
import { CONTENT_LANGUAGES, type ContentLanguage } from '../../src/i18n/languages.js';
import { useBundledFonts } from '../../src/media/fonts.js';
import { type SlideCopy, composeSlide } from './compose-slide.js';
import { ALT_TEXT_WORDING, type Design } from './design.js';
import { FORMATS, type FormatName, orientationOf } from './formats.js';

/**
 * Writes the artwork SVGs of every campaign that has an `artwork.ts`, and the matching `assets`
 * list into its campaign.json (the rest of that file is written by hand).
 *
 *   npx tsx campaigns/_artwork/generate-artwork.ts [--png <folder>]
 *
 * With --png it also renders every SVG to PNG in that folder, for looking at; PNGs are never
 * committed. Text is measured with the bundled fonts, so the result is the same on any machine.
 */

const ARTWORK_FOLDER = 'artwork';

const FORMAT_LABELS: Record<FormatName, string> = {
  landscape: 'skärm liggande',
  portrait: 'skärm stående',
  social: 'sociala medier',
  print: 'affisch A3',
};

const PURPOSES: Record<FormatName, string[]> = {
  landscape: ['screen'],
  portrait: ['screen'],
  social: ['social'],
  print: ['print'],
};

type AssetEntry = Record<string, unknown>;

/** Generates one campaign folder's artwork and asset list; returns the SVG paths written. */
export async function generateCampaignArtwork(folder: string, designs: Design[]): Promise<string[]> {
  const definitionFile = join(folder, DEFINITION_FILE_NAME);
  const definition = JSON.parse(await readFile(definitionFile, 'utf8')) as { languages: ContentLanguage[] };
  const artworkDir = join(folder, ARTWORK_FOLDER);
  await rm(artworkDir, { recursive: true, force: true });
  await mkdir(artworkDir, { recursive: true });

  const assets: AssetEntry[] = [];
  const written: string[] = [];
  for (const design of designs) {
    for (const lang of definition.languages) {
      const copy = design.copy[lang];
      if (!copy) continue;
      const altText = composeAltText(design, lang, copy);
      for (const formatName of design.formats) {
        const file = `${ARTWORK_FOLDER}/${design.id}-${lang}-${formatName}.svg`;
        const svg = await composeSlide({
          copy,
          lang,
          rtl: CONTENT_LANGUAGES[lang].dir === 'rtl',
          theme: design.theme,
          motif: design.motif,
          format: FORMATS[formatName],
          title: altText,
        });
        await writeFile(join(folder, file), svg);
        written.push(join(folder, file));
        assets.push(assetEntry(design, lang, formatName, file, altText));
      }
    }
  }
  const updated = { ...definition, assets };
  await writeFile(definitionFile, `${JSON.stringify(updated, null, 2)}\n`);
  return written;
}

function assetEntry(
  design: Design,
  lang: ContentLanguage,
  format: FormatName,
  file: string,
  altText: string,
): AssetEntry {
  return {
    file,
    language: lang,
    altText,
    title: `${design.label} – ${FORMAT_LABELS[format]}, ${CONTENT_LANGUAGES[lang].name}`,
    purpose: PURPOSES[format],
    orientation: orientationOf(format),
    ...(design.focalPoint ? { focalPoint: design.focalPoint } : {}),
    ...(design.rightsExpiry ? { rightsExpiry: design.rightsExpiry } : {}),
  };
}

/** What the image shows, then every word on it, then who sends it: one paragraph. */
function composeAltText(design: Design, lang: ContentLanguage, copy: SlideCopy): string {
  const wording = ALT_TEXT_WORDING[lang];
  const picture = design.picture[lang];
  if (!wording || !picture) throw new Error(`${design.id}: no alt text wording for ${lang}`);
  const headline = copy.blocks[0]?.text;
  const sentences: string[] = copy.kicker && copy.kicker !== headline ? [copy.kicker] : [];
  let continues = false;
  for (const block of copy.blocks) {
    // A block marked `continues` runs on into the next one ("The full programme is at" + address).
    if (continues && sentences.length > 0) sentences[sentences.length - 1] += ` ${block.text}`;
    else sentences.push(block.text);
    continues = block.continues === true;
  }
  const comma = lang === 'ar' ? '، ' : ', ';
  const asSentence = (text: string) => endSentence(text.replaceAll(' · ', comma));
  return [picture, wording.text, ...sentences.map(asSentence), wording.sender, asSentence(copy.footer)].join(
    ' ',
  );
}

function endSentence(text: string): string {
  return /[.!?:؟…]$/.test(text) ? text : `${text}.`;
}

/** Runs the generator over every campaign folder that has an artwork.ts. */
async function main(): Promise<void> {
  useBundledFonts();
  const pngFlag = process.argv.indexOf('--png');
  const pngDir = pngFlag >= 0 ? process.argv[pngFlag + 1] : undefined;
  const entries = await readdir(CAMPAIGNS_DIR, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory() && !/^[_.]/.test(e.name))) {
    const folder = join(CAMPAIGNS_DIR, entry.name);
    const artworkModule = join(folder, 'artwork.ts');
    if (!existsSync(artworkModule)) continue;
    const { designs } = (await import(pathToFileURL(artworkModule).href)) as { designs: Design[] };
    const written = await generateCampaignArtwork(folder, designs);
    console.log(`${entry.name}: ${written.length} SVG files`);
    if (pngDir) await renderPngs(written, pngDir);
  }
  // Leave campaign.json as the project formatter writes it, so a regeneration only shows real changes.
  execFileSync(join(CAMPAIGNS_DIR, '../node_modules/.bin/biome'), ['format', '--write', CAMPAIGNS_DIR], {
    stdio: 'ignore',
  });
}

async function renderPngs(files: string[], pngDir: string): Promise<void> {
  await mkdir(pngDir, { recursive: true });
  for (const file of files) {
    const name = file
      .split('/')
      .slice(-3)
      .join('_')
      .replace(/_artwork_/, '_')
      .replace(/\.svg$/, '.png');
    await sharp(file).png().toFile(join(pngDir, name));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
