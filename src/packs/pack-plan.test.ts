import { describe, expect, it } from 'vitest';
import { asciiSlug, packFileName } from './pack-names.js';
import { type PackArtwork, type PackCampaign, planPack } from './pack-plan.js';
import { hashtagOf } from './pack-texts.js';
import { PLATFORM_SIZES } from './platform-sizes.js';

const campaign: PackCampaign = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'svartsjuka-ar-inte-romantiskt',
  title: { sv: 'Svartsjuka är inte romantiskt', en: 'Jealousy is not romantic' },
  summary: { sv: 'Om våld i ungas parrelationer.' },
  description: { sv: 'Årlig kampanj.' },
  airing: { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] },
  ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
};

const artwork = (overrides: Partial<PackArtwork> = {}): PackArtwork => ({
  assetId: 'a1',
  masterHash: 'f'.repeat(64),
  format: 'jpeg',
  width: 3000,
  height: 3000,
  altText: 'Ett hjärta',
  focalX: null,
  focalY: null,
  rightsExpiry: null,
  ...overrides,
});

describe('planPack', () => {
  it('cuts every artwork to every size, grouped artwork by artwork', () => {
    const plan = planPack(campaign, 'sv', [artwork(), artwork({ masterHash: 'e'.repeat(64) })]);
    expect(plan.images).toHaveLength(2 * PLATFORM_SIZES.length);
    expect(plan.images.slice(0, PLATFORM_SIZES.length).every((image) => image.artworkIndex === 0)).toBe(true);
    expect(plan.images[0]?.path).toBe('instagram-square-1080x1080/svartsjuka-ar-inte-romantiskt-sv-1.jpg');
    expect(plan.texts.map((text) => text.path)).toEqual(['README.txt', 'captions-sv.txt']);
    expect(plan.fileCount).toBe(2 * PLATFORM_SIZES.length + 2);
  });

  it('gives the same key for the same inputs and another for any change that shows in the zip', () => {
    const key = planPack(campaign, 'sv', [artwork()]).inputsKey;
    expect(planPack(campaign, 'sv', [artwork({ assetId: 'another id' })]).inputsKey).toBe(key);
    const changed = [
      planPack(campaign, 'sv', [artwork({ altText: 'Ett annat hjärta' })]),
      planPack(campaign, 'sv', [artwork({ focalX: 0.2, focalY: 0.3 })]),
      planPack(campaign, 'sv', [artwork({ masterHash: 'e'.repeat(64) })]),
      planPack(campaign, 'sv', [artwork({ rightsExpiry: '2030-01-01' })]),
      planPack({ ...campaign, summary: { sv: 'Ny sammanfattning.' } }, 'sv', [artwork()]),
      planPack({ ...campaign, ordering: null }, 'sv', [artwork()]),
      planPack(campaign, 'en', [artwork()]),
    ];
    for (const plan of changed) expect(plan.inputsKey).not.toBe(key);
  });

  it('notes a Swedish fallback when the campaign text is missing in the language', () => {
    const plan = planPack(campaign, 'fa', [artwork({ altText: 'یک قلب' })]);
    const captions = plan.texts[1]?.content ?? '';
    expect(captions).toContain('یک قلب');
    expect(captions).toContain(
      '(texten finns inte på detta språk; här är den svenska)\nOm våld i ungas parrelationer.',
    );
  });
});

describe('names and hashtags', () => {
  it('makes safe ASCII names', () => {
    expect(asciiSlug('Svartsjuka är inte romantiskt!')).toBe('svartsjuka-ar-inte-romantiskt');
    expect(asciiSlug('الغيرة')).toBe('pack');
    expect(packFileName('en-vecka-fri', 'sv-x-easy')).toBe('en-vecka-fri-sv-x-easy-social.zip');
  });

  it('joins cased words in CamelCase and uncased scripts with underscores', () => {
    expect(hashtagOf('Svartsjuka är inte romantiskt')).toBe('#SvartsjukaÄrInteRomantiskt');
    expect(hashtagOf('الغيرة ليست رومانسية')).toBe('#الغيرة_ليست_رومانسية');
    expect(hashtagOf('–')).toBeNull();
  });
});
