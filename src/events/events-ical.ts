import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { CampaignRow } from '../campaigns/campaigns-service.js';
import { countyByCode } from '../regions/regions.js';
import { placeText } from './event-place.js';
import type { EventRow } from './events-service.js';
import { EVENT_TIME_ZONE } from './event-times.js';
import {
  PROGRAMME_PHRASES,
  type ProgrammeLanguage,
  countyNameIn,
  longDate,
  textIn,
} from './programme-words.js';

/** The domain part of every event UID: stable, so calendars recognise an event when it changes. */
const UID_DOMAIN = 'evenemang.kampanjnavet';

function localDateTime(date: string, time: string | null): DateTime {
  return DateTime.fromISO(time ? `${date}T${time}` : date, { zone: EVENT_TIME_ZONE });
}

/**
 * LOCATION: the venue in words with its town, or for an online event the link where one watches
 * (calendar apps turn a link there into a join button), else its name.
 */
function locationOf(event: EventRow, language: ProgrammeLanguage): string | null {
  if (event.placeKind === 'online' && event.placeUrl && !event.cancelled) return event.placeUrl;
  return placeText(event, PROGRAMME_PHRASES[language].online) || null;
}

function descriptionOf(event: EventRow, language: ProgrammeLanguage): string {
  const sv = language === 'sv';
  const parts = [textIn(event.description, language)];
  if (event.placeKind === 'online' && event.placeUrl && !event.cancelled) {
    const place = placeText(event, PROGRAMME_PHRASES[language].online);
    parts.push(`${place} (${sv ? 'titta här' : 'watch here'}): ${event.placeUrl}`);
  }
  if (event.audience) parts.push(`${sv ? 'Målgrupp' : 'Audience'}: ${textIn(event.audience, language)}`);
  if (event.registrationRequired) {
    const where = event.registrationUrl ?? event.registrationEmail ?? '';
    const by = event.registrationDeadline
      ? ` ${sv ? 'senast' : 'by'} ${longDate(event.registrationDeadline, language)}`
      : '';
    parts.push(`${sv ? 'Anmälan' : 'Register'}${by}: ${where}`);
  }
  if (event.cancelled) parts.unshift(sv ? 'Evenemanget är inställt.' : 'The event is cancelled.');
  return parts.filter(Boolean).join('\n\n');
}

/**
 * The iCal feed of one campaign's events in one county. Times carry TZID=Europe/Stockholm with a
 * VTIMEZONE (from @touch4it/ical-timezones) so clients convert them right on both sides of a DST
 * change; all-day events are DATE values. Cancelled events stay in the feed with STATUS:CANCELLED,
 * so subscribed calendars mark them instead of silently losing them. Bytes depend only on the rows.
 */
export function eventsCalendar(input: {
  campaign: Pick<CampaignRow, 'title' | 'slug'>;
  countyCode: string;
  events: readonly EventRow[];
  language: ProgrammeLanguage;
}): string {
  const { language } = input;
  const county = countyNameIn(countyByCode(input.countyCode)?.name ?? input.countyCode, language);
  const calendar = new ICalCalendar({
    prodId: { company: 'Kampanjnavet', product: 'Evenemang', language: language.toUpperCase() },
    name: `${textIn(input.campaign.title, language)} – ${county}`,
    // No calendar-wide zone: DTSTAMP stays in UTC as RFC 5545 asks; each event names its zone.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const event of input.events) {
    const allDay = event.startTime === null;
    const title = textIn(event.title, language);
    calendar.createEvent({
      id: `${event.id}@${UID_DOMAIN}`,
      sequence: event.revision,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      created: event.createdAt,
      start: localDateTime(event.startDate, event.startTime),
      end: allDay
        ? localDateTime(event.endDate, null).plus({ days: 1 })
        : event.endTime
          ? localDateTime(event.endDate, event.endTime)
          : null,
      allDay,
      timezone: allDay ? null : EVENT_TIME_ZONE,
      summary: event.cancelled ? `${PROGRAMME_PHRASES[language].cancelled}: ${title}` : title,
      description: descriptionOf(event, language),
      location: locationOf(event, language),
      // The watch link is where an online event happens; otherwise the registration page.
      url: (event.cancelled ? null : event.placeUrl) ?? event.registrationUrl,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The file name a county's feed is offered under: /kalender/<campaign>/<county>.ics. */
export function calendarPath(campaignSlug: string, countyCode: string): string {
  return `/kalender/${encodeURIComponent(campaignSlug)}/${countyCode}.ics`;
}
