import type { LocalizedText } from '../../i18n/languages.js';
import type { UiLanguage } from '../i18n.js';

/** A content text in the interface language, or its Swedish original, with the language it is in. */
export function pickText(
  text: LocalizedText | null | undefined,
  lang: UiLanguage,
): { value: string; lang: UiLanguage } {
  const own = text?.[lang];
  if (own) return { value: own, lang };
  return { value: text?.sv ?? '', lang: 'sv' };
}

/**
 * Content text in the page's language when it exists, else in Swedish marked with lang="sv", so a
 * screen reader on the English page reads the Swedish fallback with Swedish pronunciation.
 */
export function Localized(props: { text: LocalizedText | null | undefined; lang: UiLanguage }) {
  const picked = pickText(props.text, props.lang);
  return picked.lang === props.lang ? picked.value : <span lang={picked.lang}>{picked.value}</span>;
}

/** Longer content text as paragraphs (blank lines in the source start a new one). */
export function LocalizedParagraphs(props: { text: LocalizedText | null | undefined; lang: UiLanguage }) {
  const picked = pickText(props.text, props.lang);
  const paragraphs = picked.value
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
  return (
    <div class="prose" lang={picked.lang === props.lang ? undefined : picked.lang}>
      {paragraphs.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </div>
  );
}
