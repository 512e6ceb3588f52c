import type { CampaignWithOwner } from '../../campaigns/campaigns-service.js';
import { eventIsOver } from '../../events/event-times.js';
import { placeText } from '../../events/event-place.js';
import type { EventRow } from '../../events/events-service.js';
import type { County } from '../../regions/regions.js';
import { formatDate } from '../components/format.js';
import { Localized } from '../components/localized.js';
import type { UiLanguage } from '../i18n.js';
import { statusName } from './campaign-overview.js';
import { type CoordinatorContext, Csrf } from './coordinator-layout.js';

/** When an event takes place, in words: "24 november 2026, 18:00–19:30" or "27 november 2026, hela dagen". */
export function eventWhen(event: EventRow, lang: UiLanguage): string {
  const days =
    event.endDate === event.startDate
      ? formatDate(event.startDate, lang)
      : `${formatDate(event.startDate, lang)} – ${formatDate(event.endDate, lang)}`;
  const time = event.startTime
    ? event.endTime
      ? `${event.startTime}–${event.endTime}`
      : event.startTime
    : lang === 'sv'
      ? 'hela dagen'
      : 'all day';
  return `${days}, ${time}`;
}

/** Where an event takes place, in words ("Online" for a webcast that names no place). */
export function eventWhere(event: EventRow): string {
  return placeText(event, 'Online');
}

function registrationText(event: EventRow, lang: UiLanguage): string {
  const sv = lang === 'sv';
  if (!event.registrationRequired) return sv ? 'Ingen anmälan' : 'No registration';
  const where = event.registrationUrl
    ? new URL(event.registrationUrl).hostname
    : (event.registrationEmail ?? '');
  const deadline = event.registrationDeadline
    ? sv
      ? `senast ${formatDate(event.registrationDeadline, lang)}, `
      : `by ${formatDate(event.registrationDeadline, lang)}, `
    : '';
  return `${deadline}${where}`;
}

function EventState(props: { event: EventRow; now: Date; lang: UiLanguage }) {
  const sv = props.lang === 'sv';
  if (props.event.cancelled)
    return <strong class="status status-cancelled">{sv ? 'Inställt' : 'Cancelled'}</strong>;
  if (eventIsOver(props.event, props.now)) return <span class="status">{sv ? 'Har varit' : 'Over'}</span>;
  return <span class="status status-planned">{sv ? 'Planerat' : 'Planned'}</span>;
}

/** The actions on one event: edit, cancel or take back the cancellation, delete (after a confirmation page). */
function EventActions(props: { ctx: CoordinatorContext; event: EventRow; title: string }) {
  const { ctx, event, title } = props;
  const { t } = ctx;
  return (
    <div class="order-actions">
      <a href={`/samordnare/evenemang/${event.id}`}>
        {t('Ändra', 'Edit')}
        <span class="visually-hidden"> {title}</span>
      </a>
      <form method="post" action={`/samordnare/evenemang/${event.id}/installt`} class="inline-form">
        <Csrf page={ctx} />
        <input type="hidden" name="cancelled" value={event.cancelled ? 'no' : 'yes'} />
        <button type="submit" class="secondary">
          {event.cancelled ? t('Ångra inställt', 'Take back the cancellation') : t('Ställ in', 'Cancel')}
          <span class="visually-hidden"> {title}</span>
        </button>
      </form>
      <a href={`/samordnare/evenemang/${event.id}/ta-bort`}>
        {t('Ta bort', 'Delete')}
        <span class="visually-hidden"> {title}</span>
      </a>
    </div>
  );
}

/** One county's events as a table; actions only where the user may change them. */
export function CountyEvents(props: {
  ctx: CoordinatorContext;
  county: County;
  events: EventRow[];
  editable: boolean;
  now: Date;
}) {
  const { ctx, county, events } = props;
  const { t, lang } = ctx;
  const heading = `lan-${county.code}`;
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{county.name}</h2>
      {events.length === 0 ? (
        <p>{t('Inga evenemang än.', 'No events yet.')}</p>
      ) : (
        <section
          class="table-scroll"
          tabindex={0}
          aria-label={t(`Evenemang i ${county.name}`, `Events in ${county.name}`)}
        >
          <table>
            <caption>
              {t(`Evenemang i ${county.name}, efter datum`, `Events in ${county.name}, by date`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('När', 'When')}</th>
                <th scope="col">{t('Evenemang', 'Event')}</th>
                <th scope="col">{t('Var', 'Where')}</th>
                <th scope="col">{t('Anmälan', 'Registration')}</th>
                <th scope="col">{t('Läge', 'State')}</th>
                {props.editable ? <th scope="col">{t('Åtgärder', 'Actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const title = event.title[lang] ?? event.title.sv ?? '';
                return (
                  <tr>
                    <td>
                      <time datetime={event.startsAt.toISOString()}>{eventWhen(event, lang)}</time>
                    </td>
                    <th scope="row">
                      <Localized text={event.title} lang={lang} />
                    </th>
                    <td>{eventWhere(event)}</td>
                    <td>{registrationText(event, lang)}</td>
                    <td>
                      <EventState event={event} now={props.now} lang={lang} />
                    </td>
                    {props.editable ? (
                      <td>
                        <EventActions ctx={ctx} event={event} title={title} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** The campaigns whose events the user works with, each with its number of events in their area. */
export function EventCampaignTable(props: {
  ctx: CoordinatorContext;
  rows: Array<{ campaign: CampaignWithOwner; total: number; upcoming: number }>;
}) {
  const { t, lang } = props.ctx;
  if (props.rows.length === 0)
    return (
      <p>
        {t(
          'Det finns inga kampanjer med evenemang i ditt område.',
          'There are no campaigns with events in your area.',
        )}
      </p>
    );
  return (
    <section
      class="table-scroll"
      tabindex={0}
      aria-label={t('Kampanjer och deras evenemang', 'Campaigns and their events')}
    >
      <table>
        <caption>{t('Kampanjer och deras evenemang', 'Campaigns and their events')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Kampanj', 'Campaign')}</th>
            <th scope="col">{t('Status', 'Status')}</th>
            <th scope="col" class="number">
              {t('Kommande', 'Upcoming')}
            </th>
            <th scope="col" class="number">
              {t('Alla', 'All')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ campaign, total, upcoming }) => (
            <tr>
              <th scope="row">
                <a href={`/samordnare/kampanjer/${campaign.slug}/evenemang`}>
                  <Localized text={campaign.title} lang={lang} />
                </a>
              </th>
              <td>{statusName(campaign.status, lang)}</td>
              <td class="number">{upcoming}</td>
              <td class="number">{total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
