import { describe, expect, it } from 'vitest';
import {
  checkPublishGate,
  countWords,
  type GateAsset,
  type PublishGateInput,
  readingSeconds,
} from './publish-gate.js';

const image = (id: string, language: string, altText: string | null): GateAsset => ({
  id,
  kind: 'image',
  language,
  altText,
  title: null,
});

/** A two-language campaign whose one slide passes every rule. */
function passing(): PublishGateInput {
  return {
    campaign: { languages: ['sv', 'en'], languageExemptions: null },
    assets: [
      image('a-sv', 'sv', 'Du är inte ensam. Ring 020-50 50 50.'),
      image('a-en', 'en', 'You are not alone. Call 020-50 50 50.'),
    ],
    slides: [{ id: 's1', name: 'Stödlinjen', durationSeconds: 8, assetIds: ['a-sv', 'a-en'] }],
  };
}

describe('the publish gate', () => {
  it('lets a campaign through when every image has alt text, every language a variant and every slide time to be read', () => {
    expect(checkPublishGate(passing())).toEqual([]);
  });

  it('lets a campaign without slides or artwork through', () => {
    expect(
      checkPublishGate({
        campaign: { languages: ['sv', 'ar'], languageExemptions: null },
        assets: [],
        slides: [],
      }),
    ).toEqual([]);
  });

  describe('alt text', () => {
    it('refuses an image without alt text, naming the image and its language', () => {
      const input = passing();
      input.assets = [image('a-sv', 'sv', null), input.assets[1] as GateAsset];
      expect(checkPublishGate(input)).toEqual([
        expect.objectContaining({
          code: 'alt_text_missing',
          assetId: 'a-sv',
          language: 'sv',
          field: 'assets.a-sv.altText',
        }),
      ]);
    });

    it('treats blank alt text as missing', () => {
      const input = passing();
      input.assets = [input.assets[0] as GateAsset, image('a-en', 'en', '   ')];
      expect(checkPublishGate(input).map((problem) => problem.code)).toContain('alt_text_missing');
    });

    it('checks images that are on no slide too (packs and the catalogue show them)', () => {
      const input = passing();
      input.assets = [...input.assets, image('social', 'sv', null)];
      expect(checkPublishGate(input)).toEqual([
        expect.objectContaining({ code: 'alt_text_missing', assetId: 'social' }),
      ]);
    });

    it('does not ask videos and print PDFs for alt text', () => {
      const input = passing();
      input.assets = [
        ...input.assets,
        { id: 'pdf', kind: 'pdf', language: 'sv', altText: null, title: 'Affisch A3' },
      ];
      expect(checkPublishGate(input)).toEqual([]);
    });
  });

  describe('languages', () => {
    it('refuses a slide that lacks a variant in a declared language', () => {
      const input = passing();
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 8, assetIds: ['a-sv'] }];
      expect(checkPublishGate(input)).toEqual([
        expect.objectContaining({
          code: 'language_variant_missing',
          slideId: 's1',
          language: 'en',
          field: 'slides.s1.variants.en',
        }),
      ]);
    });

    it('accepts the missing language when the campaign records why', () => {
      const input = passing();
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 8, assetIds: ['a-sv'] }];
      input.campaign = {
        languages: ['sv', 'en'],
        languageExemptions: { en: 'Lokalt evenemang som bara hålls på svenska.' },
      };
      expect(checkPublishGate(input)).toEqual([]);
    });

    it('does not count a blank reason as a recorded one', () => {
      const input = passing();
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 8, assetIds: ['a-sv'] }];
      input.campaign = { languages: ['sv', 'en'], languageExemptions: { en: '  ' } };
      expect(checkPublishGate(input).map((problem) => problem.code)).toEqual(['language_variant_missing']);
    });

    it('does not ask a slide for a language it is recorded as not made in, and asks the others', () => {
      const input: PublishGateInput = {
        campaign: { languages: ['sv', 'ti', 'en'], languageExemptions: null },
        assets: [image('a-sv', 'sv', 'Evenemang i Västmanlands län.')],
        slides: [
          { id: 'programme', name: 'Evenemang', durationSeconds: 12, assetIds: ['a-sv'], languagesNotMade: ['ti'] },
        ],
      };
      const missing = checkPublishGate(input).map((problem) =>
        problem.code === 'language_variant_missing' ? `${problem.slideId}:${problem.language}` : problem.code,
      );
      expect(missing).toEqual(['programme:en']);
    });

    it('lists each missing language of each slide', () => {
      const input: PublishGateInput = {
        campaign: { languages: ['sv', 'en', 'ar'], languageExemptions: null },
        assets: [image('a-sv', 'sv', 'Ring 112 vid fara.')],
        slides: [
          { id: 's1', name: 'Ett', durationSeconds: 6, assetIds: ['a-sv'] },
          { id: 's2', name: 'Två', durationSeconds: 6, assetIds: ['a-sv'] },
        ],
      };
      const missing = checkPublishGate(input).map((problem) =>
        problem.code === 'language_variant_missing' ? `${problem.slideId}:${problem.language}` : problem.code,
      );
      expect(missing).toEqual(['s1:en', 's1:ar', 's2:en', 's2:ar']);
    });
  });

  describe('reading time', () => {
    it('counts words, not punctuation or dashes', () => {
      expect(countWords('Ring Kvinnofridslinjen – 020-50 50 50.')).toBe(5);
      expect(countWords('')).toBe(0);
    });

    it('needs a second per three words of alt text, and never under five seconds', () => {
      expect(readingSeconds(null)).toBe(5);
      expect(readingSeconds('Ring 112.')).toBe(5);
      expect(readingSeconds(Array.from({ length: 16 }, (_, i) => `ord${i}`).join(' '))).toBe(6);
      expect(readingSeconds(Array.from({ length: 30 }, (_, i) => `ord${i}`).join(' '))).toBe(10);
    });

    it('refuses a slide shorter than five seconds even with little text', () => {
      const input = passing();
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 4, assetIds: ['a-sv', 'a-en'] }];
      expect(checkPublishGate(input)).toEqual([
        expect.objectContaining({
          code: 'duration_too_short',
          slideId: 's1',
          durationSeconds: 4,
          neededSeconds: 5,
          field: 'slides.s1.durationSeconds',
        }),
      ]);
    });

    it('measures the slide by its wordiest variant', () => {
      const long =
        'Om du eller någon du känner är utsatt för våld kan du ringa Kvinnofridslinjen dygnet runt och prata anonymt med någon som lyssnar.';
      const input = passing();
      input.assets = [image('a-sv', 'sv', long), image('a-en', 'en', 'Call 020-50 50 50.')];
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 7, assetIds: ['a-sv', 'a-en'] }];
      expect(checkPublishGate(input)).toEqual([
        expect.objectContaining({ code: 'duration_too_short', words: 23, neededSeconds: 8 }),
      ]);
      input.slides = [{ id: 's1', name: 'Stödlinjen', durationSeconds: 8, assetIds: ['a-sv', 'a-en'] }];
      expect(checkPublishGate(input)).toEqual([]);
    });
  });

  it('reports every problem at once, alt text first, then languages, then durations', () => {
    const input: PublishGateInput = {
      campaign: { languages: ['sv', 'en'], languageExemptions: null },
      assets: [image('a-sv', 'sv', null)],
      slides: [{ id: 's1', name: 'Stödlinjen', durationSeconds: 3, assetIds: ['a-sv'] }],
    };
    expect(checkPublishGate(input).map((problem) => problem.code)).toEqual([
      'alt_text_missing',
      'language_variant_missing',
      'duration_too_short',
    ]);
  });
});
