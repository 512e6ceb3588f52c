import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHashOf } from './idempotency.js';

describe('canonicalJson', () => {
  it('hashes equal requests equally whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }], c: undefined })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    expect(requestHashOf({ a: 1, b: 'å' })).toBe(requestHashOf({ b: 'å', a: 1 }));
    expect(requestHashOf({ a: 1 })).not.toBe(requestHashOf({ a: 2 }));
  });
});
