import type { SignedInUser } from '../../accounts/actor.js';
import { type CampaignWithOwner, listCampaigns } from '../../campaigns/campaigns-service.js';
import type { Db } from '../../db/client.js';
import { countyFitsCampaign, userMayManageCountyEvents } from '../../events/events-service.js';
import type { County } from '../../regions/regions.js';
import { countiesInScope } from './scope-options.js';

/*
 * Which campaigns and counties a coordinator works with on the event pages. The rules are the
 * events service's (countyFitsCampaign, userMayManageCountyEvents); this only lists what they allow.
 */

/** The counties of a campaign's events the user sees: those in their scope that the campaign can have events in. */
export function eventCountiesOf(
  user: SignedInUser,
  campaign: Pick<CampaignWithOwner, 'tier' | 'countyCode'>,
): County[] {
  return countiesInScope(user).filter((county) => countyFitsCampaign(campaign, county.code));
}

/** The counties of a campaign where the user may add and change events (a municipal coordinator has none). */
export function editableCountiesOf(
  user: SignedInUser,
  campaign: Pick<CampaignWithOwner, 'tier' | 'countyCode'>,
): County[] {
  return eventCountiesOf(user, campaign).filter((county) => userMayManageCountyEvents(user, county.code));
}

/**
 * The campaigns the user sees events of: those visible to them (published ones, and unpublished
 * ones in their scope) that can have events in a county of their scope. Drafts first.
 */
export async function eventCampaignsOf(db: Db, user: SignedInUser): Promise<CampaignWithOwner[]> {
  const actor = { kind: 'user' as const, user, via: 'session' as const };
  const lists = await Promise.all(
    (['draft', 'published', 'archived'] as const).map((status) => listCampaigns(db, actor, { status })),
  );
  return lists.flat().filter((campaign) => eventCountiesOf(user, campaign).length > 0);
}
