import { describe, expect, it } from 'vitest';
import { answerRange } from './byte-range.js';

const ETAG = '"abc"';

describe('answerRange', () => {
  it('answers the whole file without a Range header', () => {
    expect(answerRange(1000, undefined, undefined, ETAG)).toEqual({ kind: 'full' });
  });

  it('reads closed, open-ended and suffix ranges', () => {
    expect(answerRange(1000, 'bytes=0-99', undefined, ETAG)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(answerRange(1000, 'bytes=900-', undefined, ETAG)).toEqual({
      kind: 'partial',
      start: 900,
      end: 999,
    });
    expect(answerRange(1000, 'bytes=-100', undefined, ETAG)).toEqual({
      kind: 'partial',
      start: 900,
      end: 999,
    });
    expect(answerRange(1000, 'bytes=-5000', undefined, ETAG)).toEqual({
      kind: 'partial',
      start: 0,
      end: 999,
    });
    expect(answerRange(1000, 'bytes=500-5000', undefined, ETAG)).toEqual({
      kind: 'partial',
      start: 500,
      end: 999,
    });
  });

  it('refuses ranges that start past the end', () => {
    expect(answerRange(1000, 'bytes=1000-', undefined, ETAG)).toEqual({ kind: 'unsatisfiable' });
    expect(answerRange(1000, 'bytes=-0', undefined, ETAG)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not support: several ranges, other units, reversed ranges', () => {
    expect(answerRange(1000, 'bytes=0-9,20-29', undefined, ETAG)).toEqual({ kind: 'full' });
    expect(answerRange(1000, 'items=0-9', undefined, ETAG)).toEqual({ kind: 'full' });
    expect(answerRange(1000, 'bytes=50-10', undefined, ETAG)).toEqual({ kind: 'full' });
  });

  it('sends the whole file when If-Range names another version', () => {
    expect(answerRange(1000, 'bytes=0-9', '"old"', ETAG)).toEqual({ kind: 'full' });
    expect(answerRange(1000, 'bytes=0-9', ETAG, ETAG)).toEqual({ kind: 'partial', start: 0, end: 9 });
  });
});
