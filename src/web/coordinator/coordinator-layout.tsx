import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { SignedInUser } from '../../accounts/actor.js';
import {
  type CampaignWithOwner,
  findCampaign,
  userMayManageCampaign,
} from '../../campaigns/campaigns-service.js';
import type { AppEnv } from '../../http/app-env.js';
import type { Bilingual, UiLanguage } from '../i18n.js';
import { Layout } from '../layout.js';
import { type PageContext, pageContext } from '../page-context.js';
import { sendRefusal, startOf } from '../refusal-page.js';

/** The coordinator sections, in the order of the sub-navigation. */
const SECTIONS: Array<{ href: string; label: Bilingual }> = [
  { href: '/samordnare', label: { sv: 'Översikt', en: 'Overview' } },
  { href: '/samordnare/kampanjer', label: { sv: 'Kampanjer', en: 'Campaigns' } },
  { href: '/samordnare/tidslinje', label: { sv: 'Tidslinje', en: 'Timeline' } },
  {
    href: '/samordnare/forhandsvisning',
    label: { sv: 'Vad visar skärmen?', en: 'What does a screen show?' },
  },
  { href: '/samordnare/evenemang', label: { sv: 'Evenemang', en: 'Events' } },
  { href: '/samordnare/skarmar', label: { sv: 'Skärmar', en: 'Screens' } },
  { href: '/samordnare/bestallningar', label: { sv: 'Beställningar', en: 'Orders' } },
  { href: '/samordnare/rackvidd', label: { sv: 'Räckvidd', en: 'Reach' } },
];

/** Confirmations shown after a post-redirect-get, by the `klart` query value. */
const NOTICES: Record<string, Bilingual> = {
  skapad: { sv: 'Kampanjen är skapad som utkast.', en: 'The campaign was created as a draft.' },
  sparad: { sv: 'Ändringarna är sparade.', en: 'The changes were saved.' },
  publicerad: { sv: 'Kampanjen är publicerad.', en: 'The campaign is published.' },
  arkiverad: { sv: 'Kampanjen är arkiverad.', en: 'The campaign is archived.' },
  utkast: { sv: 'Kampanjen är ett utkast igen.', en: 'The campaign is a draft again.' },
  uppladdad: { sv: 'Bilden är uppladdad.', en: 'The artwork was uploaded.' },
  bildspel: { sv: 'Bildspelet är sparat.', en: 'The slide was saved.' },
  borttagen: { sv: 'Bildspelet är borttaget från skärmarna.', en: 'The slide was taken off the screens.' },
  ordning: { sv: 'Ordningen är sparad.', en: 'The order was saved.' },
  undantag: {
    sv: 'Skälen för saknade språk är sparade.',
    en: 'The reasons for missing languages were saved.',
  },
  kopplad: {
    sv: 'Skärmen är kopplad. Den börjar spela inom en minut.',
    en: 'The screen is paired. It starts playing within a minute.',
  },
  godkand: { sv: 'Beställningen är godkänd.', en: 'The order was approved.' },
  avslagen: { sv: 'Beställningen är avslagen.', en: 'The order was rejected.' },
  tryckomgang: { sv: 'Tryckomgången är skapad.', en: 'The print batch was made.' },
  evenemang: { sv: 'Evenemanget är tillagt.', en: 'The event was added.' },
  'evenemang-sparat': { sv: 'Evenemanget är sparat.', en: 'The event was saved.' },
  installt: {
    sv: 'Evenemanget är inställt. Det står kvar i programmet, markerat som inställt.',
    en: 'The event is cancelled. It stays in the programme, marked as cancelled.',
  },
  'ej-installt': { sv: 'Evenemanget blir av igen.', en: 'The event is on again.' },
  'evenemang-borttaget': { sv: 'Evenemanget är borttaget.', en: 'The event was deleted.' },
};

/** A text in the page language: `t('Svenska', 'English')`. */
export type Translate = (sv: string, en: string) => string;

/** A count with its noun in the right number: `counted(1, ['skärm', 'skärmar'])` is "1 skärm". */
export function counted(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The translator for a language. */
export function translator(lang: UiLanguage): Translate {
  return (sv, en) => (lang === 'sv' ? sv : en);
}

/** What a coordinator page needs: the page context, the signed-in user, and the translator. */
export interface CoordinatorContext extends PageContext {
  me: SignedInUser;
  t: Translate;
}

/** The coordinator context of a request the guard let through. */
export function coordinatorContext(c: Context<AppEnv>): CoordinatorContext {
  const actor = c.get('actor');
  if (actor.kind !== 'user') throw new Error('coordinator page reached without a user');
  const page = pageContext(c);
  return { ...page, me: actor.user, t: translator(page.lang) };
}

/** The frame of every coordinator page: the site layout, the section navigation and any confirmation. */
export function CoordinatorPage(props: {
  page: PageContext;
  title: Bilingual;
  section: string;
  notice?: string | undefined;
  children: Child;
}) {
  const { lang } = props.page;
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <Layout
      lang={lang}
      title={props.title}
      path={props.page.path}
      user={props.page.user}
      csrfToken={props.page.csrfToken}
    >
      <nav class="subnav" aria-label={lang === 'sv' ? 'Samordning' : 'Coordination'}>
        <ul>
          {SECTIONS.map((section) => (
            <li>
              <a href={section.href} aria-current={section.href === props.section ? 'page' : undefined}>
                {section.label[lang]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {notice ? (
        <p class="notice" role="status">
          {notice[lang]}
        </p>
      ) : null}
      {props.children}
      <script type="module" src="/static/coordinator.js" />
    </Layout>
  );
}

/** The CSRF hidden field every form carries. */
export function Csrf(props: { page: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.page.csrfToken} />;
}

/** A page that only says why there is nothing here (403, 404), with a way back to the coordinator pages. */
export function sendRefusalPage(c: Context<AppEnv>, status: 403 | 404, message?: Bilingual) {
  const title: Bilingual =
    status === 404
      ? { sv: 'Sidan finns inte', en: 'Page not found' }
      : { sv: 'Ingen behörighet', en: 'Not allowed' };
  const text: Bilingual =
    message ??
    (status === 404
      ? {
          sv: 'Det finns inget här, eller så ligger det utanför ditt område.',
          en: 'There is nothing here, or it lies outside your area.',
        }
      : {
          sv: 'Sidorna för samordnare är till för samordnare och administratörer.',
          en: 'The coordinator pages are for coordinators and administrators.',
        });
  return sendRefusal(c, { status, title, message: text, back: startOf(c) });
}

/** The campaign of the `:slug` in the path if the user manages it, else null (shown as a 404, so other regions' campaigns stay unseen). */
export async function managedCampaign(
  c: Context<AppEnv>,
  user: SignedInUser,
): Promise<CampaignWithOwner | null> {
  const campaign = await findCampaign(c.get('deps').database.db, c.req.param('slug') ?? '');
  return campaign && userMayManageCampaign(user, campaign) ? campaign : null;
}
