import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { useBundledFonts } from './fonts.js';
import { classifySharpError, type ImageLimits, type ImageRefusal } from './image-limits.js';
import { MASTER_ENCODING } from './rendition-spec.js';
import { checkSvgSafety } from './svg-safety.js';

const RENDER_SVG_SCRIPT = fileURLToPath(new URL('./render-svg-process.mjs', import.meta.url));

/**
 * Renders a (re-checked) safe SVG to a PNG file so its longer side is MASTER_ENCODING.svgLongEdge,
 * in a child process killed after `seconds` (see render-svg-process.mjs for why).
 */
export async function rasterizeSvg(
  path: string,
  outputPath: string,
  limits: ImageLimits,
  seconds: number,
): Promise<{ ok: true } | ImageRefusal> {
  const svg = await readFile(path);
  // Defence in depth: callers sniff first, but this function must never rasterise an active SVG.
  const verdict = checkSvgSafety(svg.toString('utf8'));
  if (!verdict.ok) {
    return {
      ok: false,
      code: verdict.code === 'hostile_svg' ? 'hostile_svg' : 'corrupt',
      detail: verdict.detail,
    };
  }
  useBundledFonts(); // sets FONTCONFIG_FILE, which the child process inherits
  let density: number;
  try {
    // Embedded images are decoded whole by librsvg: a small data: URI can be a pixel bomb.
    let embeddedPixels = 0;
    for (const image of verdict.embeddedImages) {
      const { width, height } = await sharp(image, { limitInputPixels: false }).metadata();
      embeddedPixels += width * height;
    }
    if (embeddedPixels > limits.maxPixels) {
      return {
        ok: false,
        code: 'too_many_pixels',
        detail: 'The images embedded in the SVG have too many pixels',
      };
    }
    // The size at 72 dpi only reads the document's declared size; no pixels are rendered.
    const natural = await sharp(svg, { limitInputPixels: false }).metadata();
    const longEdge = Math.max(natural.width, natural.height, 1);
    density = Math.min(100_000, Math.max(1, (72 * MASTER_ENCODING.svgLongEdge) / longEdge));
  } catch (error) {
    return classifySharpError(error);
  }
  const args = [
    RENDER_SVG_SCRIPT,
    path,
    outputPath,
    String(density),
    String(limits.maxPixels),
    String(seconds),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, seconds * 1000);
  const [exitCode] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  if (timedOut)
    return { ok: false, code: 'too_complex', detail: `The SVG did not render within ${seconds} s` };
  if (exitCode !== 0)
    return classifySharpError(new Error(stderr || `the SVG renderer exited with ${exitCode}`));
  return { ok: true };
}
