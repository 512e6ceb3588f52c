import type { EventPatch, NewEvent } from './event-schemas.js';
import { eventInstants, type EventTiming } from './event-times.js';
import type { events } from './schema.js';

/*
 * Between an event as the API takes it (NewEvent) and as it is stored (its row), both ways, so a
 * patch can be merged into the stored event and checked as a whole.
 */

type EventRow = typeof events.$inferSelect;
type EventColumns = Omit<typeof events.$inferInsert, 'campaignId' | 'createdBy' | 'createdAt' | 'updatedAt'>;

/** The stored place columns of an event's place: a venue's address and municipality, an online event's link. */
function placeColumns(place: NewEvent['place']) {
  return place.kind === 'venue'
    ? {
        placeKind: place.kind,
        placeName: place.name,
        placeAddress: place.address ?? null,
        placeMunicipalityCode: place.municipalityCode ?? null,
        placeUrl: null,
      }
    : {
        placeKind: place.kind,
        placeName: place.name ?? null,
        placeAddress: null,
        placeMunicipalityCode: null,
        placeUrl: place.url ?? null,
      };
}

/** The stored columns of an event as written through the API (or a definition file). */
export function eventColumns(input: NewEvent): EventColumns {
  const timing: EventTiming = {
    startDate: input.startDate,
    startTime: input.startTime ?? null,
    endDate: input.endDate ?? input.startDate,
    endTime: input.endTime ?? null,
  };
  const registration = input.registration ?? null;
  return {
    countyCode: input.countyCode,
    title: input.title,
    description: input.description ?? null,
    audience: input.audience ?? null,
    ...timing,
    ...eventInstants(timing),
    ...placeColumns(input.place),
    registrationRequired: registration !== null,
    registrationDeadline: registration?.deadline ?? null,
    registrationUrl: registration?.url ?? null,
    registrationEmail: registration?.email ?? null,
    cancelled: input.cancelled ?? false,
  };
}

/** The API input an event row stands for (so a patch can be merged and checked as a whole). */
export function eventInput(row: EventRow): NewEvent {
  const place: NewEvent['place'] =
    row.placeKind === 'venue'
      ? {
          kind: 'venue',
          name: row.placeName ?? '',
          ...(row.placeAddress ? { address: row.placeAddress } : {}),
          ...(row.placeMunicipalityCode ? { municipalityCode: row.placeMunicipalityCode } : {}),
        }
      : {
          kind: 'online',
          ...(row.placeName ? { name: row.placeName } : {}),
          ...(row.placeUrl ? { url: row.placeUrl } : {}),
        };
  const registration = row.registrationRequired
    ? {
        ...(row.registrationDeadline ? { deadline: row.registrationDeadline } : {}),
        ...(row.registrationUrl ? { url: row.registrationUrl } : {}),
        ...(row.registrationEmail ? { email: row.registrationEmail } : {}),
      }
    : null;
  return {
    countyCode: row.countyCode,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    ...(row.audience ? { audience: row.audience } : {}),
    startDate: row.startDate,
    ...(row.startTime ? { startTime: row.startTime } : {}),
    endDate: row.endDate,
    ...(row.endTime ? { endTime: row.endTime } : {}),
    place,
    registration,
    cancelled: row.cancelled,
  };
}

/** Applies a patch to the stored input; null clears an optional field. */
export function mergePatch(current: NewEvent, patch: EventPatch): NewEvent {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  // A new start date without an end date moves a one-day event as a whole.
  if (patch.startDate && patch.endDate === undefined && current.endDate === current.startDate)
    merged.endDate = patch.startDate;
  if (patch.registration === null) merged.registration = null;
  return merged as NewEvent;
}
