import type { Actor, SignedInUser } from './actor.js';

/** Where something belongs: a county and/or municipality, or nowhere (national). */
export interface Region {
  countyCode: string | null;
  municipalityCode: string | null;
}

/** The county a municipality code belongs to (its first two digits). */
export function countyOfMunicipalityCode(code: string): string {
  return code.slice(0, 2);
}

/**
 * Whether a coordinator's (or admin's) scope covers a region. A national coordinator covers
 * everything; a county coordinator covers the county and its municipalities; a municipal
 * coordinator covers only that municipality. National things (no region) need national scope.
 */
export function scopeCoversRegion(user: SignedInUser, region: Region): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'coordinator' || !user.scope) return false;
  if (user.scope === 'national') return true;
  const county = region.countyCode ?? (region.municipalityCode ? countyOfMunicipalityCode(region.municipalityCode) : null);
  if (user.scope === 'county') return county !== null && county === user.scopeCountyCode;
  return region.municipalityCode !== null && region.municipalityCode === user.scopeMunicipalityCode;
}

/** Whether the actor is a coordinator or admin whose scope covers the region. */
export function actorCoversRegion(actor: Actor, region: Region): boolean {
  return actor.kind === 'user' && scopeCoversRegion(actor.user, region);
}

/** Whether a user may act for an organisation: its members, and coordinators covering its region. */
export function userActsForOrganisation(
  user: SignedInUser,
  organisation: { id: string } & Region,
): boolean {
  if (user.organisationId === organisation.id) return true;
  return scopeCoversRegion(user, organisation);
}

/** The region a user's scope stands for, used to filter lists. Null means everything. */
export function scopeRegionOf(user: SignedInUser): Region | null {
  if (user.role === 'admin' || user.scope === 'national') return null;
  if (user.scope === 'county') return { countyCode: user.scopeCountyCode, municipalityCode: null };
  if (user.scope === 'municipality')
    return { countyCode: user.scopeMunicipalityCode ? countyOfMunicipalityCode(user.scopeMunicipalityCode) : null, municipalityCode: user.scopeMunicipalityCode };
  return { countyCode: '__none__', municipalityCode: '__none__' };
}
