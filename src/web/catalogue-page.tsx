import { Hono } from 'hono';
import { type Actor, userOf } from '../accounts/actor.js';
import type { OrganisationRow } from '../accounts/organisations-service.js';
import { type CampaignWithOwner, listCampaigns } from '../campaigns/campaigns-service.js';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/app-env.js';
import { CONTENT_LANGUAGE_CODES, type ContentLanguage } from '../i18n/languages.js';
import { orderingStateAt } from '../orders/ordering-season.js';
import { listCampaignProducts } from '../orders/products-service.js';
import { languageName } from './components/labels.js';
import { Localized } from './components/localized.js';
import { ProductCard } from './components/product-card.js';
import { WindowFacts } from './components/window-facts.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { OrderableElsewhere, offersOrdering, orderingOrganisationOf } from './order-form-page.js';
import { pageContext, sendPage } from './page-context.js';

type CatalogueEntry = Awaited<ReturnType<typeof catalogueEntry>>;

async function catalogueEntry(db: Db, actor: Actor, campaign: CampaignWithOwner) {
  const listed = await listCampaignProducts(db, actor, campaign.id);
  return {
    campaign,
    products: listed.ok ? listed.products : [],
    previewUrls: listed.ok ? listed.previewUrls : new Map<string, string>(),
  };
}

function CampaignEntry(props: {
  entry: CatalogueEntry;
  organisation: OrganisationRow | null;
  now: Date;
  lang: UiLanguage;
}) {
  const { entry, lang, now, organisation } = props;
  const { campaign } = entry;
  // Material an organisation elsewhere would be refused is still shown (and downloadable), not offered.
  const refused = organisation !== null && !offersOrdering(campaign, organisation) ? organisation : null;
  return (
    <li class="catalogue-entry">
      <h2>
        <a href={`/kampanjer/${campaign.slug}`}>
          <Localized text={campaign.title} lang={lang} />
        </a>
      </h2>
      <p>
        <Localized text={campaign.summary} lang={lang} />
      </p>
      <p>
        {lang === 'sv' ? 'Beställning och nedladdning: ' : 'Ordering and downloads: '}
        <WindowFacts window={campaign.ordering} now={now} lang={lang} />
      </p>
      <p class="meta">
        {lang === 'sv' ? 'Språk: ' : 'Languages: '}
        {campaign.languages.map((code) => languageName(code, lang)).join(', ')}
        {campaign.audience.length > 0 ? (
          <>
            {' · '}
            {lang === 'sv' ? 'Målgrupp: ' : 'Audience: '}
            {campaign.audience.join(', ')}
          </>
        ) : null}
      </p>
      {entry.products.length > 0 ? (
        <>
          <h3 class="visually-hidden">{lang === 'sv' ? 'Tryckt material' : 'Printed material'}</h3>
          <ul class="cards products">
            {entry.products.map((product) => (
              <ProductCard
                product={product}
                previewUrl={entry.previewUrls.get(product.previewAssetId) ?? null}
                lang={lang}
                headingLevel={4}
              />
            ))}
          </ul>
        </>
      ) : null}
      {entry.products.length > 0 && refused ? (
        <OrderableElsewhere campaign={campaign} organisation={refused} lang={lang} />
      ) : null}
      <p class="actions">
        {entry.products.length > 0 && !refused ? (
          <a class="button" href={`/kampanjer/${campaign.slug}/bestall`}>
            {lang === 'sv' ? 'Beställ tryckt material' : 'Order printed material'}
          </a>
        ) : null}{' '}
        <a class="button secondary" href={`/kampanjer/${campaign.slug}`}>
          {lang === 'sv' ? 'Kampanjen och material att ladda ner' : 'The campaign and downloads'}
        </a>
      </p>
    </li>
  );
}

function FilterForm(props: {
  lang: UiLanguage;
  languages: string[];
  audiences: string[];
  chosenLanguage: string;
  chosenAudience: string;
}) {
  const { lang } = props;
  return (
    <form method="get" action="/katalog" class="filters">
      <div>
        <label for="f-language">{lang === 'sv' ? 'Språk' : 'Language'}</label>
        <select id="f-language" name="language">
          <option value="">{lang === 'sv' ? 'Alla språk' : 'All languages'}</option>
          {props.languages.map((code) => (
            <option value={code} selected={code === props.chosenLanguage}>
              {languageName(code, lang)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-audience">{lang === 'sv' ? 'Målgrupp' : 'Audience'}</label>
        <select id="f-audience" name="audience">
          <option value="">{lang === 'sv' ? 'Alla målgrupper' : 'All audiences'}</option>
          {props.audiences.map((audience) => (
            <option value={audience} selected={audience === props.chosenAudience}>
              {audience}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">{lang === 'sv' ? 'Visa' : 'Show'}</button>
      </div>
    </form>
  );
}

const uniqueSorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'sv'));

/** The material catalogue: campaigns whose ordering and download window is open, filterable by language and audience. */
export function cataloguePage() {
  const router = new Hono<AppEnv>();
  router.get('/katalog', async (c) => {
    const page = pageContext(c);
    const { lang } = page;
    const { database, clock } = c.get('deps');
    const now = clock.now();
    const actor = c.get('actor');
    const askedLanguage = c.req.query('language') ?? '';
    const language = CONTENT_LANGUAGE_CODES.includes(askedLanguage as ContentLanguage) ? askedLanguage : '';
    const audience = (c.req.query('audience') ?? '').slice(0, 60);

    const open = (await listCampaigns(database.db, actor, {})).filter(
      (campaign) => orderingStateAt(campaign.ordering, now).open,
    );
    const shown = open.filter(
      (campaign) =>
        (!language || campaign.languages.includes(language)) &&
        (!audience || campaign.audience.includes(audience)),
    );
    const entries = await Promise.all(shown.map((campaign) => catalogueEntry(database.db, actor, campaign)));
    const organisation = await orderingOrganisationOf(database.db, userOf(actor));
    const filtered = Boolean(language || audience);

    return sendPage(
      c,
      <Layout
        lang={lang}
        title={{ sv: 'Material att beställa och ladda ner', en: 'Material to order and download' }}
        path={page.path}
        user={page.user}
        csrfToken={page.csrfToken}
      >
        <h1>{lang === 'sv' ? 'Material att beställa och ladda ner' : 'Material to order and download'}</h1>
        <p class="lead">
          {lang === 'sv'
            ? 'Här finns kampanjer som just nu tar emot beställningar av tryckt material och har material för sociala medier att ladda ner.'
            : 'Campaigns that take orders for printed material now and have social-media material to download.'}
        </p>
        {page.user ? null : (
          <p>
            {lang === 'sv' ? 'Du behöver ' : 'You need to '}
            <a href="/logga-in?next=%2Fkatalog">{lang === 'sv' ? 'logga in' : 'sign in'}</a>
            {lang === 'sv' ? ' för att beställa och ladda ner.' : ' to order and download.'}
          </p>
        )}
        <FilterForm
          lang={lang}
          languages={uniqueSorted(open.flatMap((campaign) => campaign.languages))}
          audiences={uniqueSorted(open.flatMap((campaign) => campaign.audience))}
          chosenLanguage={language}
          chosenAudience={audience}
        />
        <p role="status">
          {lang === 'sv'
            ? `${entries.length} ${entries.length === 1 ? 'kampanj' : 'kampanjer'}${filtered ? ' som passar filtret' : ''}.`
            : `${entries.length} ${entries.length === 1 ? 'campaign' : 'campaigns'}${filtered ? ' match the filter' : ''}.`}
          {filtered ? (
            <>
              {' '}
              <a href="/katalog">{lang === 'sv' ? 'Visa allt' : 'Show all'}</a>
            </>
          ) : null}
        </p>
        {entries.length > 0 ? (
          <ul class="catalogue">
            {entries.map((entry) => (
              <CampaignEntry entry={entry} organisation={organisation} now={now} lang={lang} />
            ))}
          </ul>
        ) : (
          <p>
            {lang === 'sv'
              ? 'Ingen kampanj tar emot beställningar just nu. Se kommande kampanjer på '
              : 'No campaign takes orders right now. See the coming campaigns on '}
            <a href="/">{lang === 'sv' ? 'startsidan' : 'the home page'}</a>.
          </p>
        )}
      </Layout>,
    );
  });
  return router;
}
