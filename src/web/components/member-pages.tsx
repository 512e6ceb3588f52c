import type { Context } from 'hono';
import type { SignedInUser } from '../../accounts/actor.js';
import type { AppEnv } from '../../http/app-env.js';
import { Layout } from '../layout.js';
import { type PageContext, pageContext, sendPage } from '../page-context.js';

/** Where a page sends an anonymous visitor: the sign-in page, coming back here afterwards. */
export function signInRedirect(c: Context<AppEnv>, back: string): Response {
  return c.redirect(`/logga-in?next=${encodeURIComponent(back)}`, 303);
}

/** The signed-in user of a request, or null. */
export function signedInUser(c: Context<AppEnv>): SignedInUser | null {
  const actor = c.get('actor');
  return actor.kind === 'user' ? actor.user : null;
}

/** The "not found" page, in the page's language (HTML, not problem+json: people read it). */
export function sendNotFound(c: Context<AppEnv>, page: PageContext = pageContext(c)) {
  const { lang } = page;
  return sendPage(
    c,
    <Layout
      lang={lang}
      title={{ sv: 'Sidan finns inte', en: 'Page not found' }}
      path={page.path}
      user={page.user}
      csrfToken={page.csrfToken}
    >
      <h1>{lang === 'sv' ? 'Sidan finns inte' : 'Page not found'}</h1>
      <p>
        {lang === 'sv'
          ? 'Det du letar efter finns inte, eller så får du inte se det.'
          : 'What you are looking for does not exist, or you may not see it.'}
      </p>
      <p>
        <a href="/katalog">{lang === 'sv' ? 'Till materialkatalogen' : 'To the material catalogue'}</a>
      </p>
    </Layout>,
    404,
  );
}

/** Whether a path segment can be an order or product id (anything else cannot exist). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
