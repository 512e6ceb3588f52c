import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { signIn, signOut } from '../accounts/auth-service.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../accounts/authenticate.js';
import { AppError, type FieldProblem } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { guardSignIn } from '../ops/sign-in-limits.js';
import { ErrorSummary, errorFor, TextField, titleWithErrors } from './forms.js';
import { Layout } from './layout.js';
import { type PageContext, pageContext, sendPage } from './page-context.js';

/** Where people land after signing in when they did not come from a page that needs it. */
const AFTER_SIGN_IN = '/katalog';

/**
 * The `next` of a sign-in as a path on this site, or null. Anything that could leave the site
 * ("//evil.example", "https://…", "/\\evil") is refused, so the sign-in page cannot be used to
 * send people elsewhere.
 */
export function localPathOrNull(next: string | undefined | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return null;
  const base = 'http://local.invalid';
  try {
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** The origins this request may legitimately come from: the address it reached, PUBLIC_URL, the proxy's. */
function ownOrigins(c: Context<AppEnv>): Set<string> {
  const { config } = c.get('deps');
  const origins = new Set([new URL(c.req.url).origin]);
  if (config.PUBLIC_URL) origins.add(new URL(config.PUBLIC_URL).origin);
  const forwardedHost = c.req.header('x-forwarded-host') ?? c.req.header('host');
  const forwardedProto = c.req.header('x-forwarded-proto');
  if (config.TRUST_PROXY && forwardedHost && forwardedProto)
    origins.add(`${forwardedProto}://${forwardedHost}`);
  return origins;
}

/**
 * Whether a form post came from one of our own pages, by its Origin header (or Referer when a
 * browser sends no Origin). The sign-in form has no session and so no CSRF token yet; this check
 * stops another site from signing a visitor in to an account of the attacker's choosing.
 */
export function postedFromOwnOrigin(c: Context<AppEnv>): boolean {
  const origins = ownOrigins(c);
  const origin = c.req.header('origin');
  if (origin) return origins.has(origin);
  const referer = c.req.header('referer');
  if (!referer) return false;
  try {
    return origins.has(new URL(referer).origin);
  } catch {
    return false;
  }
}

/** The sign-in guard for this attempt, or how long the person must wait when they used up their failures. */
function attemptOrBlocked(c: Context<AppEnv>, email: string) {
  try {
    return { ok: true as const, guard: guardSignIn(c, email) };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 429) throw error;
    const seconds = Number(error.extra.retryAfterSeconds ?? 60);
    return { ok: false as const, seconds, minutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
}

function SignInForm(props: {
  page: PageContext;
  email: string;
  next: string | null;
  errors: FieldProblem[];
}) {
  const { page, errors } = props;
  const { lang } = page;
  return (
    <Layout
      lang={lang}
      title={titleWithErrors({ sv: 'Logga in', en: 'Sign in' }, errors)}
      path={page.path}
      user={page.user}
      csrfToken={page.csrfToken}
    >
      <h1>{lang === 'sv' ? 'Logga in' : 'Sign in'}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="lead">
        {lang === 'sv'
          ? 'För skolor, föreningar, kommuner och andra organisationer som beställer tryckt material och laddar ner material för sociala medier.'
          : 'For schools, associations, municipalities and other organisations that order printed material and download social-media material.'}
      </p>
      {page.user ? (
        <p class="notice">
          {lang === 'sv'
            ? `Du är redan inloggad som ${page.user.name}. Loggar du in igen byts sessionen ut.`
            : `You are already signed in as ${page.user.name}. Signing in again replaces the session.`}
        </p>
      ) : null}
      <form method="post" action="/logga-in" class="stack" novalidate>
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="email"
          type="email"
          label={lang === 'sv' ? 'E-postadress' : 'E-mail address'}
          value={props.email}
          error={errorFor(errors, 'email')}
          autocomplete="username"
          required
        />
        <TextField
          name="password"
          type="password"
          label={lang === 'sv' ? 'Lösenord' : 'Password'}
          error={errorFor(errors, 'password')}
          autocomplete="current-password"
          required
        />
        <div>
          <button type="submit">{lang === 'sv' ? 'Logga in' : 'Sign in'}</button>
        </div>
      </form>
      <p>
        {lang === 'sv'
          ? 'Har du inget konto? Kontakta samordnaren för kampanjen i ditt län; de lägger upp din organisation.'
          : 'No account? Ask the campaign coordinator of your county; they add your organisation.'}
      </p>
    </Layout>
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Sign-in (`/logga-in`, GET and POST) and sign-out (`/logga-ut`, POST with the CSRF field). */
export function signInPage() {
  const router = new Hono<AppEnv>();

  router.get('/logga-in', (c) => {
    const page = pageContext(c);
    return sendPage(
      c,
      <SignInForm page={page} email="" next={localPathOrNull(c.req.query('next'))} errors={[]} />,
    );
  });

  router.post('/logga-in', async (c) => {
    const page = pageContext(c);
    const { lang } = page;
    if (!postedFromOwnOrigin(c)) {
      return sendPage(
        c,
        <Layout
          lang={lang}
          title={{ sv: 'Inloggningen stoppades', en: 'Sign-in stopped' }}
          path={page.path}
          user={page.user}
          csrfToken={page.csrfToken}
        >
          <h1>{lang === 'sv' ? 'Inloggningen stoppades' : 'Sign-in stopped'}</h1>
          <p>
            {lang === 'sv'
              ? 'Inloggningen kom inte från den här webbplatsen. Logga in från inloggningssidan.'
              : 'The sign-in did not come from this site. Sign in from the sign-in page.'}
          </p>
          <p>
            <a href="/logga-in">{lang === 'sv' ? 'Till inloggningen' : 'To the sign-in page'}</a>
          </p>
        </Layout>,
        403,
      );
    }
    const form = await c.req.parseBody();
    const email = text(form.email).trim();
    const password = text(form.password);
    const next = localPathOrNull(text(form.next));
    const errors: FieldProblem[] = [];
    if (!email)
      errors.push({
        field: 'email',
        message: lang === 'sv' ? 'Skriv din e-postadress.' : 'Enter your e-mail address.',
      });
    if (!password)
      errors.push({
        field: 'password',
        message: lang === 'sv' ? 'Skriv ditt lösenord.' : 'Enter your password.',
      });
    const { database, clock, config } = c.get('deps');
    if (errors.length === 0) {
      // The same limits as the API's sign-in, so the form is no way around them.
      const attempt = attemptOrBlocked(c, email);
      if (!attempt.ok) {
        const wait =
          lang === 'sv'
            ? `${attempt.minutes} ${attempt.minutes === 1 ? 'minut' : 'minuter'}`
            : `${attempt.minutes} ${attempt.minutes === 1 ? 'minute' : 'minutes'}`;
        const message =
          lang === 'sv'
            ? `För många misslyckade inloggningar. Vänta ${wait} och försök igen.`
            : `Too many failed sign-ins. Wait ${wait} and try again.`;
        c.header('retry-after', String(attempt.seconds));
        const blocked = (
          <SignInForm page={page} email={email} next={next} errors={[{ field: '', message }]} />
        );
        return c.html(html`<!doctype html>${blocked}`, 429);
      }
      const result =
        email.length <= 320 && password.length <= 1000
          ? await signIn(database.db, {
              email,
              password,
              now: clock.now(),
              ttlHours: config.SESSION_TTL_HOURS,
            })
          : ({ ok: false } as const);
      if (result.ok) {
        attempt.guard.succeeded();
        // A new session every time, the old one ended: no session fixation.
        const previous = getCookie(c, SESSION_COOKIE);
        if (previous) await signOut(database.db, previous);
        setSessionCookie(c, result.sessionToken, result.expiresAt);
        return c.redirect(next ?? AFTER_SIGN_IN, 303);
      }
      attempt.guard.failed();
    }
    if (errors.length === 0) {
      errors.push({
        field: 'password',
        message:
          lang === 'sv'
            ? 'Fel e-postadress eller lösenord. Försök igen.'
            : 'Wrong e-mail address or password. Try again.',
      });
    }
    return sendPage(c, <SignInForm page={page} email={email} next={next} errors={errors} />, 422);
  });

  router.post('/logga-ut', async (c) => {
    // The CSRF middleware has already checked the form's token for a live session.
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(c.get('deps').database.db, token);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  });

  return router;
}
