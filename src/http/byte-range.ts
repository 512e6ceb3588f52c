/** What to send for a Range request against a file of known size. */
export type RangeAnswer =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * Reads a `Range: bytes=…` header (RFC 9110 §14) for one range: `a-b`, `a-` or `-n`. Anything
 * else (other units, several ranges, nonsense) is answered with the whole file, which the RFC
 * allows; an If-Range that does not match the current ETag also means the whole file, so a client
 * never stitches two different packs together.
 */
export function answerRange(
  size: number,
  range: string | undefined,
  ifRange: string | undefined,
  etag: string,
): RangeAnswer {
  if (!range) return { kind: 'full' };
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(range);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
