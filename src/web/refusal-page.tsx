import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Bilingual } from './i18n.js';
import { Layout } from './layout.js';
import { pageContext, sendPage } from './page-context.js';
import { localPathOrNull } from './sign-in-page.js';

/** What a refusal page says: a heading, why, and where to go back to. */
export interface Refusal {
  status: 400 | 403 | 404;
  title: Bilingual;
  message: Bilingual;
  back: { href: string; label: Bilingual };
}

/** A page that only says why there is nothing here, in the page's language, with a way back. */
export function sendRefusal(c: Context<AppEnv>, refusal: Refusal) {
  const page = pageContext(c);
  const { lang } = page;
  return sendPage(
    c,
    <Layout
      lang={lang}
      title={refusal.title}
      // A refused post has no page of its own to show in the other language: the way back has.
      path={c.req.method === 'GET' ? page.path : refusal.back.href}
      user={page.user}
      csrfToken={page.csrfToken}
    >
      <h1>{refusal.title[lang]}</h1>
      <p>{refusal.message[lang]}</p>
      <p>
        <a href={refusal.back.href}>{refusal.back.label[lang]}</a>
      </p>
    </Layout>,
    refusal.status,
  );
}

/** A 400 page for a post no form of ours sends (a value outside its choices); nothing was written. */
export function sendUnreadableForm(c: Context<AppEnv>, back: string) {
  return sendRefusal(c, {
    status: 400,
    title: { sv: 'Formuläret gick inte att läsa', en: 'The form could not be read' },
    message: {
      sv: 'Det som skickades var inte ett av formulärets val. Inget har ändrats.',
      en: 'What was sent was not one of the form’s choices. Nothing was changed.',
    },
    back: { href: back, label: { sv: 'Tillbaka', en: 'Back' } },
  });
}

/**
 * Whether a refused request came from a person's browser rather than a script: not an /api/
 * address, and not asking for JSON. Scripts keep their problem+json answers.
 */
export function requestWantsPage(c: Context<AppEnv>): boolean {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return false;
  return !/application\/(problem\+)?json/i.test(c.req.header('accept') ?? '');
}

/** The page of our own site a request came from (its Referer), or null when it came from elsewhere. */
function refererPath(c: Context<AppEnv>): string | null {
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.origin === new URL(c.req.url).origin ? localPathOrNull(`${url.pathname}${url.search}`) : null;
  } catch {
    return null;
  }
}

/** Where a person starts, as a way back: coordinators on their pages, everyone else on the start page. */
export function startOf(c: Context<AppEnv>): Refusal['back'] {
  const actor = c.get('actor');
  return actor.kind === 'user' && actor.user.role !== 'member'
    ? { href: '/samordnare', label: { sv: 'Till samordning', en: 'To coordination' } }
    : { href: '/', label: { sv: 'Till start', en: 'To the start page' } };
}

/**
 * The 403 page for a browser form post whose CSRF token was missing or stale (an old tab, or a
 * session renewed elsewhere), or null for API requests, which keep problem+json. Nothing the
 * form carried has been read or written.
 */
export function csrfRefusalPage(c: Context<AppEnv>): Response | Promise<Response> | null {
  if (!requestWantsPage(c)) return null;
  const referer = refererPath(c);
  return sendRefusal(c, {
    status: 403,
    title: { sv: 'Formuläret kunde inte skickas', en: 'The form could not be sent' },
    message: {
      sv: 'Sidan du skickade från hör inte till din nuvarande inloggning, till exempel för att den var öppen länge eller för att du loggade in på nytt i en annan flik. Inget har sparats. Gå tillbaka, ladda om sidan och försök igen.',
      en: 'The page you sent it from does not belong to your current sign-in, for example because it was open for a long time or you signed in again in another tab. Nothing was saved. Go back, reload the page and try again.',
    },
    back: referer
      ? { href: referer, label: { sv: 'Tillbaka till sidan', en: 'Back to the page' } }
      : startOf(c),
  });
}

/**
 * The 404 page for an address nobody serves, when a person's browser asked for a page (it
 * accepts HTML); scripts, images and the player's fetches keep the problem+json answer.
 */
export function notFoundPage(c: Context<AppEnv>): Response | Promise<Response> | null {
  if (!requestWantsPage(c) || !/text\/html/i.test(c.req.header('accept') ?? '')) return null;
  return sendRefusal(c, {
    status: 404,
    title: { sv: 'Sidan finns inte', en: 'Page not found' },
    message: {
      sv: 'Det finns ingen sida på den här adressen. Den kan ha flyttats, eller så är adressen felskriven.',
      en: 'There is no page at this address. It may have moved, or the address may be mistyped.',
    },
    back: startOf(c),
  });
}
