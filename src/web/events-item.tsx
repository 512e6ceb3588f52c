import type { LocalizedText } from '../i18n/languages.js';
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
        // The site's name is short enough for a narrow card and says where the link leads.
        <a href={event.registrationUrl}>
          {sv ? 'anmälan på ' : 'form at '}
          {new URL(event.registrationUrl).hostname.replace(/^www\./, '')}
        </a>
      ) : (
        <a href={`mailto:${event.registrationEmail}`}>{event.registrationEmail}</a>
      )}
    </p>
  );
}

/** One event on the public events page: cancelled ones say so in words, first. */
export function EventItem(props: { row: EventDetails; lang: UiLanguage; now: Date }) {
  const { event } = props.row;
  const { lang } = props;
  const sv = lang === 'sv';
  const place =
    event.placeKind === 'online'
      ? (event.placeName ?? PROGRAMME_PHRASES[lang].online)
      : [event.placeName, event.placeAddress].filter(Boolean).join(', ');
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
        <dd>{place}</dd>
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
