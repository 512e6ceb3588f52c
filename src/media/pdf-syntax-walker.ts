import type { PdfToken } from './pdf-lexer.js';

/*
 * Builds PDF objects from tokens, only as far as the active-content scan needs: where each
 * indirect object starts, the dictionary in front of each `stream` keyword, and the offsets listed
 * in classic cross-reference tables. Values it does not need (strings, booleans) stay opaque.
 */

export type PdfValue =
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'ref'; num: number; gen: number }
  | { kind: 'dict'; entries: Map<string, PdfValue> }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'other' };

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;

/** What a token meant to the scan: nothing special, a stream starting, or a stream keyword out of place. */
export type WalkEvent =
  | { kind: 'none' }
  | { kind: 'stream'; dict: PdfDict; objectNumber: number | null }
  | { kind: 'misplaced-stream' };

type Positioned = { value: PdfValue; start: number; gapStart: number };
type Frame = { kind: 'dict' | 'array'; items: PdfValue[] };

const OTHER: PdfValue = { kind: 'other' };
const NONE: WalkEvent = { kind: 'none' };

/** Tracks object headers, stream dictionaries and classic xref entries across a token sequence. */
export class PdfSyntaxWalker {
  /** Byte offsets of `N G obj` headers, each with where the whitespace before it begins. */
  readonly objectHeaders: { gapStart: number; start: number }[] = [];
  /** Offsets of in-use objects listed by classic `xref` tables. */
  readonly tableOffsets: number[] = [];

  private frames: Frame[] = [];
  private recent: Positioned[] = [];
  private objectNumber: number | null = null;
  private inXrefTable = false;
  private xrefNumbers: number[] = [];
  private previousTokenEnd = 0;
  private gapStart = 0;

  /** Takes the next token, starting at absolute byte `start` and ending at `end`. */
  accept(token: PdfToken, start: number, end: number): WalkEvent {
    this.gapStart = this.previousTokenEnd;
    this.previousTokenEnd = end;
    if (this.inXrefTable && this.acceptXrefToken(token)) return NONE;
    switch (token.kind) {
      case 'number':
        this.push({ kind: 'number', value: token.value, integer: token.integer }, start);
        return NONE;
      case 'name':
        this.push({ kind: 'name', value: token.value }, start);
        return NONE;
      case 'string':
        this.push(OTHER, start);
        return NONE;
      case 'dict-open':
      case 'array-open':
        this.frames.push({ kind: token.kind === 'dict-open' ? 'dict' : 'array', items: [] });
        return NONE;
      case 'dict-close':
      case 'array-close':
        this.closeFrame(token.kind === 'dict-close' ? 'dict' : 'array', start);
        return NONE;
      case 'keyword':
        return this.acceptKeyword(token.value, start);
      case 'junk':
        return NONE;
    }
  }

  private acceptKeyword(keyword: string, start: number): WalkEvent {
    switch (keyword) {
      case 'R':
        this.makeReference(start);
        return NONE;
      case 'obj':
        this.startObject();
        return NONE;
      case 'endobj':
        this.reset();
        this.objectNumber = null;
        return NONE;
      case 'stream': {
        const dict = this.frames.length === 0 ? this.recent.at(-1)?.value : undefined;
        this.reset();
        return dict?.kind === 'dict'
          ? { kind: 'stream', dict, objectNumber: this.objectNumber }
          : { kind: 'misplaced-stream' };
      }
      case 'xref':
        this.reset();
        this.inXrefTable = true;
        this.xrefNumbers = [];
        return NONE;
      default:
        this.push(OTHER, start);
        return NONE;
    }
  }

  /** Entries of a classic table: `offset generation n|f`, after `start count` subsection headers. */
  private acceptXrefToken(token: PdfToken): boolean {
    if (token.kind === 'number' && token.integer) {
      this.xrefNumbers.push(token.value);
      return true;
    }
    if (token.kind === 'keyword' && (token.value === 'n' || token.value === 'f')) {
      const offset = this.xrefNumbers.at(-2);
      if (token.value === 'n' && offset !== undefined && offset > 0) this.tableOffsets.push(offset);
      this.xrefNumbers = [];
      return true;
    }
    this.inXrefTable = false;
    return false;
  }

  private startObject(): void {
    const topLevel = this.frames.length === 0;
    const generation = this.recent.at(-1);
    const number = this.recent.at(-2);
    this.reset();
    if (!topLevel || !number || !isInteger(number.value) || !isInteger(generation?.value)) return;
    this.objectNumber = number.value.value;
    this.objectHeaders.push({ gapStart: number.gapStart, start: number.start });
  }

  private makeReference(start: number): void {
    const items = this.frames.at(-1)?.items;
    const values = items ?? this.recent.map((entry) => entry.value);
    const gen = values.at(-1);
    const num = values.at(-2);
    if (!isInteger(num) || !isInteger(gen)) {
      this.push(OTHER, start);
      return;
    }
    if (items) items.splice(-2, 2, { kind: 'ref', num: num.value, gen: gen.value });
    else
      this.recent.splice(-2, 2, {
        value: { kind: 'ref', num: num.value, gen: gen.value },
        start,
        gapStart: start,
      });
  }

  private closeFrame(kind: Frame['kind'], start: number): void {
    const frame = this.frames.at(-1);
    if (frame?.kind !== kind) return;
    this.frames.pop();
    this.push(kind === 'dict' ? toDict(frame.items) : { kind: 'array', items: frame.items }, start);
  }

  private push(value: PdfValue, start: number): void {
    const frame = this.frames.at(-1);
    if (frame) {
      frame.items.push(value);
      return;
    }
    this.recent.push({ value, start, gapStart: this.gapStart });
    if (this.recent.length > 3) this.recent.shift();
  }

  private reset(): void {
    this.frames = [];
    this.recent = [];
    this.inXrefTable = false;
  }
}

function isInteger(value: PdfValue | undefined): value is Extract<PdfValue, { kind: 'number' }> {
  return value?.kind === 'number' && value.integer;
}

function toDict(items: PdfValue[]): PdfDict {
  const entries = new Map<string, PdfValue>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    if (key?.kind === 'name') entries.set(key.value, items[i + 1] as PdfValue);
  }
  return { kind: 'dict', entries };
}
