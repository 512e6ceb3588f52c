import { inflateSync } from 'node:zlib';
import type { PdfDict, PdfValue } from './pdf-syntax-walker.js';

/*
 * Decoding of the two stream kinds the active-content scan must read: object streams (which hold
 * dictionaries, so actions can hide there) and cross-reference streams (which say where objects
 * are). Only Flate with PNG predictors is decoded, which is what PDF writers use for both; any
 * other filter makes the stream uncheckable, and the scan refuses the file rather than guess.
 */

/** Decoded bytes, or why the stream cannot be read. */
export type Decoded = { ok: true; bytes: Buffer } | { ok: false; detail: string };

/** An entry of a cross-reference stream: an object at a file offset, or inside an object stream. */
export type XrefStreamEntry = { type: 1; offset: number } | { type: 2; container: number };

/** A dictionary entry, if present. */
export function dictGet(dict: PdfDict, key: string): PdfValue | undefined {
  return dict.entries.get(key);
}

/** The name a dictionary entry holds directly, if it holds one. */
export function dictName(dict: PdfDict, key: string): string | undefined {
  const value = dict.entries.get(key);
  return value?.kind === 'name' ? value.value : undefined;
}

function dictInteger(dict: PdfDict | undefined, key: string, fallback: number): number | null {
  const value = dict?.entries.get(key);
  if (value === undefined) return fallback;
  return value.kind === 'number' && value.integer ? value.value : null;
}

function integers(value: PdfValue | undefined): number[] | null {
  if (value?.kind !== 'array') return null;
  const numbers = value.items.map((item) => (item.kind === 'number' && item.integer ? item.value : null));
  return numbers.every((n): n is number => n !== null) ? numbers : null;
}

/** Undoes the stream's filters, producing at most `maxBytes`. */
export function decodeStreamData(dict: PdfDict, data: Buffer, maxBytes: number): Decoded {
  const filter = dictGet(dict, 'Filter');
  const filters = filter === undefined ? [] : filter.kind === 'array' ? filter.items : [filter];
  const parmsValue = dictGet(dict, 'DecodeParms') ?? dictGet(dict, 'DP');
  if (filters.length > 1) return { ok: false, detail: 'it uses a chain of filters' };
  const only = filters[0];
  if (only === undefined) return data.length <= maxBytes ? { ok: true, bytes: data } : tooLarge();
  if (only.kind !== 'name' || (only.value !== 'FlateDecode' && only.value !== 'Fl')) {
    return { ok: false, detail: `it uses the filter ${only.kind === 'name' ? only.value : '(indirect)'}` };
  }
  let inflated: Buffer;
  try {
    inflated = inflateSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
      ? tooLarge()
      : { ok: false, detail: 'its compressed data cannot be read (damaged or encrypted)' };
  }
  const parms = parmsValue?.kind === 'array' ? parmsValue.items[0] : parmsValue;
  if (parms !== undefined && parms.kind !== 'dict' && parms.kind !== 'other') {
    return { ok: false, detail: 'its decode parameters are not a dictionary' };
  }
  return undoPredictor(inflated, parms?.kind === 'dict' ? parms : undefined);
}

function tooLarge(): Decoded {
  return { ok: false, detail: 'it decompresses beyond the size the check reads' };
}

/** PNG predictors (10–15) row by row; TIFF predictor 2 is not used for these streams and is refused. */
function undoPredictor(data: Buffer, parms: PdfDict | undefined): Decoded {
  const predictor = dictInteger(parms, 'Predictor', 1);
  const columns = dictInteger(parms, 'Columns', 1);
  const colors = dictInteger(parms, 'Colors', 1);
  const bits = dictInteger(parms, 'BitsPerComponent', 8);
  if (predictor === 1) return { ok: true, bytes: data };
  if (predictor === null || predictor < 10 || !columns || !colors || !bits || columns < 1) {
    return { ok: false, detail: `it uses the predictor ${predictor ?? '(invalid)'}` };
  }
  const pixelBytes = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowBytes = Math.ceil((columns * colors * bits) / 8);
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowBytes + 1)];
    const source = row * (rowBytes + 1) + 1;
    const target = row * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[source + i] as number;
      const left = i >= pixelBytes ? (out[target + i - pixelBytes] as number) : 0;
      const up = row > 0 ? (out[target - rowBytes + i] as number) : 0;
      const upLeft = row > 0 && i >= pixelBytes ? (out[target - rowBytes + i - pixelBytes] as number) : 0;
      out[target + i] = (raw + predict(type, left, up, upLeft)) & 0xff;
    }
  }
  return { ok: true, bytes: out };
}

function predict(type: number | undefined, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      return 0;
  }
}

/** The entries of a decoded cross-reference stream, by its /W field widths and /Index ranges. */
export function readXrefStreamEntries(dict: PdfDict, bytes: Buffer): XrefStreamEntry[] | null {
  const widths = integers(dictGet(dict, 'W'));
  const size = dictInteger(dict, 'Size', 0);
  const index = integers(dictGet(dict, 'Index')) ?? [0, size ?? 0];
  if (!widths || widths.length < 3 || widths.some((w) => w < 0 || w > 8) || index.length % 2 !== 0)
    return null;
  const [typeWidth, secondWidth, thirdWidth] = widths as [number, number, number];
  const entryBytes = typeWidth + secondWidth + thirdWidth;
  const count = index.reduce((sum, n, i) => (i % 2 === 1 ? sum + n : sum), 0);
  if (entryBytes === 0 || count * entryBytes > bytes.length) return null;
  const entries: XrefStreamEntry[] = [];
  for (let at = 0; at + entryBytes <= count * entryBytes; at += entryBytes) {
    const type = typeWidth === 0 ? 1 : readUnsigned(bytes, at, typeWidth);
    const second = readUnsigned(bytes, at + typeWidth, secondWidth);
    if (type === 1) entries.push({ type: 1, offset: second });
    else if (type === 2) entries.push({ type: 2, container: second });
  }
  return entries;
}

function readUnsigned(bytes: Buffer, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (bytes[at + i] as number);
  return value;
}
