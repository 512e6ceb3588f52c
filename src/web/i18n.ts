import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** The interface languages: Swedish first, English as a switch. */
export type UiLanguage = 'sv' | 'en';

export const UI_LANGUAGE_COOKIE = 'hub_lang';

/**
 * The interface language of a request: `?lang=` (remembered in a cookie by the page that reads
 * it), else the cookie, else Swedish. Swedish is the default whatever the browser says, since the
 * service is a Swedish public one; English is one click away on every page.
 */
export function uiLanguageOf(c: Context): UiLanguage {
  const asked = c.req.query('lang');
  if (asked === 'sv' || asked === 'en') return asked;
  return getCookie(c, UI_LANGUAGE_COOKIE) === 'en' ? 'en' : 'sv';
}

/** A text in both interface languages. */
export type Bilingual = { sv: string; en: string };

/** Picks the text for the language. */
export function say(text: Bilingual, lang: UiLanguage): string {
  return text[lang];
}
