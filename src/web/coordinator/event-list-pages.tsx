import type { Hono } from 'hono';
import { userMayManageCampaign } from '../../campaigns/campaigns-service.js';
import { eventIsOver } from '../../events/event-times.js';
import { listCampaignEvents } from '../../events/events-service.js';
import type { AppEnv } from '../../http/app-env.js';
import { Localized } from '../components/localized.js';
import { sendPage } from '../page-context.js';
import { CoordinatorPage, Csrf, coordinatorContext, sendRefusalPage } from './coordinator-layout.js';
import { EVENTS_SECTION, editableEvent, eventCampaign, listPath } from './event-access.js';
import { CountyEvents, EventCampaignTable, eventWhen, eventWhere } from './event-list.js';
import { editableCountiesOf, eventCampaignsOf, eventCountiesOf } from './event-scope.js';

/** The pages that show events: the overview of campaigns, a campaign's events by county, and the delete confirmation. */
export function addEventListPages(router: Hono<AppEnv>): void {
  router.get('/samordnare/evenemang', async (c) => {
    const ctx = coordinatorContext(c);
    const { database, clock } = c.get('deps');
    const now = clock.now();
    const campaigns = await eventCampaignsOf(database.db, ctx.me);
    const rows = await Promise.all(
      campaigns.map(async (campaign) => {
        const counties = new Set(eventCountiesOf(ctx.me, campaign).map((county) => county.code));
        const events = (
          await listCampaignEvents(database.db, campaign.id, { include: 'all', at: now })
        ).filter((event) => counties.has(event.countyCode));
        return {
          campaign,
          total: events.length,
          upcoming: events.filter((event) => !eventIsOver(event, now)).length,
        };
      }),
    );
    const { t } = ctx;
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Evenemang', en: 'Events' }}
        section={EVENTS_SECTION}
        notice={c.req.query('klart')}
      >
        <h1>{t('Evenemang', 'Events')}</h1>
        <p class="lead">
          {t(
            'Länens program, till exempel för En vecka fri från våld. Evenemangen i publicerade kampanjer visas på sidan Evenemang och som programbild på skärmarna i länet.',
            'The counties’ programmes, for example for A week free from violence. Events of published campaigns show on the Events page and as a programme slide on the county’s screens.',
          )}
        </p>
        <EventCampaignTable ctx={ctx} rows={rows} />
      </CoordinatorPage>,
    );
  });

  router.get('/samordnare/kampanjer/:slug/evenemang', async (c) => {
    const ctx = coordinatorContext(c);
    const campaign = await eventCampaign(c, ctx);
    if (!campaign) return sendRefusalPage(c, 404);
    const { database, clock } = c.get('deps');
    const now = clock.now();
    const { t, lang, me } = ctx;
    const events = await listCampaignEvents(database.db, campaign.id, { include: 'all', at: now });
    const editable = new Set(editableCountiesOf(me, campaign).map((county) => county.code));
    // A whole country of counties would be a long page: national views list the counties that have events.
    const counties = eventCountiesOf(me, campaign).filter(
      (county, _, all) => all.length === 1 || events.some((event) => event.countyCode === county.code),
    );
    const manages = userMayManageCampaign(me, campaign);
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{
          sv: `Evenemang: ${campaign.title.sv ?? campaign.slug}`,
          en: `Events: ${campaign.title.en ?? campaign.title.sv ?? campaign.slug}`,
        }}
        section={EVENTS_SECTION}
        notice={c.req.query('klart')}
      >
        <p>
          <a href={manages ? `/samordnare/kampanjer/${campaign.slug}` : EVENTS_SECTION}>
            {manages
              ? t('Tillbaka till kampanjen', 'Back to the campaign')
              : t('Tillbaka till evenemangen', 'Back to events')}
          </a>
        </p>
        <h1>
          {t('Evenemang: ', 'Events: ')}
          <Localized text={campaign.title} lang={lang} />
        </h1>
        {campaign.status === 'published' ? (
          <p>
            <a href={counties.length === 1 ? `/evenemang?lan=${counties[0]?.code}` : '/evenemang'}>
              {t('Se programmet så som besökare ser det', 'See the programme as visitors see it')}
            </a>
          </p>
        ) : (
          <p class="warning">
            {t(
              'Kampanjen är inte publicerad: evenemangen syns för besökare och på skärmar först när den är det.',
              'The campaign is not published: visitors and screens see its events only once it is.',
            )}
          </p>
        )}
        {editable.size ? (
          <p>
            <a class="button" href={`/samordnare/kampanjer/${campaign.slug}/evenemang/nytt`}>
              {t('Nytt evenemang', 'New event')}
            </a>
          </p>
        ) : (
          <p>{t('Evenemangen läggs in av länets samordnare.', 'The county coordinators add the events.')}</p>
        )}
        {counties.length === 0 ? <p>{t('Inga evenemang än.', 'No events yet.')}</p> : null}
        {counties.map((county) => (
          <CountyEvents
            ctx={ctx}
            county={county}
            events={events.filter((event) => event.countyCode === county.code)}
            editable={editable.has(county.code)}
            now={now}
          />
        ))}
      </CoordinatorPage>,
    );
  });

  router.get('/samordnare/evenemang/:id/ta-bort', async (c) => {
    const ctx = coordinatorContext(c);
    const found = await editableEvent(c, ctx);
    if (!found.ok) return found.response;
    const { campaign, event } = found.details;
    const { t, lang } = ctx;
    return sendPage(
      c,
      <CoordinatorPage
        page={ctx}
        title={{ sv: 'Ta bort evenemanget?', en: 'Delete the event?' }}
        section={EVENTS_SECTION}
      >
        <h1>{t('Ta bort evenemanget?', 'Delete the event?')}</h1>
        <dl class="facts">
          <dt>{t('Evenemang', 'Event')}</dt>
          <dd>
            <Localized text={event.title} lang={lang} />
          </dd>
          <dt>{t('När', 'When')}</dt>
          <dd>{eventWhen(event, lang)}</dd>
          <dt>{t('Var', 'Where')}</dt>
          <dd>{eventWhere(event)}</dd>
        </dl>
        <p class="warning">
          {t(
            'Det går inte att ångra. Ska det bara inte bli av? Ställ in det i stället, så står det kvar i programmet markerat som inställt.',
            'This cannot be undone. Is it just not happening? Cancel it instead, and it stays in the programme marked as cancelled.',
          )}
        </p>
        <form method="post" action={`/samordnare/evenemang/${event.id}/ta-bort`} class="inline-form">
          <Csrf page={ctx} />
          <button type="submit">{t('Ja, ta bort evenemanget', 'Yes, delete the event')}</button>
          <a href={listPath(campaign, event.countyCode)}>{t('Nej, behåll det', 'No, keep it')}</a>
        </form>
      </CoordinatorPage>,
    );
  });
}
