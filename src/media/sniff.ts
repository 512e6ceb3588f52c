import { fileTypeFromBuffer } from 'file-type';
import { FileWindow, type StructureVerdict } from './file-window.js';
import { checkAvifStructure, checkMp4Structure } from './iso-bmff.js';
import { checkPdfStructure } from './pdf-structure.js';
import { checkJpegStructure, checkPngStructure, checkWebpStructure } from './raster-structure.js';
import { checkSvgSafety } from './svg-safety.js';
import { checkWebmStructure } from './webm-structure.js';

export type MediaKind = 'image' | 'video' | 'pdf';
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'svg';
export type MediaFormat = ImageFormat | 'mp4' | 'webm' | 'pdf';

export type SniffRefusalCode =
  | 'empty'
  | 'unsupported_type'
  | 'truncated'
  | 'corrupt'
  | 'hostile_svg'
  | 'too_large';

export type SniffOutcome =
  | { ok: true; kind: MediaKind; format: MediaFormat; mime: string }
  | { ok: false; code: SniffRefusalCode; detail: string };

export type SniffOptions = {
  /** Largest SVG (XML text) accepted; SVG is parsed in memory. */
  maxSvgBytes?: number;
};

export const DEFAULT_MAX_SVG_BYTES = 5 * 1024 * 1024;

/** The kind and MIME type of each accepted format. */
export const MEDIA_FORMATS: Record<MediaFormat, { kind: MediaKind; mime: string }> = {
  jpeg: { kind: 'image', mime: 'image/jpeg' },
  png: { kind: 'image', mime: 'image/png' },
  webp: { kind: 'image', mime: 'image/webp' },
  avif: { kind: 'image', mime: 'image/avif' },
  svg: { kind: 'image', mime: 'image/svg+xml' },
  mp4: { kind: 'video', mime: 'video/mp4' },
  webm: { kind: 'video', mime: 'video/webm' },
  pdf: { kind: 'pdf', mime: 'application/pdf' },
};

const HEAD_BYTES = 4100;

/**
 * Decides what a file is from its bytes alone (never its name or claimed type) and checks that it
 * is complete: magic numbers via file-type for the raster formats, our own container walks for
 * truncation and appended data, and a full safety parse for SVG.
 */
export async function sniffFile(path: string, options: SniffOptions = {}): Promise<SniffOutcome> {
  const file = await FileWindow.open(path);
  try {
    if (file.size === 0) return { ok: false, code: 'empty', detail: 'The file is empty' };
    const head = await file.read(0, HEAD_BYTES);
    const format = await detectFormat(head);
    if (typeof format !== 'string') return format;
    if (format === 'svg') return await sniffSvg(file, options.maxSvgBytes ?? DEFAULT_MAX_SVG_BYTES);
    const verdict = await STRUCTURE_CHECKS[format](file);
    return verdict.ok ? accept(format) : verdict;
  } finally {
    await file.close();
  }
}

const STRUCTURE_CHECKS: Record<
  Exclude<MediaFormat, 'svg'>,
  (file: FileWindow) => Promise<StructureVerdict>
> = {
  jpeg: checkJpegStructure,
  png: checkPngStructure,
  webp: checkWebpStructure,
  avif: checkAvifStructure,
  mp4: checkMp4Structure,
  webm: checkWebmStructure,
  pdf: checkPdfStructure,
};

type Refusal = Extract<SniffOutcome, { ok: false }>;

/** The candidate format by magic bytes; structure is checked afterwards. */
async function detectFormat(head: Buffer): Promise<MediaFormat | Refusal> {
  // Containers we validate ourselves are routed by their own magic, so a PDF that file-type calls
  // Illustrator, or an MP4 it calls MOV, still gets the one check that decides.
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  const detected = await fileTypeFromBuffer(head);
  if (head.toString('latin1', 4, 8) === 'ftyp') return detected?.ext === 'avif' ? 'avif' : 'mp4';
  switch (detected?.ext) {
    case 'jpg':
      return 'jpeg';
    case 'png':
    case 'apng':
      return 'png';
    case 'webp':
      return 'webp';
    case undefined:
    case 'xml':
      return looksLikeXml(head) ? 'svg' : unsupported('The content is not a supported image, video or PDF');
    default:
      return unsupported(`The content is ${detected?.mime}, which is not accepted`);
  }
}

/** Text starting (after an optional UTF-8 byte order mark and whitespace) with '<' and no NUL bytes. */
function looksLikeXml(head: Buffer): boolean {
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  return /^\s*</.test(text) && !text.includes('\0');
}

async function sniffSvg(file: FileWindow, maxSvgBytes: number): Promise<SniffOutcome> {
  if (file.size > maxSvgBytes) {
    return {
      ok: false,
      code: 'too_large',
      detail: `XML/SVG documents are accepted up to ${maxSvgBytes} bytes`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await file.readAll());
  } catch {
    return unsupported('The text is not valid UTF-8');
  }
  const verdict = checkSvgSafety(text);
  if (verdict.ok) return accept('svg');
  if (verdict.code === 'hostile_svg') return { ok: false, code: 'hostile_svg', detail: verdict.detail };
  return unsupported(verdict.detail);
}

function accept(format: MediaFormat): SniffOutcome {
  return { ok: true, format, ...MEDIA_FORMATS[format] };
}

function unsupported(detail: string): Refusal {
  return { ok: false, code: 'unsupported_type', detail };
}
