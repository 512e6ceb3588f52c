import { describe, expect, it } from 'vitest';
import { cacheSecondsFor, rightsAreValid, rightsEndInstant } from './rights.js';

describe('rights expiry', () => {
  it('ends at midnight after the expiry date in Swedish time', () => {
    expect(rightsEndInstant('2026-12-31')?.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(rightsEndInstant('2027-07-31')?.toISOString()).toBe('2027-07-31T22:00:00.000Z');
  });

  it('keeps artwork valid through its last day and refuses it after', () => {
    expect(rightsAreValid('2026-12-31', new Date('2026-12-31T22:59:59Z'))).toBe(true);
    expect(rightsAreValid('2026-12-31', new Date('2026-12-31T23:00:00Z'))).toBe(false);
    expect(rightsAreValid(null, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('never lets a cache header outlive the rights', () => {
    expect(cacheSecondsFor(null, new Date())).toBe(31_536_000);
    expect(cacheSecondsFor('2026-12-31', new Date('2026-12-31T22:00:00Z'))).toBe(3600);
    expect(cacheSecondsFor('2026-12-31', new Date('2027-01-02T00:00:00Z'))).toBe(0);
  });
});
