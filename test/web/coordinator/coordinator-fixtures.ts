import type { SignedInUser } from '../../../src/accounts/actor.js';
import type { TestContext } from '../../support/test-app.js';

/** A browser-like session: the session cookie and the CSRF token that forms carry. */
export interface Session {
  user: SignedInUser;
  token: string;
  cookie: string;
  csrf: string;
}

export const PASSWORD = 'correct horse battery staple';

/** Creates a user and signs them in through the API, as the sign-in page does. */
export async function session(t: TestContext, input: Parameters<TestContext['user']>[0]): Promise<Session> {
  const { user, token } = await t.user({ password: PASSWORD, ...input });
  const response = await t.request('/api/v1/auth/sign-in', {
    method: 'POST',
    json: { email: user.email, password: PASSWORD },
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { user, token, cookie, csrf: csrfToken };
}

/** A county coordinator of the county board (länsstyrelse) of a county, signed in. */
export async function countyCoordinator(
  t: TestContext,
  countyCode: string,
  boardName: string,
): Promise<Session> {
  const board = await t.organisation({ kind: 'county_board', countyCode, name: boardName });
  return session(t, {
    role: 'coordinator',
    scope: 'county',
    scopeCountyCode: countyCode,
    organisationId: board.id,
  });
}

/** GETs a page with the session's cookie. */
export function getPage(t: TestContext, path: string, who?: Session): Promise<Response> {
  return t.request(path, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
}

/** Posts a form as a browser does (urlencoded), with the CSRF field unless told otherwise. */
export function postForm(
  t: TestContext,
  path: string,
  who: Session | null,
  fields: Record<string, string | string[]>,
  options: { csrf?: boolean } = {},
): Promise<Response> {
  const body = new URLSearchParams();
  if (who && options.csrf !== false) body.append('_csrf', who.csrf);
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return t.request(path, {
    method: 'POST',
    body: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) },
    redirect: 'manual',
  });
}

/** The fields of the campaign form for a draft airing all year. */
export function campaignFields(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    'title.sv': 'Vecka 48 i Västerås',
    'title.en': '',
    slug: `vecka-48-${Math.random().toString(36).slice(2, 8)}`,
    'summary.sv': 'En vecka fri från våld.',
    'summary.en': '',
    'description.sv': 'Föreläsningar och en ljusmanifestation.',
    'description.en': '',
    tier: 'county',
    countyCode: '19',
    municipalityCode: '',
    languages: ['sv'],
    audience: '',
    'airing.kind': 'isoWeek',
    'airing.from': '',
    'airing.to': '',
    'airing.yearlyFrom': '',
    'airing.yearlyTo': '',
    'airing.week': '48',
    'airing.timeFrom': '',
    'airing.timeTo': '',
    'ordering.kind': 'always',
    ...overrides,
  };
}

/** The text of an HTML page without tags, for asserting what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
