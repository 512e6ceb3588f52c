import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor, SignedInUser } from '../accounts/actor.js';
import { scopeCoversRegion } from '../accounts/scope.js';
import { actorMaySeeCampaign, type CampaignRow, findCampaign } from '../campaigns/campaigns-service.js';
import { campaigns } from '../campaigns/schema.js';
import type { Db, DbOrTx } from '../db/client.js';
import type { AppDeps } from '../deps.js';
import type { FieldProblem } from '../errors.js';
import { eventColumns, eventInput, mergePatch } from './event-columns.js';
import { placeProblems } from './event-place.js';
import type { EventPatch, NewEvent } from './event-schemas.js';
import { refreshEventSlidesQuietly } from './event-slides.js';
import { eventNotOverAt, liveEvent } from './event-sql.js';
import { type EventTiming, timingProblems } from './event-times.js';
import { events } from './schema.js';

export type EventRow = typeof events.$inferSelect;
/** An event with the campaign it belongs to. */
export interface EventDetails {
  event: EventRow;
  campaign: CampaignRow;
}

export type EventRefusal = {
  ok: false;
  reason:
    | 'campaign_not_found'
    | 'not_found'
    | 'forbidden'
    | 'county_outside_campaign'
    | 'municipality_outside_county'
    | 'invalid';
  detail: string;
  errors?: FieldProblem[];
};
export type EventWriteResult = { ok: true; event: EventDetails } | EventRefusal;

const live = liveEvent;

/** Whether events in a county can belong to a campaign: national ones anywhere, others in their own county. */
export function countyFitsCampaign(
  campaign: Pick<CampaignRow, 'tier' | 'countyCode'>,
  countyCode: string,
): boolean {
  return campaign.tier === 'national' || campaign.countyCode === countyCode;
}

/** Whether a user may write a county's events: coordinators whose scope covers the whole county, and admins. */
export function userMayManageCountyEvents(user: SignedInUser, countyCode: string): boolean {
  return scopeCoversRegion(user, { countyCode, municipalityCode: null });
}

/** An event that is not deleted, with its campaign, regardless of who asks. */
export async function findEvent(db: DbOrTx, id: string): Promise<EventDetails | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db
    .select({ event: events, campaign: campaigns })
    .from(events)
    .innerJoin(campaigns, eq(campaigns.id, events.campaignId))
    .where(and(eq(events.id, id), live))
    .limit(1);
  return row ?? null;
}

/** A campaign's events (in a county), by start; past ones only when asked for. */
export async function listCampaignEvents(
  db: DbOrTx,
  campaignId: string,
  filters: { county?: string; include?: 'upcoming' | 'all'; at: Date },
): Promise<EventRow[]> {
  const where: SQL[] = [eq(events.campaignId, campaignId), live];
  if (filters.county) where.push(eq(events.countyCode, filters.county));
  if (filters.include !== 'all') where.push(eventNotOverAt(filters.at));
  return db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.startsAt), asc(events.id));
}

/** Events of published campaigns not over at an instant (in a county), by start: the public programme. */
export async function listPublishedEvents(
  db: Db,
  filters: { county?: string; at: Date },
): Promise<EventDetails[]> {
  const where: SQL[] = [live, eq(campaigns.status, 'published'), eventNotOverAt(filters.at)];
  if (filters.county) where.push(eq(events.countyCode, filters.county));
  return db
    .select({ event: events, campaign: campaigns })
    .from(events)
    .innerJoin(campaigns, eq(campaigns.id, events.campaignId))
    .where(and(...where))
    .orderBy(asc(events.countyCode), asc(events.startsAt), asc(events.id));
}

/** The campaign if the actor may see it (published, or a coordinator in its scope). */
export async function visibleCampaign(
  db: DbOrTx,
  actor: Actor,
  idOrSlug: string,
): Promise<CampaignRow | null> {
  const campaign = await findCampaign(db, idOrSlug);
  return campaign && actorMaySeeCampaign(actor, campaign) ? campaign : null;
}

/** Refuses a county the campaign or the user does not cover. */
function checkCounty(user: SignedInUser, campaign: CampaignRow, countyCode: string): EventRefusal | null {
  if (!countyFitsCampaign(campaign, countyCode)) {
    return {
      ok: false,
      reason: 'county_outside_campaign',
      detail: `The campaign belongs to county ${campaign.countyCode}; its events cannot be in county ${countyCode}.`,
    };
  }
  if (!userMayManageCountyEvents(user, countyCode)) {
    return {
      ok: false,
      reason: 'forbidden',
      detail: `Your scope does not cover events in county ${countyCode}.`,
    };
  }
  return null;
}

/** Refuses a venue in a municipality outside the event's county. */
function checkPlace(input: NewEvent): EventRefusal | null {
  const errors = placeProblems(input);
  if (errors.length === 0) return null;
  return {
    ok: false,
    reason: 'municipality_outside_county',
    detail: `Municipality ${input.place.kind === 'venue' ? input.place.municipalityCode : ''} is not in county ${input.countyCode}.`,
    errors,
  };
}

/** Adds an event to a campaign in a county the user covers; the county's programme slide follows. */
export async function createEvent(
  deps: AppDeps,
  user: SignedInUser,
  campaignIdOrSlug: string,
  input: NewEvent,
): Promise<EventWriteResult> {
  const { db } = deps.database;
  const campaign = await visibleCampaign(db, { kind: 'user', user, via: 'token' }, campaignIdOrSlug);
  if (!campaign) return { ok: false, reason: 'campaign_not_found', detail: 'No such campaign.' };
  const refused = checkCounty(user, campaign, input.countyCode) ?? checkPlace(input);
  if (refused) return refused;
  const now = deps.clock.now();
  const [row] = await db
    .insert(events)
    .values({
      ...eventColumns(input),
      campaignId: campaign.id,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('event insert returned no row');
  await refreshEventSlidesQuietly(deps, [{ campaignId: campaign.id, countyCode: row.countyCode }]);
  return { ok: true, event: { event: row, campaign } };
}

/** The event, if the user may change it: not_found when they cannot see it, forbidden outside their county. */
async function manageableEvent(
  db: DbOrTx,
  user: SignedInUser,
  id: string,
): Promise<({ ok: true } & EventDetails) | EventRefusal> {
  const existing = await findEvent(db, id);
  if (!existing || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, existing.campaign)) {
    return { ok: false, reason: 'not_found', detail: 'No such event.' };
  }
  if (!userMayManageCountyEvents(user, existing.event.countyCode)) {
    return {
      ok: false,
      reason: 'forbidden',
      detail: `Your scope does not cover events in county ${existing.event.countyCode}.`,
    };
  }
  return { ok: true, ...existing };
}

/** Changes an event the user may manage (in its old and its new county). */
export async function updateEvent(
  deps: AppDeps,
  user: SignedInUser,
  id: string,
  patch: EventPatch,
): Promise<EventWriteResult> {
  const { db } = deps.database;
  const existing = await manageableEvent(db, user, id);
  if (!existing.ok) return existing;
  const merged = mergePatch(eventInput(existing.event), patch);
  const refused = checkCounty(user, existing.campaign, merged.countyCode) ?? checkPlace(merged);
  if (refused) return refused;
  const errors = timingProblems(eventColumns(merged) as EventTiming, merged.registration?.deadline);
  if (errors.length)
    return { ok: false, reason: 'invalid', detail: 'The event with this change is not valid.', errors };
  const now = deps.clock.now();
  // Changed by people: a re-import of the definition file no longer overwrites it.
  const [row] = await db
    .update(events)
    .set({ ...eventColumns(merged), sourceHash: null, revision: sql`${events.revision} + 1`, updatedAt: now })
    .where(and(eq(events.id, id), live))
    .returning();
  if (!row) return { ok: false, reason: 'not_found', detail: 'No such event.' };
  const counties = new Set([existing.event.countyCode, row.countyCode]);
  await refreshEventSlidesQuietly(
    deps,
    [...counties].map((countyCode) => ({ campaignId: row.campaignId, countyCode })),
  );
  return { ok: true, event: { event: row, campaign: existing.campaign } };
}

/** Deletes an event the user may manage (marked deleted, so a re-import does not bring it back). */
export async function deleteEvent(
  deps: AppDeps,
  user: SignedInUser,
  id: string,
): Promise<{ ok: true } | EventRefusal> {
  const { db } = deps.database;
  const existing = await manageableEvent(db, user, id);
  if (!existing.ok) return existing;
  const now = deps.clock.now();
  await db
    .update(events)
    .set({ deletedAt: now, updatedAt: now })
    .where(and(eq(events.id, id), live));
  await refreshEventSlidesQuietly(deps, [
    { campaignId: existing.event.campaignId, countyCode: existing.event.countyCode },
  ]);
  return { ok: true };
}
