import { type FileWindow, refuseStructure, STRUCTURE_OK, type StructureVerdict } from './file-window.js';
import { isPdfWhitespace, lexPdfToken } from './pdf-lexer.js';
import {
  decodeStreamData,
  dictGet,
  dictName,
  readXrefStreamEntries,
  type XrefStreamEntry,
} from './pdf-stream-data.js';
import { type PdfDict, PdfSyntaxWalker } from './pdf-syntax-walker.js';

/*
 * Refuses PDFs that carry active or embedded content. Every token of the file's syntax is read in
 * order (stream data is stepped over), names are compared after their #xx escapes are decoded, and
 * object streams are decompressed and read too, since dictionaries (the catalog with its
 * /OpenAction, annotations with /AA) usually live in them. Finally every object the
 * cross-reference data lets a reader reach must be one the scan read: an object hidden inside
 * another stream's data, or in an object stream the scan could not open, refuses the file.
 * Content streams (drawing operators) are not decompressed: they cannot hold actions.
 */

/** The names that mark active or embedded content, with what they are in a refusal's words. */
export const ACTIVE_PDF_NAMES: ReadonlyMap<string, string> = new Map([
  ['JavaScript', 'JavaScript'],
  ['JS', 'JavaScript'],
  ['Launch', 'an action that launches programs'],
  ['EmbeddedFile', 'an embedded file'],
  ['EmbeddedFiles', 'embedded files'],
  ['AA', 'automatic actions (/AA)'],
  ['RichMedia', 'rich media (Flash or embedded players)'],
  ['XFA', 'an XFA form'],
]);

/** Small reads are served from the file window's cache, so stepping over many small streams stays cheap. */
const SYNTAX_CHUNK_BYTES = 16 * 1024;
const SEARCH_CHUNK_BYTES = 1024 * 1024;
const MAX_TOKEN_BYTES = 8 * 1024 * 1024;
/** Decompressed object and cross-reference streams read per file, at most. */
const DECODE_BUDGET_BYTES = 64 * 1024 * 1024;
const ENDSTREAM = Buffer.from('endstream', 'latin1');

type Scan = {
  file: FileWindow;
  walker: PdfSyntaxWalker;
  budget: number;
  objectStreams: Set<number>;
  streamEntries: XrefStreamEntry[];
};

/** Refuses the PDF if its syntax, or any object stream, names active or embedded content. */
export async function checkPdfActiveContent(file: FileWindow): Promise<StructureVerdict> {
  const scan: Scan = {
    file,
    walker: new PdfSyntaxWalker(),
    budget: DECODE_BUDGET_BYTES,
    objectStreams: new Set(),
    streamEntries: [],
  };
  let bufStart = 0;
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;
  for (;;) {
    const final = bufStart + buf.length >= file.size;
    const lexed = lexPdfToken(buf, pos, final);
    if (lexed.kind === 'end') break;
    if (lexed.kind === 'unterminated')
      return refuseStructure('corrupt', 'The PDF has an unterminated string');
    if (lexed.kind === 'more') {
      if (buf.length - pos > MAX_TOKEN_BYTES) return uncheckable('a token longer than 8 MiB');
      const chunk = await file.read(bufStart + buf.length, SYNTAX_CHUNK_BYTES);
      buf = Buffer.concat([buf.subarray(pos), chunk]);
      bufStart += pos;
      pos = 0;
      continue;
    }
    const { token } = lexed;
    if (token.kind === 'name') {
      const refusal = refuseActiveName(token.value, 'the document');
      if (refusal) return refusal;
    }
    pos = lexed.end;
    const event = scan.walker.accept(token, bufStart + lexed.start, bufStart + lexed.end);
    if (event.kind === 'misplaced-stream') {
      return refuseStructure('corrupt', 'The PDF has a stream keyword without a dictionary before it');
    }
    if (event.kind === 'stream') {
      const next = await readStream(scan, bufStart + lexed.end, event.dict, event.objectNumber);
      if (typeof next !== 'number') return next;
      bufStart = next;
      buf = Buffer.alloc(0);
      pos = 0;
    }
  }
  return checkReachableObjects(scan);
}

function refuseActiveName(name: string, where: string): StructureVerdict | null {
  const what = ACTIVE_PDF_NAMES.get(name);
  if (!what) return null;
  return refuseStructure(
    'unsupported_type',
    `PDFs with ${what} are not accepted (found /${name} in ${where})`,
  );
}

function uncheckable(why: string): StructureVerdict {
  return refuseStructure('unsupported_type', `The PDF cannot be checked for active content: ${why}`);
}

/**
 * Steps over one stream's data to the first `endstream` after it (never trusting /Length, so data
 * a reader might take as syntax is read as syntax), decoding object and cross-reference streams.
 * Answers where scanning resumes.
 */
async function readStream(
  scan: Scan,
  keywordEnd: number,
  dict: PdfDict,
  objectNumber: number | null,
): Promise<number | StructureVerdict> {
  const eol = await scan.file.read(keywordEnd, 2);
  const dataStart = keywordEnd + (eol[0] === 0x0d && eol[1] === 0x0a ? 2 : isPdfWhitespace(eol[0]) ? 1 : 0);
  const endstream = await findInFile(scan.file, ENDSTREAM, dataStart);
  if (endstream === -1) return refuseStructure('truncated', 'A PDF stream has no endstream');
  const type = dictName(dict, 'Type');
  if (type !== 'ObjStm' && type !== 'XRef') return endstream + ENDSTREAM.length;
  const length = dictGet(dict, 'Length');
  const declaredEnd = length?.kind === 'number' && length.integer ? dataStart + length.value : endstream;
  const data = await scan.file.read(dataStart, Math.max(0, Math.min(declaredEnd, endstream) - dataStart));
  const decoded = decodeStreamData(dict, data, scan.budget);
  const label = type === 'ObjStm' ? 'an object stream' : 'a cross-reference stream';
  if (!decoded.ok) return uncheckable(`${label} cannot be read, because ${decoded.detail}`);
  scan.budget -= decoded.bytes.length;
  if (type === 'XRef') {
    const entries = readXrefStreamEntries(dict, decoded.bytes);
    if (!entries) return refuseStructure('corrupt', 'A PDF cross-reference stream is malformed');
    scan.streamEntries.push(...entries);
  } else {
    const refusal = findActiveNames(decoded.bytes, `object stream ${objectNumber ?? '?'}`);
    if (refusal) return refusal;
    if (objectNumber !== null) scan.objectStreams.add(objectNumber);
  }
  return endstream + ENDSTREAM.length;
}

/** Every name in a decoded object stream, checked. */
function findActiveNames(bytes: Buffer, where: string): StructureVerdict | null {
  let pos = 0;
  for (;;) {
    const lexed = lexPdfToken(bytes, pos, true);
    if (lexed.kind === 'end') return null;
    if (lexed.kind !== 'token')
      return refuseStructure('corrupt', `The PDF ${where} has an unterminated string`);
    if (lexed.token.kind === 'name') {
      const refusal = refuseActiveName(lexed.token.value, where);
      if (refusal) return refusal;
    }
    pos = lexed.end;
  }
}

/** Every object a cross-reference section lists must start where the scan saw an object header. */
function checkReachableObjects(scan: Scan): StructureVerdict {
  const headers = scan.walker.objectHeaders;
  const offsets = [
    ...scan.walker.tableOffsets,
    ...scan.streamEntries.flatMap((entry) => (entry.type === 1 && entry.offset > 0 ? [entry.offset] : [])),
  ];
  for (const offset of offsets) {
    if (!startsAnObject(headers, offset)) {
      return refuseStructure(
        'corrupt',
        `The PDF cross-reference points at offset ${offset}, where no object starts`,
      );
    }
  }
  for (const entry of scan.streamEntries) {
    if (entry.type === 2 && !scan.objectStreams.has(entry.container)) {
      return uncheckable(
        `objects are listed in object ${entry.container}, which is not a readable object stream`,
      );
    }
  }
  return STRUCTURE_OK;
}

/** Whether the offset falls on an object header or the whitespace just before it (headers are in file order). */
function startsAnObject(headers: readonly { gapStart: number; start: number }[], offset: number): boolean {
  let low = 0;
  let high = headers.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const header = headers[middle] as { gapStart: number; start: number };
    if (offset < header.gapStart) high = middle - 1;
    else if (offset > header.start) low = middle + 1;
    else return true;
  }
  return false;
}

/** The offset of the first occurrence of `needle` at or after `from`, reading small chunks first, then large. */
async function findInFile(file: FileWindow, needle: Buffer, from: number): Promise<number> {
  let chunkBytes = SYNTAX_CHUNK_BYTES;
  for (let at = from; at < file.size; at += chunkBytes, chunkBytes = SEARCH_CHUNK_BYTES) {
    const chunk = await file.read(at, chunkBytes + needle.length - 1);
    const found = chunk.indexOf(needle);
    if (found !== -1) return at + found;
  }
  return -1;
}
