import { describe, expect, it } from 'vitest';
import { bucketKeysOf, compileTargeting, screenBucketKeys, targetingMatches } from './targeting.js';
import { screen, stockholmScreen } from './test-fixtures.js';
import type { SlideTargeting } from './types.js';

const arboga = screen();
const goteborg = screen({ id: 'goteborg', countyCode: '14', municipalityCode: '1480' });
const matches = (targeting: SlideTargeting, target = arboga) =>
  targetingMatches(compileTargeting(targeting), target);

describe('targetingMatches', () => {
  it('reaches every screen when nothing is targeted', () => {
    expect(matches({})).toBe(true);
    expect(matches({ counties: [], groups: [] })).toBe(true);
  });

  it('treats counties and municipalities as one region criterion (either one matches)', () => {
    const region = { counties: ['19'], municipalities: ['0180'] };
    expect(matches(region, arboga)).toBe(true);
    expect(matches(region, stockholmScreen)).toBe(true);
    expect(matches(region, goteborg)).toBe(false);
  });

  it('needs every other non-empty criterion to hold as well', () => {
    expect(matches({ counties: ['19'], groups: ['ica-maxi'] })).toBe(false);
    expect(matches({ counties: ['19'], groups: ['ica-maxi'] }, screen({ groups: ['ica-maxi'] }))).toBe(true);
    expect(matches({ tags: ['checkout', 'entrance'] }, screen({ tags: ['entrance'] }))).toBe(true);
    expect(matches({ chains: ['coop'] })).toBe(false);
    expect(matches({ chains: ['coop'] }, screen({ chain: null }))).toBe(false);
    expect(matches({ orientation: 'portrait' })).toBe(false);
    expect(matches({ orientation: 'landscape' })).toBe(true);
  });

  it('never matches a region for a screen without region codes', () => {
    expect(matches({ counties: ['19'] }, screen({ countyCode: null, municipalityCode: null }))).toBe(false);
  });
});

describe('index buckets', () => {
  it('files a slide under its region, else groups, chains, tags, else all', () => {
    expect(
      bucketKeysOf(compileTargeting({ counties: ['19'], municipalities: ['0180'], tags: ['x'] })),
    ).toEqual(['county:19', 'municipality:0180']);
    expect(bucketKeysOf(compileTargeting({ groups: ['g'], tags: ['x'] }))).toEqual(['group:g']);
    expect(bucketKeysOf(compileTargeting({ chains: ['ica'], tags: ['x'] }))).toEqual(['chain:ica']);
    expect(bucketKeysOf(compileTargeting({ tags: ['x'] }))).toEqual(['tag:x']);
    expect(bucketKeysOf(compileTargeting({ orientation: 'portrait' }))).toEqual(['all']);
  });

  it('looks a screen up under every key a matching slide could be filed under', () => {
    expect(screenBucketKeys(screen({ groups: ['g'], tags: ['t'] }))).toEqual([
      'all',
      'county:19',
      'municipality:1984',
      'group:g',
      'chain:ica',
      'tag:t',
    ]);
  });
});
