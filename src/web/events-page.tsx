import { Hono } from 'hono';
import { sendCalendar } from '../events/event-routes.js';
import { eventsReachableFrom } from '../events/event-place.js';
import { calendarPath, eventsCalendar } from '../events/events-ical.js';
import {
  type EventDetails,
  listCampaignEvents,
  listPublishedEvents,
  visibleCampaign,
} from '../events/events-service.js';
import { countyNameIn, longDate } from '../events/programme-words.js';
import type { AppEnv } from '../http/app-env.js';
import { counties, countyByCode, type Municipality, municipalityByCode } from '../regions/regions.js';
import { EventItem } from './events-item.js';
import type { UiLanguage } from './i18n.js';
import { Layout } from './layout.js';
import { pageContext, sendPage } from './page-context.js';

/** Events grouped the way the page lists them: by county, then by local start date. */
export function groupEvents(
  rows: readonly EventDetails[],
): Array<{ countyCode: string; days: Array<{ date: string; events: EventDetails[] }> }> {
  const byCounty = new Map<string, Map<string, EventDetails[]>>();
  for (const row of rows) {
    const days = byCounty.get(row.event.countyCode) ?? new Map<string, EventDetails[]>();
    days.set(row.event.startDate, [...(days.get(row.event.startDate) ?? []), row]);
    byCounty.set(row.event.countyCode, days);
  }
  return [...byCounty.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countyCode, days]) => ({
      countyCode,
      days: [...days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, events]) => ({ date, events })),
    }));
}

function RegionFilter(props: {
  lang: UiLanguage;
  selected: string | null;
  towns: readonly Municipality[];
  town: string | null;
}) {
  const sv = props.lang === 'sv';
  return (
    <form method="get" action="/evenemang" class="filter">
      {props.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <label for="f-lan">{sv ? 'Län' : 'County'}</label>
      <select id="f-lan" name="lan">
        <option value="">{sv ? 'Alla län' : 'All counties'}</option>
        {counties.map((county) => (
          <option value={county.code} selected={county.code === props.selected}>
            {countyNameIn(county.name, props.lang)}
          </option>
        ))}
      </select>{' '}
      {props.towns.length > 0 ? (
        <>
          <label for="f-kommun">{sv ? 'Kommun' : 'Municipality'}</label>
          <select id="f-kommun" name="kommun">
            <option value="">{sv ? 'Hela länet' : 'The whole county'}</option>
            {props.towns.map((town) => (
              <option value={town.code} selected={town.code === props.town}>
                {town.name}
              </option>
            ))}
          </select>{' '}
        </>
      ) : null}
      <button type="submit">{sv ? 'Visa' : 'Show'}</button>
    </form>
  );
}

/** The municipalities with a venue among the events (and the one chosen), by name: the filter's choices. */
function townsOf(rows: readonly EventDetails[], chosen: string | null): Municipality[] {
  const codes = new Set(rows.flatMap((row) => row.event.placeMunicipalityCode ?? []));
  if (chosen) codes.add(chosen);
  return [...codes]
    .flatMap((code) => municipalityByCode(code) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The county and municipality asked for: a municipality only with its own county (or none given). */
function regionAsked(lan: string | undefined, kommun: string | undefined) {
  const town = kommun ? municipalityByCode(kommun) : undefined;
  if (town && (!lan || lan === town.countyCode)) return { county: town.countyCode, town: town.code };
  return { county: lan && countyByCode(lan) ? lan : null, town: null };
}

/** The links to the iCal feeds of the campaigns that have events in a county. */
function CalendarLinks(props: { lang: UiLanguage; countyCode: string; rows: EventDetails[] }) {
  const campaigns = new Map(props.rows.map((row) => [row.campaign.slug, row.campaign]));
  const sv = props.lang === 'sv';
  return (
    <ul class="calendar-links">
      {[...campaigns.values()].map((campaign) => (
        <li>
          <a href={calendarPath(campaign.slug, props.countyCode)}>
            {sv ? 'Kalender att prenumerera på (iCal): ' : 'Calendar to subscribe to (iCal): '}
            {campaign.title[props.lang] ?? campaign.title.sv}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The public events page and the county calendar files. */
export function eventsPage() {
  const router = new Hono<AppEnv>();

  router.get('/evenemang', async (c) => {
    const page = pageContext(c);
    const { lang } = page;
    const sv = lang === 'sv';
    const { database, clock } = c.get('deps');
    const now = clock.now();
    const { county: selected, town } = regionAsked(c.req.query('lan'), c.req.query('kommun'));
    const rows = await listPublishedEvents(database.db, { county: selected ?? undefined, at: now });
    // A county's programme is small: the municipality is picked out of it here, not in SQL.
    const groups = groupEvents(town ? eventsReachableFrom(rows, town) : rows);
    const countyName = (code: string) => countyNameIn(countyByCode(code)?.name ?? code, lang);
    const townName = town ? (municipalityByCode(town)?.name ?? town) : null;
    return sendPage(
      c,
      <Layout
        lang={lang}
        title={{ sv: 'Evenemang', en: 'Events' }}
        path={page.path}
        user={page.user}
        csrfToken={page.csrfToken}
      >
        <h1>{sv ? 'Evenemang' : 'Events'}</h1>
        <p class="lead">
          {sv
            ? 'Föreläsningar, samtal och manifestationer mot våld i nära relationer, län för län. Inställda evenemang står kvar och är markerade som inställda.'
            : 'Lectures, talks and vigils against violence in close relationships, county by county. Cancelled events stay listed, marked as cancelled.'}
        </p>
        <RegionFilter
          lang={lang}
          selected={selected}
          towns={selected ? townsOf(rows, town) : []}
          town={town}
        />
        {townName ? (
          <p>
            {sv
              ? `Visar evenemang i ${townName} och evenemang online.`
              : `Showing events in ${townName} and events online.`}
          </p>
        ) : null}
        {selected && groups.length === 0 ? (
          <p>
            {sv
              ? `Inga kommande evenemang i ${townName ?? countyName(selected)}.`
              : `No upcoming events in ${townName ?? countyName(selected)}.`}
          </p>
        ) : null}
        {!selected && groups.length === 0 ? (
          <p>{sv ? 'Inga kommande evenemang.' : 'No upcoming events.'}</p>
        ) : null}
        {groups.map((group) => (
          <section aria-labelledby={`lan-${group.countyCode}`}>
            <h2 id={`lan-${group.countyCode}`}>{countyName(group.countyCode)}</h2>
            <CalendarLinks
              lang={lang}
              countyCode={group.countyCode}
              rows={group.days.flatMap((day) => day.events)}
            />
            {group.days.map((day) => (
              <>
                <h3>
                  {longDate(day.date, lang)} {day.date.slice(0, 4)}
                </h3>
                <ul class="cards">
                  {day.events.map((row) => (
                    <EventItem row={row} lang={lang} now={now} />
                  ))}
                </ul>
              </>
            ))}
          </section>
        ))}
      </Layout>,
    );
  });

  // The same feed as /api/v1/campaigns/{id}/events.ics, at an address people can type and share.
  router.get('/kalender/:slug/:file{[0-9]{2}\\.ics}', async (c) => {
    const { database, clock } = c.get('deps');
    const countyCode = c.req.param('file').slice(0, 2);
    const campaign = await visibleCampaign(database.db, c.get('actor'), c.req.param('slug'));
    if (!campaign || !countyByCode(countyCode)) return c.notFound();
    const rows = await listCampaignEvents(database.db, campaign.id, {
      county: countyCode,
      include: 'all',
      at: clock.now(),
    });
    const lang = c.req.query('lang') === 'en' ? 'en' : 'sv';
    return sendCalendar(
      c,
      eventsCalendar({ campaign, countyCode, events: rows, language: lang }),
      `${campaign.slug}-${countyCode}.ics`,
    );
  });

  return router;
}
