import { Hono } from 'hono';
import { campaignJson } from '../campaigns/campaign-routes.js';
import { listCampaigns } from '../campaigns/campaigns-service.js';
import type { AppEnv } from '../http/app-env.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { pageContext, sendPage } from './page-context.js';

type CampaignView = ReturnType<typeof campaignJson>;

function CampaignCard(props: { campaign: CampaignView; lang: UiLanguage }) {
  const { campaign, lang } = props;
  const live = campaign.airingState.open;
  const dateFormat = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Stockholm' });
  return (
    <li class="card">
      <h3>
        <a href={`/kampanjer/${campaign.slug}`}>{campaign.title[lang] ?? campaign.title.sv}</a>
      </h3>
      <p>{campaign.summary[lang] ?? campaign.summary.sv}</p>
      <p class={live ? 'status-live' : 'status-coming'}>
        {live
          ? lang === 'sv'
            ? 'Pågår nu'
            : 'Running now'
          : campaign.airingState.nextOpensAt
            ? `${lang === 'sv' ? 'Startar' : 'Starts'} ${dateFormat.format(new Date(campaign.airingState.nextOpensAt))}`
            : lang === 'sv'
              ? 'Inga fler datum'
              : 'No more dates'}
        {' · '}
        {campaign.airingState.text[lang]}
      </p>
      {campaign.orderingState?.open ? (
        <p>
          <a href={`/kampanjer/${campaign.slug}`}>
            {lang === 'sv' ? 'Material kan beställas och laddas ner nu' : 'Material can be ordered and downloaded now'}
          </a>
        </p>
      ) : null}
    </li>
  );
}

/** The start page: what the service is, the campaigns running and coming, and where to go. */
export function homePage() {
  const router = new Hono<AppEnv>();
  router.get('/', async (c) => {
    const page = pageContext(c);
    const { database, clock } = c.get('deps');
    const now = clock.now();
    const campaigns = (await listCampaigns(database.db, c.get('actor'), {})).map((row) => campaignJson(row, now));
    const running = campaigns.filter((campaign) => campaign.airingState.open);
    const coming = campaigns
      .filter((campaign) => !campaign.airingState.open && campaign.airingState.nextOpensAt)
      .sort((a, b) => (a.airingState.nextOpensAt ?? '').localeCompare(b.airingState.nextOpensAt ?? ''));
    const { lang } = page;
    return sendPage(
      c,
      <Layout lang={lang} title={{ sv: 'Start', en: 'Home' }} path={page.path} user={page.user} csrfToken={page.csrfToken}>
        <h1>{lang === 'sv' ? 'Kampanjer mot våld i nära relationer' : 'Campaigns against violence in close relationships'}</h1>
        <p class="lead">
          {lang === 'sv'
            ? 'Kampanjnavet samlar material från nationella, regionala och lokala kampanjer. Skärmar i butiker visar bildspel om var utsatta kan få stöd, och skolor, föreningar och kommuner beställer trycksaker och laddar ner material för sociala medier.'
            : 'The campaign hub gathers material from national, regional and local campaigns. Screens in shops show slideshows on where people at risk can get support, and schools, associations and municipalities order printed material and download social-media material.'}
        </p>
        <p class="actions">
          <a class="button" href="/katalog">
            {lang === 'sv' ? 'Beställ och ladda ner material' : 'Order and download material'}
          </a>{' '}
          <a class="button secondary" href="/player/">
            {lang === 'sv' ? 'Starta skärmspelaren' : 'Start the screen player'}
          </a>{' '}
          <a class="button secondary" href="/docs">
            {lang === 'sv' ? 'API-referens' : 'API reference'}
          </a>
        </p>
        <h2>{lang === 'sv' ? 'Pågår nu' : 'Running now'}</h2>
        {running.length ? (
          <ul class="cards">
            {running.map((campaign) => (
              <CampaignCard campaign={campaign} lang={lang} />
            ))}
          </ul>
        ) : (
          <p>{lang === 'sv' ? 'Ingen kampanj pågår just nu.' : 'No campaign is running right now.'}</p>
        )}
        <h2>{lang === 'sv' ? 'Kommande' : 'Coming up'}</h2>
        {coming.length ? (
          <ul class="cards">
            {coming.map((campaign) => (
              <CampaignCard campaign={campaign} lang={lang} />
            ))}
          </ul>
        ) : (
          <p>{lang === 'sv' ? 'Inga fler kampanjer är planerade än.' : 'No more campaigns are planned yet.'}</p>
        )}
      </Layout>,
    );
  });
  return router;
}
