import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode } from '../accounts/scope.js';
import type { CampaignRow } from '../campaigns/campaigns-service.js';
import type { SlideTargeting } from './schema.js';

export type ConfinedTargeting = { ok: true; targeting: SlideTargeting } | { ok: false; detail: string };

/** Drops empty lists, so stored targeting says only what it means. */
function withoutEmptyLists(targeting: SlideTargeting): SlideTargeting {
  return Object.fromEntries(
    Object.entries(targeting).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)),
  ) as SlideTargeting;
}

/**
 * Keeps a slide inside its campaign's region: a county campaign's slides reach only that county
 * (its municipalities may be named), a local campaign's only its municipality. Without any
 * region the slide gets the campaign's, so a county slide aimed at a national group still stays
 * in its county. National campaigns may target anywhere.
 */
export function confineTargeting(
  campaign: Pick<CampaignRow, 'tier' | 'countyCode' | 'municipalityCode'>,
  requested: SlideTargeting,
): ConfinedTargeting {
  const targeting = withoutEmptyLists(requested);
  if (campaign.tier === 'national') return { ok: true, targeting };
  const counties = targeting.counties ?? [];
  const municipalities = targeting.municipalities ?? [];
  if (campaign.tier === 'county') {
    const county = campaign.countyCode as string;
    const outside = [...counties.filter((code) => code !== county), ...municipalities.filter((code) => countyOfMunicipalityCode(code) !== county)];
    if (outside.length) return { ok: false, detail: `A slide of a county campaign stays in county ${county}; not ${outside.join(', ')}.` };
    return { ok: true, targeting: counties.length || municipalities.length ? targeting : { ...targeting, counties: [county] } };
  }
  const municipality = campaign.municipalityCode as string;
  const outside = [...counties, ...municipalities.filter((code) => code !== municipality)];
  if (outside.length) return { ok: false, detail: `A slide of a local campaign stays in municipality ${municipality}; not ${outside.join(', ')}.` };
  return { ok: true, targeting: { ...targeting, municipalities: [municipality] } };
}

/** Whether the user may put a slide in the default loop (it plays everywhere when nothing else does). */
export function userMaySetDefault(user: SignedInUser, campaign: Pick<CampaignRow, 'tier'>): boolean {
  return campaign.tier === 'national' && (user.role === 'admin' || user.scope === 'national');
}
