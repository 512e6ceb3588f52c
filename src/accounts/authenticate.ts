import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { problems } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { type Actor, anonymous } from './actor.js';
import { userForApiToken, userForSession } from './auth-service.js';

export const SESSION_COOKIE = 'hub_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FORM_FIELD = '_csrf';

/** Resolves a bearer token that is not a user API token (screens add theirs here). */
export type TokenResolver = (token: string, c: Context<AppEnv>) => Promise<Actor | null>;

/**
 * Works out who is calling from a Bearer token or the session cookie. A token that is present but
 * unknown is a 401 at once, rather than silently treating the caller as anonymous, so a script
 * with a revoked token learns why it sees less.
 */
export function authenticate(extraResolvers: TokenResolver[] = []): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { database, clock } = c.get('deps');
    const authorization = c.req.header('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw problems.unauthorized('The Authorization header must be "Bearer <token>".');
      const token = match[1];
      let actor: Actor | null = null;
      if (token.startsWith('cht_')) {
        const user = await userForApiToken(database.db, token, clock.now());
        actor = user ? { kind: 'user', user, via: 'token' } : null;
      } else {
        for (const resolve of extraResolvers) {
          actor = await resolve(token, c);
          if (actor) break;
        }
      }
      if (!actor) throw problems.unauthorized('The token is unknown, expired or revoked.');
      c.set('actor', actor);
      return next();
    }
    const sessionToken = getCookie(c, SESSION_COOKIE);
    if (sessionToken) {
      const found = await userForSession(database.db, sessionToken, clock.now());
      if (found) {
        c.set('actor', { kind: 'user', user: found.user, via: 'session', csrfToken: found.csrfToken });
        return next();
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    c.set('actor', anonymous);
    return next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How a refused CSRF check is answered. */
export interface CsrfOptions {
  /**
   * A page for a refused browser form post (people read it, a problem+json body means nothing
   * to them), or null to answer problem+json as for the API.
   */
  refusalPage?: (c: Context<AppEnv>) => Response | Promise<Response> | null;
}

/**
 * Cookie-authenticated writes must carry the session's CSRF token (header for scripts, hidden
 * field for plain HTML forms). Token-authenticated calls are not exposed to CSRF.
 */
export function requireCsrfForSessions(
  exemptPaths: readonly string[] = [],
  options: CsrfOptions = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (SAFE_METHODS.has(c.req.method) || actor.kind !== 'user' || actor.via !== 'session') return next();
    // Signing in again starts a fresh session, so it needs no token from the old one.
    if (exemptPaths.includes(c.req.path)) return next();
    let presented = c.req.header(CSRF_HEADER);
    const contentType = c.req.header('content-type') ?? '';
    if (!presented && contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = await c.req.parseBody();
      const field = form[CSRF_FORM_FIELD];
      presented = typeof field === 'string' ? field : undefined;
    }
    // An upload form's body is streamed to disk by its handler and cannot be read here, so a
    // plain HTML upload form carries the token in its action URL instead.
    if (!presented && contentType.startsWith('multipart/form-data')) presented = c.req.query(CSRF_FORM_FIELD);
    if (!presented || presented !== actor.csrfToken) {
      const page = options.refusalPage?.(c);
      if (page) return page;
      throw problems.csrf();
    }
    return next();
  };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure whenever the site is served over TLS. */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: requestIsSecure(c),
    path: '/',
    expires: expiresAt,
  });
}

/** Whether the client reached us over TLS (directly, via PUBLIC_URL, or a trusted proxy). */
export function requestIsSecure(c: Context<AppEnv>): boolean {
  const { config } = c.get('deps');
  if (config.PUBLIC_URL?.startsWith('https://')) return true;
  if (config.TRUST_PROXY && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** Clears the session cookie. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: requestIsSecure(c), httpOnly: true, sameSite: 'Lax' });
}
