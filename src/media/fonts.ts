import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Why this exists: sharp rasterises SVG text through librsvg and pango, which ask fontconfig for
 * fonts. Left alone, fontconfig reads the host's /etc/fonts and picks whatever fonts that machine
 * happens to have: a server without fonts renders empty boxes (tofu), a developer's laptop picks a
 * different face with other metrics, and Arabic may fall back to a font without shaping. A slide
 * must look the same wherever it is rendered, and its rendition hash must not depend on the host.
 * So we write a fontconfig file that knows only the fonts shipped in assets/fonts/ and keeps its
 * cache under the OS temp folder, and point FONTCONFIG_FILE at it.
 *
 * fontconfig reads FONTCONFIG_FILE once, when the first text is laid out in the process; calling
 * this after text was already rendered has no effect on that process. Call it at start-up (main,
 * CLI, test setup) before anything renders.
 */

/** The folder holding the fonts the service ships (DejaVu Sans, regular and bold). */
export const BUNDLED_FONTS_DIR = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));

/** The one family all artwork and generated images use. */
export const BUNDLED_FONT_FAMILY = 'DejaVu Sans';

export type BundledFonts = {
  /** The fontconfig file FONTCONFIG_FILE points at. */
  configFile: string;
  fontsDir: string;
  cacheDir: string;
  /** The font files fontconfig will see. */
  fontFiles: string[];
};

let active: BundledFonts | undefined;

/** Points fontconfig (and so sharp's SVG text) at the bundled fonts only; safe to call repeatedly. */
export function useBundledFonts(fontsDir: string = BUNDLED_FONTS_DIR): BundledFonts {
  if (active && active.fontsDir === fontsDir && process.env.FONTCONFIG_FILE === active.configFile) {
    return active;
  }
  const fontFiles = listFontFiles(fontsDir);
  if (fontFiles.length === 0) throw new Error(`no .ttf or .otf fonts in ${fontsDir}`);

  // One folder per fonts folder, so two checkouts on one machine do not share a cache.
  const key = createHash('sha256').update(fontsDir).digest('hex').slice(0, 12);
  const baseDir = join(tmpdir(), `campaign-hub-fontconfig-${key}`);
  const cacheDir = join(baseDir, 'cache');
  const configFile = join(baseDir, 'fonts.conf');
  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomically(configFile, fontconfigXml(fontsDir, cacheDir));

  process.env.FONTCONFIG_FILE = configFile;
  active = { configFile, fontsDir, cacheDir, fontFiles };
  return active;
}

/** The font files in a folder, sorted, as absolute paths. */
function listFontFiles(fontsDir: string): string[] {
  return readdirSync(fontsDir)
    .filter((name) => /\.(ttf|otf)$/i.test(name))
    .sort()
    .map((name) => join(fontsDir, name));
}

/** A fontconfig file with only our fonts, a private cache, and every generic family mapped to ours. */
function fontconfigXml(fontsDir: string, cacheDir: string): string {
  const generic = ['sans-serif', 'serif', 'monospace', 'system-ui'];
  const aliases = generic
    .map(
      (family) =>
        `  <alias binding="same"><family>${family}</family><prefer><family>${BUNDLED_FONT_FAMILY}</family></prefer></alias>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Written by src/media/fonts.ts: only the fonts shipped with campaign-hub, no host fonts. -->
<fontconfig>
  <dir>${escapeXml(fontsDir)}</dir>
  <cachedir>${escapeXml(cacheDir)}</cachedir>
${aliases}
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
`;
}

/** Writes through a temp file and a rename, so a parallel process never reads half a config. */
function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
