import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { SignedInUser } from '../accounts/actor.js';
import { findVisibleOrganisation, type OrganisationRow } from '../accounts/organisations-service.js';
import type { Region } from '../accounts/scope.js';
import type { Db } from '../db/client.js';
import { countyNameIn } from '../events/programme-words.js';
import type { FieldProblem } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { type CampaignForOrdering, campaignOrderableBy } from '../orders/order-rules.js';
import { orderingStateAt } from '../orders/ordering-season.js';
import { placeOrder } from '../orders/place-order.js';
import { listCampaignProducts } from '../orders/products-service.js';
import { countyByCode, municipalityByCode } from '../regions/regions.js';
import { Breadcrumbs } from './components/breadcrumbs.js';
import { Localized, pickText } from './components/localized.js';
import { sendNotFound, signInRedirect, signedInUser } from './components/member-pages.js';
import { OrderForm } from './components/order-form.js';
import {
  emptyOrderForm,
  type OrderFormValues,
  orderInputOf,
  readOrderForm,
  refusalProblems,
} from './components/order-form-values.js';
import { copiesOrderedThisSeason } from './components/season-quota.js';
import { WindowFacts } from './components/window-facts.js';
import { ErrorSummary, titleWithErrors } from './forms.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { type PageContext, pageContext, sendPage } from './page-context.js';

/** The organisation a signed-in person orders for; null for visitors and people without one. */
export function orderingOrganisationOf(db: Db, user: SignedInUser | null): Promise<OrganisationRow | null> {
  return user?.organisationId
    ? findVisibleOrganisation(db, user, user.organisationId)
    : Promise.resolve(null);
}

/**
 * Whether a page offers a campaign's order form: to every visitor who is not ordering for an
 * organisation yet (they are asked to sign in, or told they need one), and to organisations the
 * ordering rule lets order it, so no one is offered a form they would be refused.
 */
export function offersOrdering(campaign: CampaignForOrdering, organisation: Region | null): boolean {
  return organisation === null || campaignOrderableBy(campaign, organisation).ok;
}

/** Where a county or local campaign's material is for: "Västmanlands län", "Köpings kommun". */
function regionWords(campaign: CampaignForOrdering, lang: UiLanguage): string {
  if (campaign.tier === 'local' && campaign.municipalityCode) {
    const name = municipalityByCode(campaign.municipalityCode)?.name ?? campaign.municipalityCode;
    if (lang === 'en') return `${name} Municipality`;
    // Swedish genitive: no extra s after s, x, z or a vowel (Västerås kommun, Arboga kommun).
    return `${name}${/[sxzaeiouyåäö]$/i.test(name) ? '' : 's'} kommun`;
  }
  const county = campaign.countyCode ? countyByCode(campaign.countyCode) : undefined;
  return county ? countyNameIn(county.name, lang) : (campaign.countyCode ?? '');
}

/** Says, in place of an order button, that a campaign's material is for organisations elsewhere. */
export function OrderableElsewhere(props: {
  campaign: CampaignForOrdering;
  organisation: { name: string };
  lang: UiLanguage;
}) {
  const where = regionWords(props.campaign, props.lang);
  return (
    <p class="warning ordering-region">
      {props.lang === 'sv'
        ? `Det tryckta materialet är till för organisationer i ${where}, så ${props.organisation.name} kan inte beställa det.`
        : `The printed material is for organisations in ${where}, so ${props.organisation.name} cannot order it.`}
    </p>
  );
}

type OrderSetting = NonNullable<Awaited<ReturnType<typeof loadOrderSetting>>>;

/** Everything the form shows: the campaign and its orderable products, the organisation, the window, the quota used. */
async function loadOrderSetting(c: Context<AppEnv>, user: SignedInUser, slug: string) {
  const { database, clock } = c.get('deps');
  const listed = await listCampaignProducts(database.db, c.get('actor'), slug);
  if (!listed.ok) return null;
  const now = clock.now();
  const organisation = await orderingOrganisationOf(database.db, user);
  const ordering = orderingStateAt(listed.campaign.ordering, now);
  const used = ordering.open
    ? await copiesOrderedThisSeason(database.db, user, listed.campaign.id, ordering.seasonKey)
    : new Map<string, number>();
  return {
    campaign: listed.campaign,
    // Coordinators also see inactive products in listings; nobody can order them.
    products: listed.products.filter((product) => product.active),
    previewUrls: listed.previewUrls,
    organisation,
    /** Whether the organisation may order this campaign's material at all (where it is). */
    orderable: offersOrdering(listed.campaign, organisation),
    ordering,
    used,
    now,
  };
}

/** An empty form with a new Idempotency-Key. */
function freshForm(user: SignedInUser, setting: OrderSetting): OrderFormValues {
  return emptyOrderForm(user, Boolean(setting.organisation?.defaultAddress));
}

function OrderPage(props: {
  page: PageContext;
  setting: OrderSetting;
  values: OrderFormValues;
  errors: FieldProblem[];
}) {
  const { page, setting, errors } = props;
  const { lang } = page;
  const { campaign, organisation } = setting;
  const say = (sv: string, en: string) => (lang === 'sv' ? sv : en);
  const title = titleWithErrors(
    {
      sv: `Beställ: ${pickText(campaign.title, 'sv').value}`,
      en: `Order: ${pickText(campaign.title, 'en').value}`,
    },
    errors,
  );
  let body: Child;
  if (!organisation) {
    body = (
      <p class="warning">
        {say(
          'Bara den som hör till en organisation kan beställa. Be samordnaren koppla ditt konto till din organisation.',
          'Only people who belong to an organisation can order. Ask the coordinator to connect your account to your organisation.',
        )}
      </p>
    );
  } else if (!setting.orderable) {
    body = <OrderableElsewhere campaign={campaign} organisation={organisation} lang={lang} />;
  } else if (!setting.ordering.open) {
    body = (
      <p class="warning">
        {say('Beställningen är stängd just nu. ', 'Ordering is closed right now. ')}
        <WindowFacts window={campaign.ordering} now={setting.now} lang={lang} />
      </p>
    );
  } else if (setting.products.length === 0) {
    body = (
      <p>
        {say(
          'Kampanjen har inget tryckt material att beställa.',
          'The campaign has no printed material to order.',
        )}
      </p>
    );
  } else {
    body = (
      <>
        <p>
          {say('Du beställer för ', 'You are ordering for ')}
          <strong>{organisation.name}</strong>. {say('Beställning: ', 'Ordering: ')}
          <WindowFacts window={campaign.ordering} now={setting.now} lang={lang} />
        </p>
        {setting.products.some((product) => product.quotaPerOrganisation !== null) ? (
          <p class="hint">
            {say(
              'Kvoten gäller er organisation under hela beställningssäsongen, för alla era beställningar tillsammans.',
              'The quota applies to your organisation for the whole ordering season, over all your orders together.',
            )}
          </p>
        ) : null}
        <OrderForm
          lang={lang}
          action={`/kampanjer/${campaign.slug}/bestall`}
          csrfToken={page.csrfToken}
          products={setting.products}
          previewUrls={setting.previewUrls}
          used={setting.used}
          defaultAddress={organisation.defaultAddress}
          values={props.values}
          errors={errors}
        />
      </>
    );
  }
  return (
    <Layout lang={lang} title={title} path={page.path} user={page.user} csrfToken={page.csrfToken}>
      <Breadcrumbs
        lang={lang}
        trail={[
          { href: '/katalog', label: say('Material', 'Material') },
          { href: `/kampanjer/${campaign.slug}`, label: <Localized text={campaign.title} lang={lang} /> },
        ]}
      />
      <h1>
        {say('Beställ tryckt material', 'Order printed material')}
        <span class="subtitle">
          <Localized text={campaign.title} lang={lang} />
        </span>
      </h1>
      <ErrorSummary lang={lang} errors={errors} />
      {body}
    </Layout>
  );
}

/** The page (403) for an organisation outside the campaign's region: why it cannot order, and no form. */
function sendElsewhere(c: Context<AppEnv>, page: PageContext, setting: OrderSetting, user: SignedInUser) {
  return sendPage(
    c,
    <OrderPage page={page} setting={setting} values={freshForm(user, setting)} errors={[]} />,
    403,
  );
}

/** The order form of a campaign (`/kampanjer/{slug}/bestall`): GET shows it, POST places the order (post-redirect-get). */
export function orderFormPage() {
  const router = new Hono<AppEnv>();

  router.get('/kampanjer/:slug/bestall', async (c) => {
    const user = signedInUser(c);
    const page = pageContext(c);
    if (!user) return signInRedirect(c, page.path);
    const setting = await loadOrderSetting(c, user, c.req.param('slug'));
    if (!setting) return sendNotFound(c, page);
    if (!setting.orderable) return sendElsewhere(c, page, setting, user);
    return sendPage(
      c,
      <OrderPage page={page} setting={setting} values={freshForm(user, setting)} errors={[]} />,
    );
  });

  router.post('/kampanjer/:slug/bestall', async (c) => {
    const user = signedInUser(c);
    const page = pageContext(c);
    if (!user) return signInRedirect(c, page.path);
    const setting = await loadOrderSetting(c, user, c.req.param('slug'));
    if (!setting) return sendNotFound(c, page);
    if (!setting.orderable) return sendElsewhere(c, page, setting, user);
    if (!setting.organisation || !setting.ordering.open) {
      return sendPage(
        c,
        <OrderPage page={page} setting={setting} values={freshForm(user, setting)} errors={[]} />,
        409,
      );
    }
    const values = readOrderForm(await c.req.parseBody(), setting.products);
    const parsed = orderInputOf(values, setting.campaign.id, setting.products, page.lang);
    if (!parsed.ok)
      return sendPage(
        c,
        <OrderPage page={page} setting={setting} values={values} errors={parsed.errors} />,
        422,
      );

    const { database, clock } = c.get('deps');
    const result = await placeOrder(database.db, user, parsed.input, {
      now: clock.now(),
      idempotencyKey: values.idempotencyKey,
    });
    if (result.ok) return c.redirect(`/mina-bestallningar/${result.order.id}?skickad=1`, 303);
    if (result.reason === 'unknown_campaign') return sendNotFound(c, page);
    // The organisation moved since the form was read: the same page as above.
    if (result.reason === 'outside_campaign_region')
      return sendElsewhere(c, page, { ...setting, orderable: false }, user);
    if (result.reason === 'ordering_closed' || result.reason === 'no_organisation') {
      const closed = { ...setting, ordering: orderingStateAt(setting.campaign.ordering, clock.now()) };
      return sendPage(c, <OrderPage page={page} setting={closed} values={values} errors={[]} />, 409);
    }
    const errors = refusalProblems(result, parsed.input, setting.products, setting.used, page.lang);
    // A key already used for other content stays used: the corrected form needs a fresh one.
    const retry =
      result.reason === 'idempotency_key_reused'
        ? { ...values, idempotencyKey: freshForm(user, setting).idempotencyKey }
        : values;
    return sendPage(
      c,
      <OrderPage page={page} setting={setting} values={retry} errors={errors} />,
      result.reason === 'idempotent_request_in_progress' ? 409 : 422,
    );
  });

  return router;
}
