import { describe, expect, it } from 'vitest';
import {
  CountyCodeSchema,
  counties,
  countyByCode,
  countyOfMunicipality,
  MunicipalityCodeSchema,
  municipalities,
  municipalitiesOfCounty,
  municipalityByCode,
} from './regions.js';

// Municipalities per county in SCB's 2025 list.
const MUNICIPALITIES_PER_COUNTY: Record<string, number> = {
  '01': 26,
  '03': 8,
  '04': 9,
  '05': 13,
  '06': 13,
  '07': 8,
  '08': 12,
  '09': 1,
  '10': 5,
  '12': 33,
  '13': 6,
  '14': 49,
  '17': 16,
  '18': 12,
  '19': 10,
  '20': 15,
  '21': 10,
  '22': 7,
  '23': 8,
  '24': 15,
  '25': 14,
};

describe('the region lists', () => {
  it('hold exactly the 21 counties with the official codes', () => {
    expect(counties.map((county) => county.code)).toEqual(Object.keys(MUNICIPALITIES_PER_COUNTY).sort());
  });

  it('hold exactly 290 municipalities', () => {
    expect(municipalities).toHaveLength(290);
  });

  it('give every county and municipality a unique, well-formed code', () => {
    const countyCodes = counties.map((county) => county.code);
    const municipalityCodes = municipalities.map((municipality) => municipality.code);
    expect(new Set(countyCodes).size).toBe(countyCodes.length);
    expect(new Set(municipalityCodes).size).toBe(municipalityCodes.length);
    for (const code of countyCodes) expect(code).toMatch(/^\d{2}$/);
    for (const code of municipalityCodes) expect(code).toMatch(/^\d{4}$/);
  });

  it('are ordered by code', () => {
    const countyCodes = counties.map((county) => county.code);
    const municipalityCodes = municipalities.map((municipality) => municipality.code);
    expect(countyCodes).toEqual([...countyCodes].sort());
    expect(municipalityCodes).toEqual([...municipalityCodes].sort());
  });

  it('place every municipality in an existing county named by its first two digits', () => {
    for (const municipality of municipalities) {
      expect(municipality.countyCode).toBe(municipality.code.slice(0, 2));
      expect(countyByCode(municipality.countyCode)).toBeDefined();
    }
  });

  it('name every county as a län with its own county board', () => {
    for (const county of counties) {
      expect(county.name).toMatch(/ län$/);
      expect(county.boardName).toMatch(/^Länsstyrelsen \S/);
    }
    expect(new Set(municipalities.map((municipality) => municipality.name)).size).toBe(290);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(counties)).toBe(true);
    expect(Object.isFrozen(municipalities)).toBe(true);
    expect(Object.isFrozen(municipalityByCode('1980'))).toBe(true);
  });
});

describe('countyByCode', () => {
  it('finds Västmanland with its Swedish name and county board', () => {
    expect(countyByCode('19')).toEqual({
      code: '19',
      name: 'Västmanlands län',
      boardName: 'Länsstyrelsen Västmanland',
    });
  });

  it('finds the counties at both ends of the list', () => {
    expect(countyByCode('01')?.name).toBe('Stockholms län');
    expect(countyByCode('25')?.boardName).toBe('Länsstyrelsen Norrbotten');
  });

  it('answers undefined for codes no county has', () => {
    for (const code of ['02', '11', '15', '16', '26', '1', '019', '', '1980']) {
      expect(countyByCode(code)).toBeUndefined();
    }
  });
});

describe('municipalityByCode and countyOfMunicipality', () => {
  it.each([
    ['1980', 'Västerås', '19'],
    ['1984', 'Arboga', '19'],
    ['0180', 'Stockholm', '01'],
    ['2584', 'Kiruna', '25'],
    ['0980', 'Gotland', '09'],
    ['1480', 'Göteborg', '14'],
    ['1280', 'Malmö', '12'],
    ['0880', 'Kalmar', '08'],
    ['2281', 'Sundsvall', '22'],
  ])('finds %s %s in county %s', (code, name, countyCode) => {
    expect(municipalityByCode(code)).toEqual({ code, name, countyCode });
    expect(countyOfMunicipality(code)?.code).toBe(countyCode);
  });

  it('answers undefined for codes no municipality has', () => {
    for (const code of ['1985', '0100', '19', '180', '01800', '']) {
      expect(municipalityByCode(code)).toBeUndefined();
      expect(countyOfMunicipality(code)).toBeUndefined();
    }
  });
});

describe('municipalitiesOfCounty', () => {
  it.each(Object.entries(MUNICIPALITIES_PER_COUNTY))(
    'lists county %s with %i municipalities',
    (code, count) => {
      const listed = municipalitiesOfCounty(code);
      expect(listed).toHaveLength(count);
      for (const municipality of listed) expect(municipality.countyCode).toBe(code);
    },
  );

  it('lists Västmanland in code order', () => {
    expect(municipalitiesOfCounty('19').map((municipality) => municipality.name)).toEqual([
      'Skinnskatteberg',
      'Surahammar',
      'Kungsör',
      'Hallstahammar',
      'Norberg',
      'Västerås',
      'Sala',
      'Fagersta',
      'Köping',
      'Arboga',
    ]);
  });

  it('answers an empty list for an unknown county', () => {
    expect(municipalitiesOfCounty('26')).toEqual([]);
  });
});

describe('CountyCodeSchema', () => {
  it('accepts every listed county code', () => {
    for (const county of counties) expect(CountyCodeSchema.parse(county.code)).toBe(county.code);
  });

  it('refuses an unknown code, naming it', () => {
    const result = CountyCodeSchema.safeParse('26');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['unknown county code 26']);
  });

  it('refuses retired codes, municipality codes and non-strings', () => {
    for (const input of ['02', '11', '1', ' 19', '1980', 19, null]) {
      expect(CountyCodeSchema.safeParse(input).success).toBe(false);
    }
  });
});

describe('MunicipalityCodeSchema', () => {
  it('accepts every listed municipality code', () => {
    for (const municipality of municipalities) {
      expect(MunicipalityCodeSchema.parse(municipality.code)).toBe(municipality.code);
    }
  });

  it('refuses an unknown code, naming it', () => {
    const result = MunicipalityCodeSchema.safeParse('1985');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['unknown municipality code 1985']);
  });

  it('refuses county codes, codes without the leading zero and non-strings', () => {
    for (const input of ['19', '180', '01800', 1980, undefined]) {
      expect(MunicipalityCodeSchema.safeParse(input).success).toBe(false);
    }
  });
});
