/**
 * Bidi isolation for right-to-left slides. A slide's own words run right to left, but titles,
 * places, county names and addresses may be Swedish or a URL. Laid out as they stand inside a
 * right-to-left line, their edge punctuation flips to the wrong end ("!Länskonferens", "(salen"):
 * wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, each is ordered by its own first
 * letter, as `dir="auto"` does in HTML. Pango (via fribidi) honours isolates and draws nothing for
 * them; the alt text and titles drop them again.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** Bidi controls (marks, embeddings, isolates): invisible and without width when drawn. */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text isolated from the line around it when the line runs right to left; as it is otherwise. */
export function isolateIn(direction: 'ltr' | 'rtl', text: string): string {
  return direction === 'rtl' && text ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}` : text;
}

/** The text without bidi controls: for alt texts and titles, read out or shown as plain text. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
