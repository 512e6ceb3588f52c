import type { FieldProblem } from '../errors.js';
import { municipalityByCode } from '../regions/regions.js';

/** The place columns of an event (a subset of its row). */
export interface EventPlaceColumns {
  placeKind: 'venue' | 'online';
  placeName: string | null;
  placeAddress: string | null;
  /** Optional so that callers holding older shapes of an event still fit; null or absent: no town. */
  placeMunicipalityCode?: string | null;
}

/** The message the API and the file import give for a venue outside its event's county. */
export const MUNICIPALITY_OUTSIDE_COUNTY = "the municipality is not in the event's county";

/**
 * Where a venue must lie: in a municipality of the event's own county, so the town shown and the
 * county the event is listed under agree.
 */
export function placeProblems(input: {
  countyCode: string;
  place: { kind: 'venue'; municipalityCode?: string | undefined } | { kind: 'online' };
}): FieldProblem[] {
  if (input.place.kind !== 'venue' || !input.place.municipalityCode) return [];
  const municipality = municipalityByCode(input.place.municipalityCode);
  return municipality?.countyCode === input.countyCode
    ? []
    : [{ field: 'place.municipalityCode', message: MUNICIPALITY_OUTSIDE_COUNTY }];
}

/** The town of a venue: its municipality's name ("Arboga"), or null without one. */
export function townOf(event: Pick<EventPlaceColumns, 'placeMunicipalityCode'>): string | null {
  return event.placeMunicipalityCode ? (municipalityByCode(event.placeMunicipalityCode)?.name ?? null) : null;
}

/** Whether a text names the town as a word of its own ("Hökartorget, Köping" names Köping; "Salagatan" not Sala). */
function names(text: string | null, town: string): boolean {
  if (!text) return false;
  const escaped = town.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'iu').test(text);
}

/**
 * Where an event takes place, in words: "Biblioteket, Musikrummet, Arboga" for a venue (the town
 * added unless the name or address already says it), or the online event's own name, else
 * `online` (the word for a webcast in the reader's language). The same for every reader, so
 * programme slides built from it stay byte-for-byte the same for the same events.
 */
export function placeText(event: EventPlaceColumns, online: string): string {
  if (event.placeKind === 'online') return event.placeName ?? online;
  const town = townOf(event);
  const parts = [event.placeName, event.placeAddress];
  if (town && !parts.some((part) => names(part, town))) parts.push(town);
  return parts.filter(Boolean).join(', ');
}

/**
 * The events someone in a municipality can go to: venues there, and every online event (one
 * watches those from anywhere).
 */
export function eventsReachableFrom<T extends { event: EventPlaceColumns }>(
  rows: readonly T[],
  municipalityCode: string,
): T[] {
  return rows.filter(
    (row) => row.event.placeKind === 'online' || row.event.placeMunicipalityCode === municipalityCode,
  );
}
