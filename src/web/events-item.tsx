import type { LocalizedText } from '../i18n/languages.js';
import { placeText } from '../events/event-place.js';
import type { EventDetails } from '../events/events-service.js';
import { registrationIsOpen } from '../events/event-times.js';
import { longDate, PROGRAMME_PHRASES, timeSpan } from '../events/programme-words.js';
import type { UiLanguage } from './i18n.js';

/** Content text in the page's language, or its Swedish original marked lang="sv" for screen readers. */
function Text(props: { text: LocalizedText | null | undefined; lang: UiLanguage }) {
  const own = props.text?.[props.lang];
  if (own) return <>{own}</>;
  return <span lang="sv">{props.text?.sv ?? ''}</span>;
}

/** A link's site in short ("lansstyrelsen.se"): enough for a narrow card, and it says where the link leads. */
function siteOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

function Registration(props: { row: EventDetails; lang: UiLanguage; now: Date }) {
  const { event } = props.row;
  const sv = props.lang === 'sv';
  if (!event.registrationRequired) return <p>{sv ? 'Ingen anmälan behövs.' : 'No registration needed.'}</p>;
  const deadline = event.registrationDeadline
    ? `${longDate(event.registrationDeadline, props.lang)} ${event.registrationDeadline.slice(0, 4)}`
    : null;
  if (!registrationIsOpen(event, props.now)) {
    return <p>{sv ? `Anmälan stängde ${deadline}.` : `Registration closed on ${deadline}.`}</p>;
  }
  return (
    <p>
      {deadline
        ? sv
          ? `Anmäl dig senast ${deadline}: `
          : `Register by ${deadline}: `
        : sv
          ? 'Anmälan: '
          : 'Registration: '}
      {event.registrationUrl ? (
        <a href={event.registrationUrl}>
          {sv ? 'anmälan på ' : 'form at '}
          {siteOf(event.registrationUrl)}
        </a>
      ) : (
        <a href={`mailto:${event.registrationEmail}`}>{event.registrationEmail}</a>
      )}
    </p>
  );
}

/** The place in words with its town; an online event links where one watches (unless it is cancelled). */
function Place(props: { row: EventDetails; lang: UiLanguage }) {
  const { event } = props.row;
  const sv = props.lang === 'sv';
  const place = placeText(event, PROGRAMME_PHRASES[props.lang].online);
  if (event.placeKind !== 'online' || !event.placeUrl || event.cancelled) return <>{place}</>;
  return (
    <>
      {place}:{' '}
      <a href={event.placeUrl}>
        {sv ? 'titta på ' : 'watch at '}
        {siteOf(event.placeUrl)}
      </a>
    </>
  );
}

/** One event on the public events page: cancelled ones say so in words, first. */
export function EventItem(props: { row: EventDetails; lang: UiLanguage; now: Date }) {
  const { event } = props.row;
  const { lang } = props;
  const sv = lang === 'sv';
  return (
    <li class="card">
      <h4>
        {event.cancelled ? <strong>{`${PROGRAMME_PHRASES[lang].cancelled}: `}</strong> : null}
        <Text text={event.title} lang={lang} />
      </h4>
      {event.cancelled ? (
        <p class="warning">{sv ? 'Evenemanget är inställt.' : 'The event is cancelled.'}</p>
      ) : null}
      <dl>
        <dt>{sv ? 'Tid' : 'Time'}</dt>
        <dd>
          <time datetime={event.startsAt.toISOString()}>
            {timeSpan(event.startTime, event.endTime, lang)}
          </time>
          {event.endDate !== event.startDate
            ? ` (${sv ? 'till' : 'until'} ${longDate(event.endDate, lang)})`
            : ''}
        </dd>
        <dt>{sv ? 'Plats' : 'Place'}</dt>
        <dd>
          <Place row={props.row} lang={lang} />
        </dd>
        {event.audience ? (
          <>
            <dt>{sv ? 'Målgrupp' : 'Audience'}</dt>
            <dd>
              <Text text={event.audience} lang={lang} />
            </dd>
          </>
        ) : null}
      </dl>
      {event.description ? (
        <p>
          <Text text={event.description} lang={lang} />
        </p>
      ) : null}
      {event.cancelled ? null : <Registration row={props.row} lang={lang} now={props.now} />}
    </li>
  );
}
