import { z } from '@hono/zod-openapi';

/**
 * Content languages the service knows. Easy-to-read Swedish (lätt svenska) is a language of its
 * own here, as the strategy documents ask for it next to Swedish and other languages; it uses the
 * BCP 47 private-use tag `sv-x-easy` so that it is never mistaken for plain Swedish.
 */
export const CONTENT_LANGUAGES = {
  sv: { name: 'svenska', englishName: 'Swedish', dir: 'ltr', htmlLang: 'sv' },
  'sv-x-easy': { name: 'lätt svenska', englishName: 'Easy-to-read Swedish', dir: 'ltr', htmlLang: 'sv' },
  en: { name: 'English', englishName: 'English', dir: 'ltr', htmlLang: 'en' },
  ar: { name: 'العربية', englishName: 'Arabic', dir: 'rtl', htmlLang: 'ar' },
  fa: { name: 'فارسی', englishName: 'Persian', dir: 'rtl', htmlLang: 'fa' },
  so: { name: 'Soomaali', englishName: 'Somali', dir: 'ltr', htmlLang: 'so' },
  ti: { name: 'ትግርኛ', englishName: 'Tigrinya', dir: 'ltr', htmlLang: 'ti' },
  fi: { name: 'suomi', englishName: 'Finnish', dir: 'ltr', htmlLang: 'fi' },
  uk: { name: 'українська', englishName: 'Ukrainian', dir: 'ltr', htmlLang: 'uk' },
  pl: { name: 'polski', englishName: 'Polish', dir: 'ltr', htmlLang: 'pl' },
  tr: { name: 'Türkçe', englishName: 'Turkish', dir: 'ltr', htmlLang: 'tr' },
} as const;

export type ContentLanguage = keyof typeof CONTENT_LANGUAGES;

export const CONTENT_LANGUAGE_CODES = Object.keys(CONTENT_LANGUAGES) as [ContentLanguage, ...ContentLanguage[]];

export const ContentLanguageSchema = z.enum(CONTENT_LANGUAGE_CODES).openapi({ example: 'sv' });

/** The language every campaign falls back to when a screen's preferred ones are missing. */
export const FALLBACK_LANGUAGE: ContentLanguage = 'sv';

/** Text given per content language, e.g. a title in Swedish and English. Swedish is required. */
export const LocalizedTextSchema = z
  .partialRecord(ContentLanguageSchema, z.string().min(1).max(5000))
  .refine((value) => typeof value.sv === 'string', { message: 'Swedish (sv) text is required' })
  .openapi('LocalizedText', { example: { sv: 'Tillsammans mot våld', en: 'Together against violence' } });

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
