import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { writeFully } from './storage.js';

export type ReceiveOptions = {
  /** Largest accepted upload in bytes; one byte more aborts the transfer. */
  maxBytes: number;
  /** Folder for the temp file; created if missing. */
  tmpDir: string;
};

export type ReceivedUpload = { tmpPath: string; hash: string; bytes: number };

export type ReceiveOutcome =
  | ({ ok: true } & ReceivedUpload)
  | { ok: false; reason: 'too_large'; detail: string }
  | { ok: false; reason: 'aborted'; detail: string };

/**
 * Streams an upload into a fresh temp file while hashing and counting it. Over the limit, or when
 * the source fails (client went away), the temp file is removed and a refusal is answered.
 */
export async function receiveUpload(
  source: AsyncIterable<Uint8Array>,
  options: ReceiveOptions,
): Promise<ReceiveOutcome> {
  await mkdir(options.tmpDir, { recursive: true });
  const tmpPath = join(options.tmpDir, `upload-${randomUUID()}.part`);
  const hasher = createHash('sha256');
  let bytes = 0;
  let outcome: ReceiveOutcome | undefined;
  const handle = await open(tmpPath, 'wx', 0o600);
  try {
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      if (bytes > options.maxBytes) {
        outcome = { ok: false, reason: 'too_large', detail: `The upload exceeds ${options.maxBytes} bytes` };
        break; // ends the iteration, which destroys a Node stream source
      }
      hasher.update(chunk);
      await writeFully(handle, chunk);
    }
  } catch (error) {
    outcome = { ok: false, reason: 'aborted', detail: `The upload stream failed: ${messageOf(error)}` };
  } finally {
    await handle.close();
  }
  if (outcome) {
    await rm(tmpPath, { force: true });
    return outcome;
  }
  return { ok: true, tmpPath, hash: hasher.digest('hex'), bytes };
}

export type MultipartOptions = ReceiveOptions & {
  /** Most non-file fields accepted (default 20). */
  maxFields?: number;
  /** Largest accepted field value in bytes (default 64 KiB). */
  maxFieldBytes?: number;
};

export type MultipartRefusalReason =
  | 'not_multipart'
  | 'malformed'
  | 'no_file'
  | 'several_files'
  | 'too_many_fields'
  | 'field_too_large'
  | 'too_large'
  | 'aborted';

export type MultipartOutcome =
  | {
      ok: true;
      /** filename is for display only: the client's name, reduced to a harmless base name. */
      file: ReceivedUpload & { filename: string };
      fields: Record<string, string>;
    }
  | { ok: false; reason: MultipartRefusalReason; detail: string };

type Refusal = Extract<MultipartOutcome, { ok: false }>;

/**
 * Reads a multipart/form-data request with exactly one file part into a temp file, plus its text
 * fields. On any refusal the temp file is gone and the rest of the body is not read.
 */
export async function parseMultipartUpload(
  request: Request,
  options: MultipartOptions,
): Promise<MultipartOutcome> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    return refuse('not_multipart', 'Send the file as multipart/form-data');
  }
  if (!request.body) return refuse('no_file', 'The request has no body');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: {
        files: 1,
        fields: options.maxFields ?? 20,
        fieldSize: options.maxFieldBytes ?? 64 * 1024,
        fieldNameSize: 200,
        parts: (options.maxFields ?? 20) + 2,
      },
    });
  } catch (error) {
    return refuse('malformed', `Unreadable multipart header: ${messageOf(error)}`);
  }
  const input = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  const outcome = await collectParts(input, parser, options);
  if (!input.readableEnded) input.destroy();
  return outcome;
}

/** Drives busboy over the body and settles once the form ended or the file was refused early. */
async function collectParts(
  input: Readable,
  parser: busboy.Busboy,
  options: MultipartOptions,
): Promise<MultipartOutcome> {
  const fields: Record<string, string> = Object.create(null);
  let refusal: Refusal | undefined;
  let received: Promise<ReceiveOutcome> | undefined;
  let filename = '';
  let fileStream: Readable | undefined;
  let formEnded = false;
  const refuseOnce = (reason: MultipartRefusalReason, detail: string) => {
    refusal ??= { ok: false, reason, detail };
  };

  await new Promise<void>((settle) => {
    parser.on('file', (_name, stream, info) => {
      if (received) {
        stream.on('error', () => {});
        stream.resume();
        refuseOnce('several_files', 'Send exactly one file per request');
        return;
      }
      filename = sanitizeFilename(info.filename);
      fileStream = stream;
      // receiveUpload sees the failure through its iteration; this keeps the late 'error' event
      // busboy emits on a destroyed file stream from becoming an uncaught exception.
      stream.on('error', () => {});
      received = receiveUpload(stream, options);
      // A file over the limit settles at once: the rest of the body is not worth reading. A file
      // stream that failed was failed by busboy, whose own error event follows and settles.
      void received.then((result) => (!result.ok && result.reason === 'too_large' ? settle() : undefined));
    });
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated)
        refuseOnce('field_too_large', `Field "${name}" is too long`);
      else fields[name] = value;
    });
    parser.on('filesLimit', () => refuseOnce('several_files', 'Send exactly one file per request'));
    parser.on('fieldsLimit', () => refuseOnce('too_many_fields', 'The form has too many fields'));
    parser.on('partsLimit', () => refuseOnce('too_many_fields', 'The form has too many parts'));
    parser.on('error', (error) => {
      refuseOnce('malformed', `Unreadable multipart body: ${messageOf(error)}`);
      settle();
    });
    parser.on('close', () => {
      formEnded = true;
      settle();
    });
    input.on('error', (error) => {
      refuseOnce('aborted', `The request body failed: ${messageOf(error)}`);
      settle();
    });
    input.pipe(parser);
  });

  input.unpipe(parser);
  // Settled early (error, refusal): a file part still being written would never end by itself.
  if (!formEnded) fileStream?.destroy(new Error('the multipart body ended early'));
  const file = received ? await received : undefined;
  if (file && !file.ok)
    return file.reason === 'too_large' || !refusal ? { ok: false, ...pick(file) } : refusal;
  if (refusal || !file) {
    if (file) await rm(file.tmpPath, { force: true });
    return refusal ?? refuse('no_file', 'The form has no file part');
  }
  return { ok: true, file: { tmpPath: file.tmpPath, hash: file.hash, bytes: file.bytes, filename }, fields };
}

/** A client file name reduced to something safe to show: no folders, control or bidi characters. */
export function sanitizeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned === '.' || cleaned === '..' ? '' : cleaned;
}

function pick(refused: Extract<ReceiveOutcome, { ok: false }>): {
  reason: MultipartRefusalReason;
  detail: string;
} {
  return { reason: refused.reason, detail: refused.detail };
}

function refuse(reason: MultipartRefusalReason, detail: string): Refusal {
  return { ok: false, reason, detail };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
