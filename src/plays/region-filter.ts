import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode, scopeRegionOf } from '../accounts/scope.js';

/** Which screens or plays a report covers; null means no limit on that level. */
export interface RegionFilter {
  countyCode: string | null;
  municipalityCode: string | null;
}

export type RegionFilterResult =
  | { ok: true; filter: RegionFilter }
  | { ok: false; reason: 'forbidden' | 'mismatch'; detail: string };

/**
 * Narrows the region a coordinator asked for to their scope. Asking outside the scope is refused
 * (a county coordinator asking for another county); asking nothing means the whole scope; a
 * municipal coordinator asking for their own county gets their municipality.
 */
export function narrowToScope(user: SignedInUser, asked: RegionFilter): RegionFilterResult {
  if (
    asked.countyCode &&
    asked.municipalityCode &&
    countyOfMunicipalityCode(asked.municipalityCode) !== asked.countyCode
  ) {
    return {
      ok: false,
      reason: 'mismatch',
      detail: `Municipality ${asked.municipalityCode} is not in county ${asked.countyCode}.`,
    };
  }
  if (user.role === 'coordinator' && !user.scope) {
    return { ok: false, reason: 'forbidden', detail: 'Your account has no coordinator scope.' };
  }
  const county =
    asked.countyCode ?? (asked.municipalityCode ? countyOfMunicipalityCode(asked.municipalityCode) : null);
  const scope = scopeRegionOf(user);
  if (!scope) return { ok: true, filter: { countyCode: county, municipalityCode: asked.municipalityCode } };
  if (county && scope.countyCode && county !== scope.countyCode) {
    return { ok: false, reason: 'forbidden', detail: `Your scope does not cover county ${county}.` };
  }
  if (asked.municipalityCode && scope.municipalityCode && asked.municipalityCode !== scope.municipalityCode) {
    return {
      ok: false,
      reason: 'forbidden',
      detail: `Your scope does not cover municipality ${asked.municipalityCode}.`,
    };
  }
  return {
    ok: true,
    filter: {
      countyCode: county ?? scope.countyCode,
      municipalityCode: asked.municipalityCode ?? scope.municipalityCode,
    },
  };
}
