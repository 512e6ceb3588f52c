/* Limits on decoding untrusted images, and how libvips failures become refusals. */

export type ImageLimits = {
  /** Largest width × height decoded; larger images are refused before any pixel is decoded. */
  maxPixels: number;
  /** Longest processing of one upload, in seconds (SVG filter chains can be CPU bombs). */
  maxSeconds?: number;
};

export const DEFAULT_IMAGE_LIMITS = { maxPixels: 100_000_000, maxSeconds: 60 } satisfies ImageLimits;

export type ImageRefusalCode =
  | 'too_many_pixels'
  | 'too_complex'
  | 'truncated'
  | 'corrupt'
  | 'unsupported_type'
  | 'hostile_svg';
export type ImageRefusal = { ok: false; code: ImageRefusalCode; detail: string };

/** Maps a sharp/libvips input error to a refusal; these errors are about the file, not the server. */
export function classifySharpError(error: unknown): ImageRefusal {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return {
      ok: false,
      code: 'too_many_pixels',
      detail: 'The image has more pixels than the service accepts',
    };
  }
  if (/^timeout\b/i.test(message)) {
    return { ok: false, code: 'too_complex', detail: 'The image takes too long to render' };
  }
  if (
    /premature end|truncat|unexpected end|end of (file|stream|data)|not enough data|read error/i.test(message)
  ) {
    return { ok: false, code: 'truncated', detail: `The image data is incomplete (${firstLine(message)})` };
  }
  if (/unsupported image format|unknown format/i.test(message)) {
    return { ok: false, code: 'unsupported_type', detail: firstLine(message) };
  }
  return { ok: false, code: 'corrupt', detail: `The image cannot be decoded (${firstLine(message)})` };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
