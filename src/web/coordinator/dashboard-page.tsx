import type { Hono } from 'hono';
import { listOrdersForUser } from '../../orders/orders-service.js';
import { summariseFleet } from '../../plays/fleet-service.js';
import { narrowToScope } from '../../plays/region-filter.js';
import { formatNumber } from '../components/format.js';
import { Localized } from '../components/localized.js';
import type { AppEnv } from '../../http/app-env.js';
import { sendPage } from '../page-context.js';
import { campaignsInScope } from './campaign-pages.js';
import { statusName } from './campaign-overview.js';
import { CoordinatorPage, coordinatorContext } from './coordinator-layout.js';
import { regionName } from './scope-options.js';

/** The coordinator's start page: their area, campaigns by status, screens online, orders waiting. */
export function addDashboardPage(router: Hono<AppEnv>): void {
  router.get('/samordnare', async (c) => {
    const ctx = coordinatorContext(c);
    const { t, lang, me } = ctx;
    const { database } = c.get('deps');
    const scope = narrowToScope(me, { countyCode: null, municipalityCode: null });
    const [campaigns, fleet, waiting] = await Promise.all([
      campaignsInScope(database.db, me),
      scope.ok ? summariseFleet(database.db, scope.filter) : null,
      listOrdersForUser(database.db, me, { status: 'submitted', limit: 500, offset: 0 }),
    ]);
    const area = scope.ok ? regionName(scope.filter, lang) : '';
    const count = (status: string) => campaigns.filter((campaign) => campaign.status === status).length;
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Samordning', en: 'Coordination' }}
        section="/samordnare"
        notice={c.req.query('klart')}
      >
        <h1>{t('Samordning', 'Coordination')}</h1>
        <p class="lead">{t(`Ditt område: ${area}.`, `Your area: ${area}.`)}</p>
        <ul class="cards">
          <li class="card">
            <h2>
              <a href="/samordnare/kampanjer">{t('Kampanjer', 'Campaigns')}</a>
            </h2>
            <p>
              {(['draft', 'published', 'archived'] as const)
                .map((status) => `${statusName(status, lang)}: ${count(status)}`)
                .join(' · ')}
            </p>
            <p>
              <a href="/samordnare/kampanjer/ny">{t('Skapa en ny kampanj', 'Create a new campaign')}</a>
            </p>
          </li>
          <li class="card">
            <h2>
              <a href="/samordnare/skarmar">{t('Skärmar', 'Screens')}</a>
            </h2>
            <p>
              {fleet
                ? t(
                    `${formatNumber(fleet.totals.online, lang)} i drift, ${formatNumber(fleet.totals.offline, lang)} tysta av ${formatNumber(fleet.totals.screens, lang)}.`,
                    `${formatNumber(fleet.totals.online, lang)} online, ${formatNumber(fleet.totals.offline, lang)} silent of ${formatNumber(fleet.totals.screens, lang)}.`,
                  )
                : t('Inga skärmar.', 'No screens.')}
            </p>
            <p>
              <a href="/samordnare/skarmar/koppla">{t('Koppla en ny skärm', 'Pair a new screen')}</a>
            </p>
          </li>
          <li class="card">
            <h2>
              <a href="/samordnare/bestallningar">{t('Beställningar', 'Orders')}</a>
            </h2>
            <p>{t(`${waiting.length} väntar på beslut.`, `${waiting.length} waiting for a decision.`)}</p>
          </li>
          <li class="card">
            <h2>
              <a href="/samordnare/evenemang">{t('Evenemang', 'Events')}</a>
            </h2>
            <p>
              {t(
                'Länets program: föreläsningar, webbinarier och manifestationer.',
                "The county's programme: talks, webinars and vigils.",
              )}
            </p>
          </li>
          <li class="card">
            <h2>
              <a href="/samordnare/rackvidd">{t('Räckvidd', 'Reach')}</a>
            </h2>
            <p>
              {t(
                'Visningar per dag och län, och skärmar i drift.',
                'Plays per day and county, and screens online.',
              )}
            </p>
          </li>
        </ul>
        <h2>{t('Senaste utkasten', 'Latest drafts')}</h2>
        {count('draft') ? (
          <ul>
            {campaigns
              .filter((campaign) => campaign.status === 'draft')
              .slice(0, 5)
              .map((campaign) => (
                <li>
                  <a href={`/samordnare/kampanjer/${campaign.slug}`}>
                    <Localized text={campaign.title} lang={lang} />
                  </a>
                </li>
              ))}
          </ul>
        ) : (
          <p>{t('Inga utkast.', 'No drafts.')}</p>
        )}
        <p>
          <a href="/samordnare/tidslinje">
            {t('Se vad som visas den kommande veckan', 'See what shows in the coming week')}
          </a>{' '}
          ·{' '}
          <a href="/samordnare/forhandsvisning">
            {t('Se vad en skärm visar en viss tid', 'See what a screen shows at a given time')}
          </a>
        </p>
      </CoordinatorPage>,
    );
  });
}
