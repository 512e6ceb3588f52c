import type { Context } from 'hono';
import { actorMaySeeCampaign, type CampaignRow } from '../../campaigns/campaigns-service.js';
import {
  type EventDetails,
  type EventRefusal,
  findEvent,
  userMayManageCountyEvents,
  visibleCampaign,
} from '../../events/events-service.js';
import type { AppEnv } from '../../http/app-env.js';
import { countyByCode } from '../../regions/regions.js';
import { sendRefusal } from '../refusal-page.js';
import { type CoordinatorContext, sendRefusalPage } from './coordinator-layout.js';
import { eventCountiesOf } from './event-scope.js';

/*
 * Who reaches which event page: campaigns and events the user cannot see are a 404 page (as on
 * the other coordinator pages); events they see but whose county lies outside their area are a
 * 403 page that says why and leads back to the campaign's events.
 */

/** The coordinator section the event pages belong to. */
export const EVENTS_SECTION = '/samordnare/evenemang';

/** The events page of a campaign, opened at a county's list. */
export function listPath(campaign: Pick<CampaignRow, 'slug'>, countyCode?: string): string {
  return `/samordnare/kampanjer/${campaign.slug}/evenemang${countyCode ? `#lan-${countyCode}` : ''}`;
}

/** A 403 page for an event or county outside the user's area, with the way back to the campaign's events. */
export function sendOutsideArea(
  c: Context<AppEnv>,
  campaign: Pick<CampaignRow, 'slug'>,
  countyCode: string | null,
) {
  const county = countyCode ? (countyByCode(countyCode)?.name ?? countyCode) : null;
  return sendRefusal(c, {
    status: 403,
    title: { sv: 'Ingen behörighet', en: 'Not allowed' },
    message: county
      ? {
          sv: `Evenemangen i ${county} sköts av samordnarna där. Ditt område omfattar inte dem.`,
          en: `The events in ${county} are kept by the coordinators there. Your area does not cover them.`,
        }
      : {
          sv: 'Evenemang läggs in och ändras av länens samordnare. Ditt område omfattar inget helt län.',
          en: 'Events are added and changed by the county coordinators. Your area covers no whole county.',
        },
    back: {
      href: listPath(campaign),
      label: { sv: 'Till kampanjens evenemang', en: "To the campaign's events" },
    },
  });
}

/** The campaign of the `:slug` if the user sees events of it, else null (a 404). */
export async function eventCampaign(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
): Promise<CampaignRow | null> {
  const campaign = await visibleCampaign(
    c.get('deps').database.db,
    c.get('actor'),
    c.req.param('slug') ?? '',
  );
  return campaign && eventCountiesOf(ctx.me, campaign).length > 0 ? campaign : null;
}

/** The event of the `:id` if the user may change it, else the 404 or 403 page to send. */
export async function editableEvent(
  c: Context<AppEnv>,
  ctx: CoordinatorContext,
): Promise<{ ok: true; details: EventDetails } | { ok: false; response: Response | Promise<Response> }> {
  const details = await findEvent(c.get('deps').database.db, c.req.param('id') ?? '');
  if (
    !details ||
    !actorMaySeeCampaign(c.get('actor'), details.campaign) ||
    !eventCountiesOf(ctx.me, details.campaign).length
  )
    return { ok: false, response: sendRefusalPage(c, 404) };
  const { campaign, event } = details;
  if (!userMayManageCountyEvents(ctx.me, event.countyCode))
    return { ok: false, response: sendOutsideArea(c, campaign, event.countyCode) };
  return { ok: true, details };
}

/** A write the service refused for scope or existence, as the page to send; null when it is a form problem. */
export function refusalPage(
  c: Context<AppEnv>,
  campaign: CampaignRow,
  result: EventRefusal,
  countyCode: string,
) {
  if (result.reason === 'forbidden') return sendOutsideArea(c, campaign, countyCode);
  if (result.reason === 'not_found' || result.reason === 'campaign_not_found') return sendRefusalPage(c, 404);
  return null;
}
