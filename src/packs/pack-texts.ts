import { CONTENT_LANGUAGES, type ContentLanguage, type LocalizedText } from '../i18n/languages.js';
import { type DescriptionLanguage, describeWindow } from '../windows/evaluate.js';
import type { PackArtwork, PackCampaign } from './pack-plan.js';
import { captionsFileName } from './pack-names.js';
import { folderOfSize, type PlatformSize } from './platform-sizes.js';

/**
 * The language of a pack's labels and README. Only Swedish and English are written by us; the
 * campaign's own texts and alt texts are in the pack's language whatever the labels are.
 */
export function labelLanguageOf(language: string): DescriptionLanguage {
  return language === 'en' ? 'en' : 'sv';
}

const LABELS = {
  sv: {
    packOf: 'Material för sociala medier',
    campaign: 'Kampanj',
    language: 'Språk',
    airing: 'Kampanjperiod',
    download: 'Beställning och nedladdning',
    noDownloadWindow: 'inget angivet',
    sizes: 'Bilderna är beskurna för varje plattform, en mapp per storlek:',
    images: 'Antal bilder',
    captionsAt: (file: string) =>
      `Texter till inlägg, hashtaggar och alt-texter för varje bild finns i ${file}.`,
    altHint:
      'Lägg alltid in alt-texten när du publicerar en bild, så når den även den som använder skärmläsare.',
    rightsUntil: (date: string) => `Bilderna får användas till och med ${date}.`,
    post: 'Text till inlägg',
    longer: 'Längre text',
    hashtags: 'Hashtaggar',
    altTexts: 'Alt-texter',
    image: (name: string) => `Bild ${name}.jpg (alla storlekar)`,
    missingAlt: '(alt-text saknas: skriv en innan du publicerar)',
    swedishFallback: '(texten finns inte på detta språk; här är den svenska)',
  },
  en: {
    packOf: 'Social media material',
    campaign: 'Campaign',
    language: 'Language',
    airing: 'Campaign period',
    download: 'Ordering and download',
    noDownloadWindow: 'not set',
    sizes: 'The images are cut for each platform, one folder per size:',
    images: 'Number of images',
    captionsAt: (file: string) => `Post texts, hashtags and the alt text of every image are in ${file}.`,
    altHint:
      'Always add the alt text when you publish an image, so it also reaches people who use screen readers.',
    rightsUntil: (date: string) => `The images may be used until ${date} inclusive.`,
    post: 'Post text',
    longer: 'Longer text',
    hashtags: 'Hashtags',
    altTexts: 'Alt texts',
    image: (name: string) => `Image ${name}.jpg (all sizes)`,
    missingAlt: '(no alt text: write one before publishing)',
    swedishFallback: '(not available in this language; the Swedish text follows)',
  },
} as const;

/** A campaign text in the language, else Swedish (always present), saying which it was. */
function textIn(text: LocalizedText, language: string): { value: string; fallback: boolean } {
  const own = text[language as ContentLanguage];
  if (own) return { value: own, fallback: false };
  return { value: text.sv ?? '', fallback: true };
}

/**
 * A hashtag from a title: words joined in CamelCase ("#SvartsjukaÄrInteRomantiskt"); scripts
 * without letter case (Arabic, Persian) join words with underscores, as their users do.
 */
export function hashtagOf(title: string): string | null {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  const cased = words.some((word) => word.toLowerCase() !== word.toUpperCase());
  const tag = cased
    ? words.map((word) => word.charAt(0).toLocaleUpperCase() + word.slice(1)).join('')
    : words.join('_');
  return `#${tag}`;
}

/** The campaign's hashtags for a language: its Swedish name (the brand) and its name in the language. */
export function hashtagsFor(campaign: PackCampaign, language: string): string[] {
  const tags = [hashtagOf(campaign.title.sv ?? ''), hashtagOf(textIn(campaign.title, language).value)];
  return [...new Set(tags.filter((tag): tag is string => tag !== null))];
}

/** The captions file: post text with hashtags, the longer description, and each image's alt text. */
export function captionsText(
  campaign: PackCampaign,
  language: string,
  artwork: PackArtwork[],
  baseNames: string[],
): string {
  const labels = LABELS[labelLanguageOf(language)];
  const withNote = (text: { value: string; fallback: boolean }) =>
    text.fallback ? `${labels.swedishFallback}\n${text.value}` : text.value;
  const lines = [
    textIn(campaign.title, language).value,
    '',
    `== ${labels.post} ==`,
    withNote(textIn(campaign.summary, language)),
    '',
    hashtagsFor(campaign, language).join(' '),
    '',
    `== ${labels.longer} ==`,
    withNote(textIn(campaign.description, language)),
    '',
    `== ${labels.altTexts} ==`,
  ];
  artwork.forEach((item, index) => {
    lines.push(
      '',
      labels.image(baseNames[index] ?? String(index + 1)),
      item.altText?.trim() || labels.missingAlt,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The README: the campaign, its dates, the sizes, and where the texts are. */
export function readmeText(
  campaign: PackCampaign,
  language: string,
  artwork: PackArtwork[],
  sizes: readonly PlatformSize[],
): string {
  const labelLanguage = labelLanguageOf(language);
  const labels = LABELS[labelLanguage];
  const title = textIn(campaign.title, labelLanguage).value;
  const ownTitle = textIn(campaign.title, language);
  const languageInfo = CONTENT_LANGUAGES[language as ContentLanguage];
  const languageName = languageInfo ? `${languageInfo.name} (${language})` : language;
  const earliestExpiry = artwork
    .map((item) => item.rightsExpiry)
    .filter((date): date is string => date !== null)
    .sort()[0];
  const widest = Math.max(...sizes.map((size) => folderOfSize(size).length));
  const lines = [
    `${title}: ${labels.packOf.toLowerCase()}`,
    ...(ownTitle.fallback || ownTitle.value === title ? [] : [ownTitle.value]),
    '',
    `${labels.campaign}: ${title}`,
    `${labels.language}: ${languageName}`,
    `${labels.airing}: ${describeWindow(campaign.airing, labelLanguage)}`,
    `${labels.download}: ${campaign.ordering ? describeWindow(campaign.ordering, labelLanguage) : labels.noDownloadWindow}`,
    `${labels.images}: ${artwork.length}`,
    '',
    labels.sizes,
    ...sizes.map(
      (size) =>
        `  ${`${folderOfSize(size)}/`.padEnd(widest + 2)}${size.platform}, ${size.use[labelLanguage]}: ${size.width} x ${size.height} px`,
    ),
    '',
    labels.captionsAt(captionsFileName(language)),
    labels.altHint,
    ...(earliestExpiry ? [labels.rightsUntil(earliestExpiry)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
