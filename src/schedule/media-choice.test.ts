import { describe, expect, it } from 'vitest';
import { chooseMedia, chooseRendition } from './media-choice.js';
import { imageVariant, rendition, screen } from './test-fixtures.js';

describe('chooseMedia', () => {
  const variants = [
    imageVariant('poster-sv', 'sv'),
    imageVariant('poster-ar', 'ar'),
    imageVariant('poster-en', 'en'),
  ];

  it('gives an Arabic screen the Arabic variant', () => {
    const choice = chooseMedia(variants, screen({ languages: ['ar', 'sv'] }), 'sv');
    expect(choice?.variant.assetId).toBe('poster-ar');
    expect(choice?.fallbackLanguageUsed).toBe(false);
  });

  it('falls back to Swedish on a Finnish-only screen and says so', () => {
    const choice = chooseMedia(variants, screen({ languages: ['fi'] }), 'sv');
    expect(choice?.variant.assetId).toBe('poster-sv');
    expect(choice?.fallbackLanguageUsed).toBe(true);
  });

  it('follows the preference order, not the variant order', () => {
    const choice = chooseMedia(variants, screen({ languages: ['fi', 'en', 'ar'] }), 'sv');
    expect(choice?.variant.assetId).toBe('poster-en');
  });

  it('uses the first listed variant when neither a preference nor the fallback exists', () => {
    const choice = chooseMedia(
      [imageVariant('only-so', 'so'), imageVariant('only-ti', 'ti')],
      screen({ languages: ['fi'] }),
      'sv',
    );
    expect(choice?.variant.assetId).toBe('only-so');
    expect(choice?.fallbackLanguageUsed).toBe(true);
  });

  it("prefers the screen's orientation, then 'any', then the other", () => {
    const mixed = [
      imageVariant('any', 'sv', 'any'),
      imageVariant('landscape', 'sv', 'landscape'),
      imageVariant('portrait', 'sv', 'portrait'),
    ];
    expect(chooseMedia(mixed, screen({ orientation: 'portrait' }), 'sv')?.variant.assetId).toBe('portrait');
    expect(chooseMedia(mixed.slice(0, 2), screen({ orientation: 'portrait' }), 'sv')?.variant.assetId).toBe(
      'any',
    );
    expect(chooseMedia(mixed.slice(1, 2), screen({ orientation: 'portrait' }), 'sv')?.variant.assetId).toBe(
      'landscape',
    );
  });

  it('ignores variants without renditions and gives null when nothing is playable', () => {
    const processing = { ...imageVariant('ar-processing', 'ar'), renditions: [] };
    const choice = chooseMedia([processing, imageVariant('sv', 'sv')], screen({ languages: ['ar'] }), 'sv');
    expect(choice?.variant.assetId).toBe('sv');
    expect(chooseMedia([processing], screen(), 'sv')).toBeNull();
  });
});

describe('chooseRendition', () => {
  const hd = { width: 1920, height: 1080 };

  it('picks the smallest rendition that covers the screen', () => {
    const renditions = [
      rendition('a', 3840, 2160, 'jpeg'),
      rendition('a', 1920, 1080, 'jpeg'),
      rendition('a', 1280, 720, 'jpeg'),
    ];
    expect(chooseRendition(renditions, hd)?.width).toBe(1920);
  });

  it('picks the largest when none covers', () => {
    const renditions = [rendition('a', 1280, 720, 'jpeg'), rendition('a', 960, 540, 'jpeg')];
    expect(chooseRendition(renditions, hd)?.width).toBe(1280);
  });

  it('prefers webp over jpeg and png at the same size', () => {
    const renditions = [
      rendition('a', 1920, 1080, 'png'),
      rendition('a', 1920, 1080, 'jpeg'),
      rendition('a', 1920, 1080, 'webp'),
    ];
    expect(chooseRendition(renditions, hd)?.format).toBe('webp');
    expect(chooseRendition([...renditions].reverse(), { width: 4000, height: 3000 })?.format).toBe('webp');
  });

  it('needs both width and height covered', () => {
    const renditions = [
      rendition('a', 2000, 1000, 'jpeg'),
      rendition('a', 1920, 1200, 'jpeg'),
      rendition('a', 1000, 1000, 'jpeg'),
    ];
    expect(chooseRendition(renditions, { width: 1900, height: 1100 })?.hash).toBe('a@1920x1200.jpeg');
  });
});
