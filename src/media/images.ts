import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import sharp, { type OutputInfo, type Sharp, type SharpOptions } from 'sharp';
import {
  classifySharpError,
  DEFAULT_IMAGE_LIMITS,
  type ImageLimits,
  type ImageRefusal,
} from './image-limits.js';
import {
  MASTER_ENCODING,
  RENDITION_SPEC,
  type RenditionPurpose,
  type RenditionSpec,
} from './rendition-spec.js';
import type { ImageFormat } from './sniff.js';
import { rasterizeSvg } from './svg-raster.js';

export {
  classifySharpError,
  DEFAULT_IMAGE_LIMITS,
  type ImageLimits,
  type ImageRefusal,
  type ImageRefusalCode,
} from './image-limits.js';

export type ImageInfo = { width: number; height: number; format: string; hasAlpha: boolean };

export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export type NormalizedMaster = {
  path: string;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  hasAlpha: boolean;
  bytes: number;
  hash: string;
};

export type Rendition = {
  name: string;
  purpose: RenditionPurpose;
  width: number;
  height: number;
  format: RasterFormat;
  mime: string;
  bytes: number;
  hash: string;
  buffer: Buffer;
};

/**
 * libvips threads per operation. Pinned, not per-host: the AVIF encoder's output depends on its
 * thread count, and rendition hashes must not depend on the machine. Parallelism comes from
 * libuv's pool running several operations at once.
 */
const SHARP_CONCURRENCY = 1;
let cacheDisabled = false;

/**
 * Applies the process-wide sharp settings media relies on: fixed concurrency (deterministic
 * output) and no operation cache (temp paths are reused names for new content; caching them
 * would serve stale pixels and hold memory for files already deleted).
 */
export function configureSharp(): void {
  sharp.concurrency(SHARP_CONCURRENCY);
  if (!cacheDisabled) {
    sharp.cache(false);
    cacheDisabled = true;
  }
}

/** Untrusted input: refuse bombs before decoding, fail on any decoder warning, honour EXIF orientation. */
function untrustedInput(limits: ImageLimits): SharpOptions {
  return { limitInputPixels: limits.maxPixels, failOn: 'warning', autoOrient: true };
}

/**
 * Dimensions (after EXIF orientation), format and alpha of an image, decoding it fully so that
 * truncated or corrupt pixel data is refused, not just a broken header.
 */
export async function inspectImage(
  path: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<({ ok: true } & ImageInfo) | ImageRefusal> {
  configureSharp();
  try {
    const image = sharp(path, untrustedInput(limits));
    const metadata = await image.metadata();
    await image.stats(); // decodes every pixel, streaming
    const { width, height } = metadata.autoOrient;
    return { ok: true, width, height, format: metadata.format, hasAlpha: metadata.hasAlpha };
  } catch (error) {
    return classifySharpError(error);
  }
}

export type NormalizeOptions = {
  /** The format sniffFile found; never the client's claim. */
  sourceFormat: ImageFormat;
  /** Where the master is written (a new file). */
  outputPath: string;
  limits?: ImageLimits;
};

/**
 * Turns an upload into the stored master: EXIF orientation applied, all metadata (EXIF, GPS, XMP,
 * ICC) dropped, colours in sRGB, re-encoded so nothing but pixels survives. JPEG stays JPEG;
 * everything else, SVG rasterised with librsvg included, becomes lossless PNG. A fully opaque
 * alpha channel is dropped so renditions can be JPEG.
 */
export async function normalizeMaster(
  sourcePath: string,
  options: NormalizeOptions,
): Promise<{ ok: true; master: NormalizedMaster } | ImageRefusal> {
  configureSharp();
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  const seconds = limits.maxSeconds ?? DEFAULT_IMAGE_LIMITS.maxSeconds;
  if (options.sourceFormat !== 'svg') {
    const format = options.sourceFormat === 'jpeg' ? 'jpeg' : 'png';
    return writeMaster(sharp(sourcePath, untrustedInput(limits)), format, options.outputPath, seconds);
  }
  const rendered = `${options.outputPath}.render.png`;
  try {
    const raster = await rasterizeSvg(sourcePath, rendered, limits, seconds);
    if (!raster.ok) return raster;
    return await writeMaster(
      sharp(rendered, { limitInputPixels: limits.maxPixels }),
      'png',
      options.outputPath,
      seconds,
    );
  } finally {
    await rm(rendered, { force: true });
  }
}

/** Encodes a decoded image as the master file (sRGB, no metadata, opaque alpha dropped). */
async function writeMaster(
  input: Sharp,
  format: 'jpeg' | 'png',
  outputPath: string,
  seconds: number,
): Promise<{ ok: true; master: NormalizedMaster } | ImageRefusal> {
  let encoded: { data: Buffer; info: OutputInfo };
  try {
    const image = input.toColourspace('srgb').timeout({ seconds });
    encoded = await encodeMaster(image, format).toBuffer({ resolveWithObject: true });
    if (format === 'png' && encoded.info.channels === 4 && (await sharp(encoded.data).stats()).isOpaque) {
      encoded = await encodeMaster(sharp(encoded.data).removeAlpha(), 'png').toBuffer({
        resolveWithObject: true,
      });
    }
  } catch (error) {
    return classifySharpError(error);
  }
  await writeFile(outputPath, encoded.data, { flag: 'wx' });
  const { data, info } = encoded;
  return {
    ok: true,
    master: {
      path: outputPath,
      format,
      width: info.width,
      height: info.height,
      hasAlpha: info.channels === 4,
      bytes: data.length,
      hash: sha256(data),
    },
  };
}

function encodeMaster(image: Sharp, format: 'jpeg' | 'png'): Sharp {
  return format === 'jpeg' ? image.jpeg(MASTER_ENCODING.jpeg) : image.png(MASTER_ENCODING.png);
}

const MIME: Record<RasterFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

/**
 * Renders every target of the spec from a master made by normalizeMaster, one target at a time
 * (only one resized image is held), as the base format (PNG with alpha, else JPEG) plus each
 * modern format that comes out smaller. Same master and spec, same bytes and hashes.
 */
export async function makeRenditions(
  masterPath: string,
  spec: RenditionSpec = RENDITION_SPEC,
): Promise<Rendition[]> {
  configureSharp();
  const { hasAlpha } = await sharp(masterPath).metadata();
  const baseFormat: RasterFormat = hasAlpha ? 'png' : 'jpeg';
  const renditions: Rendition[] = [];
  for (const target of spec.targets) {
    const { data, info } = await sharp(masterPath, { limitInputPixels: false })
      .resize({ width: target.width, height: target.height, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const encodeAs = async (format: RasterFormat): Promise<Rendition> => {
      const buffer = await sharp(data, pixels).toFormat(format, spec.encoding[format]).toBuffer();
      const { name, purpose } = target;
      const size = { width: info.width, height: info.height };
      return {
        name,
        purpose,
        ...size,
        format,
        mime: MIME[format],
        bytes: buffer.length,
        hash: sha256(buffer),
        buffer,
      };
    };
    const base = await encodeAs(baseFormat);
    renditions.push(base);
    for (const format of spec.modernFormats) {
      const candidate = await encodeAs(format);
      if (candidate.bytes < base.bytes) renditions.push(candidate);
    }
  }
  return renditions;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
