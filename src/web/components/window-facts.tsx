import type { Window } from '../../windows/window-schema.js';
import { windowState } from '../../campaigns/campaigns-service.js';
import type { UiLanguage } from '../i18n.js';
import { formatDate, lastOpenDay } from './format.js';

/**
 * A window in words with where it stands now: "15 dec–31 mar varje år. Öppen nu, till och med
 * 31 mars 2027." or "… Öppnar 15 december 2026." Status is said in words, never by colour alone.
 */
export function WindowFacts(props: { window: Window | null; now: Date; lang: UiLanguage }) {
  const { lang, now } = props;
  if (!props.window) return <>{lang === 'sv' ? 'Inga datum.' : 'No dates.'}</>;
  const state = windowState(props.window, now);
  const last = lastOpenDay(state.closesAt, now);
  let status: string;
  if (state.open) {
    status = last
      ? lang === 'sv'
        ? `Öppet nu, till och med ${formatDate(last, lang)}.`
        : `Open now, until ${formatDate(last, lang)} inclusive.`
      : lang === 'sv'
        ? 'Öppet nu.'
        : 'Open now.';
  } else if (state.nextOpensAt) {
    status =
      lang === 'sv'
        ? `Öppnar ${formatDate(state.nextOpensAt, lang)}.`
        : `Opens ${formatDate(state.nextOpensAt, lang)}.`;
  } else {
    status = lang === 'sv' ? 'Inga fler datum.' : 'No more dates.';
  }
  return (
    <>
      <span class="window-text">{state.text[lang]}.</span>{' '}
      <strong class={state.open ? 'state-open' : 'state-closed'}>{status}</strong>
    </>
  );
}
