import type { Child } from 'hono/jsx';
import type { UiLanguage } from '../i18n.js';

/** Where this page sits: links back up, the current page last (not a link). */
export function Breadcrumbs(props: { lang: UiLanguage; trail: Array<{ href: string; label: Child }> }) {
  return (
    <nav class="breadcrumbs" aria-label={props.lang === 'sv' ? 'Du är här' : 'You are here'}>
      <ol>
        {props.trail.map((step) => (
          <li>
            <a href={step.href}>{step.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
