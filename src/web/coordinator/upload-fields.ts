import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { FieldProblem } from '../../errors.js';
import type { MediaProblem } from '../../media/media-problems.js';
import type { UiLanguage } from '../i18n.js';

/**
 * The text fields a browser sent before the file part of an upload form, read from a copy of the
 * body while the upload itself streams the original. The copy is dropped as soon as the file
 * starts (the form puts the file last), so the file is never held in memory; the fields only
 * serve to fill the form in again after a refusal.
 */
export async function fieldsBeforeFile(copy: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const contentType = copy.headers.get('content-type') ?? '';
  if (!copy.body || !contentType.startsWith('multipart/form-data')) return fields;
  const input = Readable.fromWeb(copy.body as WebReadableStream<Uint8Array>);
  input.on('error', () => {});
  await new Promise<void>((done) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: { fields: 20, fieldSize: 64 * 1024 },
      });
    } catch {
      done();
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      stream.resume();
      input.unpipe(parser);
      input.destroy();
      done();
    });
    parser.on('close', () => done());
    parser.on('error', () => done());
    input.on('close', () => done());
    input.pipe(parser);
  });
  return fields;
}

const MEDIA_MESSAGES: Record<string, { sv: string; en: string }> = {
  no_file: { sv: 'Välj en fil att ladda upp.', en: 'Choose a file to upload.' },
  too_large: { sv: 'Filen är för stor.', en: 'The file is too large.' },
  empty: { sv: 'Filen är tom.', en: 'The file is empty.' },
  unsupported_type: {
    sv: 'Den sortens fil tas inte emot. Välj JPEG, PNG, WebP, AVIF, SVG, MP4, WebM eller PDF.',
    en: 'That kind of file is not accepted. Choose JPEG, PNG, WebP, AVIF, SVG, MP4, WebM or PDF.',
  },
  truncated: { sv: 'Filen är ofullständig.', en: 'The file is incomplete.' },
  corrupt: { sv: 'Filen är skadad.', en: 'The file is damaged.' },
  hostile_svg: {
    sv: 'SVG-filen innehåller skript eller hämtar innehåll utifrån.',
    en: 'The SVG contains scripts or external content.',
  },
  too_many_pixels: { sv: 'Bilden har för många bildpunkter.', en: 'The image has too many pixels.' },
  too_complex: { sv: 'Bilden är för komplicerad att behandla.', en: 'The image is too complex to process.' },
};

/** A media refusal as a problem next to the file field, in the page's language. */
export function mediaFieldProblem(problem: MediaProblem, lang: UiLanguage): FieldProblem {
  const known = MEDIA_MESSAGES[problem.code];
  return { field: 'file', message: known ? known[lang] : `${problem.title}: ${problem.detail}` };
}

/** An upload field problem in the page's language (the upload answers in English). */
export function uploadFieldProblem(problem: FieldProblem, lang: UiLanguage): FieldProblem {
  if (lang === 'en') return problem;
  const field = problem.field.split('.')[0] ?? problem.field;
  const swedish: Record<string, string> = {
    altText: 'Skriv en alternativtext: vad bilden visar och vad som står i den.',
    language: 'Välj ett av kampanjens språk.',
    focalX: 'Ange både vågrät och lodrät fokuspunkt, mellan 0 och 1, eller ingen av dem.',
    focalY: 'Ange en lodrät fokuspunkt mellan 0 och 1.',
    rightsExpiry: 'Ange sista dagen som ett datum.',
    title: 'Titeln får vara högst 200 tecken.',
    orientation: 'Välj ett av formaten.',
  };
  return { field, message: swedish[field] ?? problem.message };
}
