import { z } from '@hono/zod-openapi';
import countyRows from './counties.json' with { type: 'json' };
import municipalityRows from './municipalities.json' with { type: 'json' };

/**
 * Official Swedish region codes (SCB, as of 2025): 21 counties (län) with two-digit codes and
 * 290 municipalities (kommuner) with four-digit codes whose first two digits are the county's.
 * The data lives in the JSON files beside this one so that a change to the list is a reviewable
 * data diff; this module only indexes it.
 */

/** A county (län): `name` as written in Swedish ("Västmanlands län"), `boardName` its länsstyrelse. */
export interface County {
  readonly code: string;
  readonly name: string;
  readonly boardName: string;
}

/** A municipality (kommun) by its short official name ("Västerås"), with its county's code. */
export interface Municipality {
  readonly code: string;
  readonly name: string;
  readonly countyCode: string;
}

/** All 21 counties, ordered by code. */
export const counties: readonly County[] = Object.freeze(countyRows.map((row) => Object.freeze({ ...row })));

/** All 290 municipalities, ordered by code. */
export const municipalities: readonly Municipality[] = Object.freeze(
  municipalityRows.map((row) => Object.freeze({ ...row, countyCode: row.code.slice(0, 2) })),
);

const countiesByCode = new Map(counties.map((county) => [county.code, county]));
const municipalitiesByCode = new Map(municipalities.map((municipality) => [municipality.code, municipality]));
const municipalitiesByCounty = groupMunicipalitiesByCounty(municipalities);

function groupMunicipalitiesByCounty(all: readonly Municipality[]): Map<string, readonly Municipality[]> {
  const groups = new Map<string, Municipality[]>();
  for (const municipality of all) {
    const group = groups.get(municipality.countyCode) ?? [];
    group.push(municipality);
    groups.set(municipality.countyCode, group);
  }
  for (const group of groups.values()) Object.freeze(group);
  return groups;
}

/** The county with this two-digit code, or undefined when no county has it. */
export function countyByCode(code: string): County | undefined {
  return countiesByCode.get(code);
}

/** The municipality with this four-digit code, or undefined when no municipality has it. */
export function municipalityByCode(code: string): Municipality | undefined {
  return municipalitiesByCode.get(code);
}

/** The municipalities of a county, ordered by code; empty for an unknown county code. */
export function municipalitiesOfCounty(code: string): readonly Municipality[] {
  return municipalitiesByCounty.get(code) ?? [];
}

/** The county a municipality belongs to, or undefined when the municipality code is unknown. */
export function countyOfMunicipality(code: string): County | undefined {
  const municipality = municipalitiesByCode.get(code);
  return municipality && countiesByCode.get(municipality.countyCode);
}

/** A county code from the official list, e.g. "19" (Västmanlands län). */
export const CountyCodeSchema = z
  .string()
  .refine((code) => countiesByCode.has(code), {
    error: (issue) => `unknown county code ${String(issue.input)}`,
  })
  .openapi({ description: 'Official two-digit county (län) code', example: '19' });

/** A municipality code from the official list, e.g. "1980" (Västerås). */
export const MunicipalityCodeSchema = z
  .string()
  .refine((code) => municipalitiesByCode.has(code), {
    error: (issue) => `unknown municipality code ${String(issue.input)}`,
  })
  .openapi({ description: 'Official four-digit municipality (kommun) code', example: '1980' });
