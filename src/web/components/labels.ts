import { CONTENT_LANGUAGES, type ContentLanguage } from '../../i18n/languages.js';
import type { OrderStatus } from '../../orders/order-rules.js';
import type { Bilingual, UiLanguage } from '../i18n.js';

/** What each order status is called on the pages. */
export const ORDER_STATUS_LABEL: Record<OrderStatus, Bilingual> = {
  submitted: { sv: 'Inskickad', en: 'Submitted' },
  approved: { sv: 'Godkänd', en: 'Approved' },
  rejected: { sv: 'Avslagen', en: 'Rejected' },
  sent_to_print: { sv: 'Skickad till tryckeriet', en: 'Sent to the printer' },
  shipped: { sv: 'Levererad', en: 'Shipped' },
  cancelled: { sv: 'Avbeställd', en: 'Cancelled' },
};

/** What each kind of printed product is called. */
export const PRODUCT_KIND_LABEL: Record<string, Bilingual> = {
  poster_a3: { sv: 'Affisch A3', en: 'Poster A3' },
  poster_a4: { sv: 'Affisch A4', en: 'Poster A4' },
  flyer_a5: { sv: 'Flygblad A5', en: 'Flyer A5' },
  sticker: { sv: 'Klistermärken', en: 'Stickers' },
  support_kit: { sv: 'Stödmaterial', en: 'Support kit' },
};

/** The name of a content language in the interface language ("arabiska" is shown as "Arabic" in English). */
export function languageName(code: string, lang: UiLanguage): string {
  const known = CONTENT_LANGUAGES[code as ContentLanguage];
  if (!known) return code;
  return lang === 'sv' ? SWEDISH_NAMES[code as ContentLanguage] : known.englishName;
}

const SWEDISH_NAMES: Record<ContentLanguage, string> = {
  sv: 'svenska',
  'sv-x-easy': 'lätt svenska',
  en: 'engelska',
  ar: 'arabiska',
  fa: 'persiska',
  so: 'somaliska',
  ti: 'tigrinska',
  fi: 'finska',
  uk: 'ukrainska',
  pl: 'polska',
  tr: 'turkiska',
};

/** The HTML lang value of a content language ("sv-x-easy" is Swedish to browsers and screen readers). */
export function htmlLangOf(code: string): string {
  return CONTENT_LANGUAGES[code as ContentLanguage]?.htmlLang ?? code;
}
