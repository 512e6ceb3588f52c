import type { Child } from 'hono/jsx';
import type { Bilingual, UiLanguage } from './i18n.js';

/** Where a signed-in person is, for the navigation. */
export interface NavUser {
  name: string;
  role: 'admin' | 'coordinator' | 'member';
}

export interface LayoutProps {
  lang: UiLanguage;
  title: Bilingual;
  /** The path of this page, so the language switch links back here. */
  path: string;
  user?: NavUser | null;
  /** The session's CSRF token, for the sign-out form. */
  csrfToken?: string;
  children: Child;
}

const NAV: Array<{ href: string; label: Bilingual; roles?: NavUser['role'][] }> = [
  { href: '/', label: { sv: 'Start', en: 'Home' } },
  { href: '/katalog', label: { sv: 'Material', en: 'Material' } },
  { href: '/evenemang', label: { sv: 'Evenemang', en: 'Events' } },
  { href: '/mina-bestallningar', label: { sv: 'Mina beställningar', en: 'My orders' }, roles: ['member', 'coordinator', 'admin'] },
  { href: '/samordnare', label: { sv: 'Samordning', en: 'Coordination' }, roles: ['coordinator', 'admin'] },
];

/**
 * The frame of every page: skip link, header with navigation and language switch, main, footer.
 * One sober look for a public authority; readable without CSS and without JavaScript.
 */
export function Layout(props: LayoutProps) {
  const { lang } = props;
  const other: UiLanguage = lang === 'sv' ? 'en' : 'sv';
  const switchHref = `${props.path}${props.path.includes('?') ? '&' : '?'}lang=${other}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title[lang]} – Kampanjnavet`}</title>
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {lang === 'sv' ? 'Hoppa till innehållet' : 'Skip to content'}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/">
              Kampanjnavet
            </a>
            <nav aria-label={lang === 'sv' ? 'Huvudmeny' : 'Main menu'}>
              <ul>
                {NAV.filter((item) => !item.roles || (props.user && item.roles.includes(props.user.role))).map((item) => (
                  <li>
                    <a href={item.href} aria-current={props.path.split('?')[0] === item.href ? 'page' : undefined}>
                      {item.label[lang]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="session">
              <a href={switchHref} lang={other} hreflang={other}>
                {other === 'en' ? 'In English' : 'På svenska'}
              </a>
              {props.user ? (
                <form method="post" action="/logga-ut">
                  <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                  <button type="submit">{lang === 'sv' ? `Logga ut (${props.user.name})` : `Sign out (${props.user.name})`}</button>
                </form>
              ) : (
                <a href="/logga-in">{lang === 'sv' ? 'Logga in' : 'Sign in'}</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {lang === 'sv'
                ? 'Är du utsatt för våld? Ring Kvinnofridslinjen 020-50 50 50, gratis och dygnet runt. Vid akut fara, ring 112.'
                : 'Are you subjected to violence? Call Kvinnofridslinjen 020-50 50 50, free and day and night. In an emergency, call 112.'}
            </p>
            <p>
              <a href="/docs">API</a> · <a href="/player/">{lang === 'sv' ? 'Skärmspelaren' : 'Screen player'}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
