import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AppEnv } from '../http/app-env.js';
import { type UiLanguage, UI_LANGUAGE_COOKIE, uiLanguageOf } from './i18n.js';
import type { NavUser } from './layout.js';

/** What every page needs to render its frame: language, who is signed in, CSRF token, path. */
export interface PageContext {
  lang: UiLanguage;
  user: (NavUser & { id: string }) | null;
  csrfToken: string;
  path: string;
}

/** Reads the page context of a request, remembering an explicit language choice in a cookie. */
export function pageContext(c: Context<AppEnv>): PageContext {
  const lang = uiLanguageOf(c);
  if (c.req.query('lang')) setCookie(c, UI_LANGUAGE_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
  const actor = c.get('actor');
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return {
    lang,
    user: actor.kind === 'user' ? { id: actor.user.id, name: actor.user.name, role: actor.user.role } : null,
    csrfToken: actor.kind === 'user' ? (actor.csrfToken ?? '') : '',
    path: `${url.pathname}${url.search}`,
  };
}

/** Sends a page with its doctype (JSX alone does not write one, and quirks mode breaks layout). */
export function sendPage(c: Context<AppEnv>, page: unknown, status: 200 | 400 | 403 | 404 | 409 | 422 = 200): Response | Promise<Response> {
  return c.html(html`<!doctype html>${page}`, status);
}
