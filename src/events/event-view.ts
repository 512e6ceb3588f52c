import type { CampaignRow } from '../campaigns/campaigns-service.js';
import { countyByCode } from '../regions/regions.js';
import { townOf } from './event-place.js';
import type { EventRow } from './events-service.js';
import { EVENT_TIME_ZONE, eventIsOver, registrationIsOpen } from './event-times.js';

/** The API view of an event at an instant. */
export function eventJson(event: EventRow, campaign: Pick<CampaignRow, 'slug'>, at: Date) {
  return {
    id: event.id,
    campaignId: event.campaignId,
    campaignSlug: campaign.slug,
    countyCode: event.countyCode,
    countyName: countyByCode(event.countyCode)?.name ?? event.countyCode,
    title: event.title,
    description: event.description ?? null,
    audience: event.audience ?? null,
    startDate: event.startDate,
    startTime: event.startTime,
    endDate: event.endDate,
    endTime: event.endTime,
    allDay: event.startTime === null,
    timeZone: EVENT_TIME_ZONE as 'Europe/Stockholm',
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt?.toISOString() ?? null,
    place: {
      kind: event.placeKind,
      name: event.placeName,
      address: event.placeAddress,
      municipalityCode: event.placeMunicipalityCode,
      municipalityName: townOf(event),
      url: event.placeUrl,
    },
    registration: event.registrationRequired
      ? {
          deadline: event.registrationDeadline,
          url: event.registrationUrl,
          email: event.registrationEmail,
          open: registrationIsOpen(event, at),
        }
      : null,
    cancelled: event.cancelled,
    over: eventIsOver(event, at),
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}
