import type { ContentLanguage } from '../../src/i18n/languages.js';
import type { SlideCopy } from './compose-slide.js';
import type { FormatName } from './formats.js';
import type { Motif, Theme } from './themes.js';

/**
 * One piece of artwork of a campaign, in every language and format it comes in. Each campaign
 * folder has an `artwork.ts` exporting its designs; generate-artwork.ts turns them into SVG files
 * and into the `assets` list of the campaign's campaign.json.
 */
export type Design = {
  /** Short kebab-case name used in file names: `<id>-<language>-<format>.svg`. */
  id: string;
  /** A Swedish label for coordinators, used in the asset title. */
  label: string;
  theme: Theme;
  motif: Motif;
  formats: FormatName[];
  copy: Partial<Record<ContentLanguage, SlideCopy>>;
  /** The first sentence of the alt text: what the picture shows, in the copy's language. */
  picture: Partial<Record<ContentLanguage, string>>;
  rightsExpiry?: string;
  focalPoint?: { x: number; y: number };
};

/** How alt texts introduce the words on the image and the sender, per language. */
export const ALT_TEXT_WORDING: Partial<Record<ContentLanguage, { text: string; sender: string }>> = {
  sv: { text: 'Text:', sender: 'Avsändare:' },
  'sv-x-easy': { text: 'Det står:', sender: 'Från:' },
  en: { text: 'Text:', sender: 'From:' },
  ar: { text: 'النص:', sender: 'الجهة:' },
};
