/*
 * The PDF token grammar (ISO 32000-1, 7.2), enough to find every name in the file's syntax and to
 * step over strings and comments, where text that looks like a name is not one. The lexer works on
 * one buffer; when a token may continue past the buffer's end it answers `more`, and the caller
 * appends the next bytes and asks again from the same position.
 */

export type PdfToken =
  | { kind: 'name'; value: string }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'keyword'; value: string }
  | { kind: 'string' }
  | { kind: 'dict-open' | 'dict-close' | 'array-open' | 'array-close' | 'junk' };

/** One lexed token with its byte range in the buffer, the end of the input, or a need for more bytes. */
export type LexResult =
  | { kind: 'token'; token: PdfToken; start: number; end: number }
  | { kind: 'end' }
  | { kind: 'more' }
  | { kind: 'unterminated'; start: number };

const WHITESPACE = 1;
const DELIMITER = 2;
/** Byte classes by table lookup: the lexer runs once per byte of a document's syntax. */
const CLASSES = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASSES[byte] = WHITESPACE;
for (const byte of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASSES[byte] = DELIMITER;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Whether a byte is PDF whitespace. */
export function isPdfWhitespace(byte: number | undefined): boolean {
  return byte !== undefined && CLASSES[byte] === WHITESPACE;
}

function isRegular(byte: number): boolean {
  return CLASSES[byte] === 0;
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * The next token at or after `from`. `final` says the buffer holds the rest of the input, so a
 * token touching its end is complete rather than possibly cut.
 */
export function lexPdfToken(buf: Buffer, from: number, final: boolean): LexResult {
  let at = from;
  for (;;) {
    while (at < buf.length && CLASSES[buf[at] as number] === WHITESPACE) at++;
    if (at >= buf.length) return final ? { kind: 'end' } : { kind: 'more' };
    if (buf[at] !== 0x25) break;
    const lineEnd = findLineEnd(buf, at);
    if (lineEnd === -1) return final ? { kind: 'end' } : { kind: 'more' };
    at = lineEnd;
  }
  const start = at;
  const byte = buf[at] as number;
  switch (byte) {
    case 0x2f:
      return lexName(buf, start, final);
    case 0x28: {
      const end = skipLiteralString(buf, start);
      if (end !== -1) return tokenAt({ kind: 'string' }, start, end);
      return final ? { kind: 'unterminated', start } : { kind: 'more' };
    }
    case 0x3c:
      if (at + 1 >= buf.length && !final) return { kind: 'more' };
      if (buf[at + 1] === 0x3c) return tokenAt({ kind: 'dict-open' }, start, at + 2);
      return lexHexString(buf, start, final);
    case 0x3e:
      if (at + 1 >= buf.length && !final) return { kind: 'more' };
      return buf[at + 1] === 0x3e
        ? tokenAt({ kind: 'dict-close' }, start, at + 2)
        : tokenAt({ kind: 'junk' }, start, at + 1);
    case 0x5b:
      return tokenAt({ kind: 'array-open' }, start, at + 1);
    case 0x5d:
      return tokenAt({ kind: 'array-close' }, start, at + 1);
    default:
      if (!isRegular(byte)) return tokenAt({ kind: 'junk' }, start, at + 1);
  }
  while (at < buf.length && isRegular(buf[at] as number)) at++;
  if (at >= buf.length && !final) return { kind: 'more' };
  const text = buf.toString('latin1', start, at);
  if (NUMBER.test(text)) {
    return tokenAt({ kind: 'number', value: Number(text), integer: !/[.]/.test(text) }, start, at);
  }
  return tokenAt({ kind: 'keyword', value: text }, start, at);
}

function tokenAt(token: PdfToken, start: number, end: number): LexResult {
  return { kind: 'token', token, start, end };
}

/** A name with its `#xx` escapes decoded, so `/J#61vaScript` reads as `JavaScript`. */
function lexName(buf: Buffer, start: number, final: boolean): LexResult {
  let at = start + 1;
  while (at < buf.length && isRegular(buf[at] as number)) at++;
  if (at >= buf.length && !final) return { kind: 'more' };
  const raw = buf.subarray(start + 1, at);
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number;
    const high = raw[i + 1];
    const low = raw[i + 2];
    if (c === 0x23 && high !== undefined && low !== undefined && isHexDigit(high) && isHexDigit(low)) {
      bytes.push(Number.parseInt(String.fromCharCode(high, low), 16));
      i += 2;
    } else {
      bytes.push(c);
    }
  }
  const value = Buffer.from(bytes).toString('latin1');
  return { kind: 'token', token: { kind: 'name', value }, start, end: at };
}

/** The end of a balanced literal string `( … )` with backslash escapes, or -1 if it runs past the buffer. */
function skipLiteralString(buf: Buffer, start: number): number {
  let depth = 0;
  for (let at = start; at < buf.length; at++) {
    const c = buf[at];
    if (c === 0x5c) at++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return at + 1;
  }
  return -1;
}

/**
 * A hex string `< … >`. Anything but hex digits and whitespace inside ends it early as junk, so
 * the bytes after are lexed as syntax: readers disagree about such strings, and reading more of
 * the file as syntax can only find more, never hide a name.
 */
function lexHexString(buf: Buffer, start: number, final: boolean): LexResult {
  for (let at = start + 1; at < buf.length; at++) {
    const c = buf[at] as number;
    if (c === 0x3e) return { kind: 'token', token: { kind: 'string' }, start, end: at + 1 };
    if (!isHexDigit(c) && CLASSES[c] !== WHITESPACE) {
      return { kind: 'token', token: { kind: 'junk' }, start, end: start + 1 };
    }
  }
  return final ? { kind: 'unterminated', start } : { kind: 'more' };
}

function findLineEnd(buf: Buffer, from: number): number {
  for (let at = from; at < buf.length; at++) {
    if (buf[at] === 0x0a || buf[at] === 0x0d) return at;
  }
  return -1;
}
