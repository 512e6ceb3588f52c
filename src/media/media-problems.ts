import type { MultipartRefusalReason } from './intake.js';
import type { ImageRefusalCode } from './images.js';
import type { SniffRefusalCode } from './sniff.js';

/** Every refusal the media core can answer, from intake through sniffing to decoding. */
export type MediaRefusalCode = MultipartRefusalReason | SniffRefusalCode | ImageRefusalCode;

export type MediaStatus = 400 | 413 | 415 | 422;

/** A refusal shaped for problem+json: `new AppError(p.status, p.code, p.title, p.detail)`. */
export type MediaProblem = { status: MediaStatus; code: MediaRefusalCode; title: string; detail: string };

const PROBLEMS: Record<MediaRefusalCode, { status: MediaStatus; title: string }> = {
  not_multipart: { status: 415, title: 'Send the file as multipart/form-data' },
  malformed: { status: 400, title: 'The form data cannot be read' },
  no_file: { status: 400, title: 'The form has no file' },
  several_files: { status: 400, title: 'Send one file per upload' },
  too_many_fields: { status: 400, title: 'The form has too many fields' },
  field_too_large: { status: 400, title: 'A form field is too long' },
  aborted: { status: 400, title: 'The upload was interrupted' },
  too_large: { status: 413, title: 'The upload is too large' },
  empty: { status: 400, title: 'The file is empty' },
  unsupported_type: { status: 415, title: 'This kind of file is not accepted' },
  truncated: { status: 422, title: 'The file is incomplete' },
  corrupt: { status: 422, title: 'The file is damaged' },
  hostile_svg: { status: 422, title: 'The SVG contains active or external content' },
  too_many_pixels: { status: 422, title: 'The image has too many pixels' },
  too_complex: { status: 422, title: 'The image is too complex to process' },
};

/** The HTTP status and title for a media refusal code, with the refusal's own detail. */
export function mediaProblem(code: MediaRefusalCode, detail: string): MediaProblem {
  const { status, title } = PROBLEMS[code];
  return { status, code, title, detail };
}
