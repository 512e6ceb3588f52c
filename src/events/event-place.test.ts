import { describe, expect, it } from 'vitest';
import { eventsReachableFrom, placeProblems, placeText, townOf } from './event-place.js';

const venue = {
  placeKind: 'venue' as const,
  placeName: 'Biblioteket, Musikrummet',
  placeAddress: null,
  placeMunicipalityCode: '1984',
};

describe('placeText', () => {
  it("adds the municipality's name as the town of a venue", () => {
    expect(placeText(venue, 'Webbsänd')).toBe('Biblioteket, Musikrummet, Arboga');
    expect(placeText({ ...venue, placeAddress: 'Nygatan 3' }, 'Webbsänd')).toBe(
      'Biblioteket, Musikrummet, Nygatan 3, Arboga',
    );
  });

  it('does not repeat a town the name or address already gives', () => {
    expect(placeText({ ...venue, placeAddress: 'Arboga' }, 'Webbsänd')).toBe(
      'Biblioteket, Musikrummet, Arboga',
    );
    expect(
      placeText(
        {
          ...venue,
          placeName: 'Hökartorget',
          placeAddress: 'Hökartorget, köping',
          placeMunicipalityCode: '1983',
        },
        '',
      ),
    ).toBe('Hökartorget, Hökartorget, köping');
    expect(
      placeText({ ...venue, placeName: 'Bio Elektra Västerås', placeMunicipalityCode: '1980' }, ''),
    ).toBe('Bio Elektra Västerås');
  });

  it('adds the town when it only appears inside another word', () => {
    expect(placeText({ ...venue, placeName: 'Salagatan 4', placeMunicipalityCode: '1981' }, '')).toBe(
      'Salagatan 4, Sala',
    );
  });

  it('leaves a venue without municipality as it was written', () => {
    expect(placeText({ ...venue, placeAddress: 'Köping', placeMunicipalityCode: null }, '')).toBe(
      'Biblioteket, Musikrummet, Köping',
    );
    expect(placeText({ placeKind: 'venue', placeName: 'Torget', placeAddress: null }, '')).toBe('Torget');
  });

  it("names an online event by its own name, else by the reader's word for a webcast", () => {
    const online = { placeKind: 'online' as const, placeName: null, placeAddress: null };
    expect(placeText(online, 'Webbsänd')).toBe('Webbsänd');
    expect(placeText({ ...online, placeName: 'Digitalt' }, 'Webbsänd')).toBe('Digitalt');
  });
});

describe('placeProblems', () => {
  const at = (countyCode: string, municipalityCode?: string) => ({
    countyCode,
    place: { kind: 'venue' as const, municipalityCode },
  });

  it("accepts a venue in the event's county, one without municipality, and online events", () => {
    expect(placeProblems(at('19', '1980'))).toEqual([]);
    expect(placeProblems(at('19'))).toEqual([]);
    expect(placeProblems({ countyCode: '19', place: { kind: 'online' } })).toEqual([]);
  });

  it("names the municipality field for a venue in another county's municipality", () => {
    expect(placeProblems(at('19', '0380'))).toEqual([
      { field: 'place.municipalityCode', message: "the municipality is not in the event's county" },
    ]);
    expect(placeProblems(at('19', '1999'))).toHaveLength(1);
  });
});

describe('townOf and eventsReachableFrom', () => {
  it('answers the town of a known municipality only', () => {
    expect(townOf({ placeMunicipalityCode: '1983' })).toBe('Köping');
    expect(townOf({ placeMunicipalityCode: null })).toBeNull();
  });

  it('keeps the venues in the municipality and every online event', () => {
    const rows = [
      { id: 'arboga', event: venue },
      { id: 'koping', event: { ...venue, placeMunicipalityCode: '1983' } },
      { id: 'unknown-town', event: { ...venue, placeMunicipalityCode: null } },
      { id: 'webcast', event: { placeKind: 'online' as const, placeName: null, placeAddress: null } },
    ];
    expect(eventsReachableFrom(rows, '1984').map((row) => row.id)).toEqual(['arboga', 'webcast']);
  });
});
