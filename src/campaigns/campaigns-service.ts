import { and, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { countyOfMunicipalityCode, scopeCoversRegion, scopeRegionOf } from '../accounts/scope.js';
import type { Db, DbOrTx } from '../db/client.js';
import { markScheduleChanged } from '../manifests/schedule-version.js';
import { currentOrNextInterval, describeWindow } from '../windows/evaluate.js';
import type { Window } from '../windows/window-schema.js';
import { CAMPAIGN_SLUG_PATTERN, type CampaignPatch, type NewCampaign } from './campaign-schemas.js';
import { type PublishProblem, publishProblemsOf } from './publish-gate.js';
import { campaigns } from './schema.js';

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignWithOwner = CampaignRow & { owner: { id: string; name: string; slug: string } };

/** Where a campaign of a tier belongs: national ones nowhere, county ones a county, local ones a municipality. */
export function regionForTier(
  tier: CampaignRow['tier'],
  input: { countyCode?: string | null; municipalityCode?: string | null },
): { ok: true; countyCode: string | null; municipalityCode: string | null } | { ok: false; detail: string } {
  if (tier === 'national') return { ok: true, countyCode: null, municipalityCode: null };
  if (tier === 'county') {
    if (!input.countyCode) return { ok: false, detail: 'A county campaign needs countyCode.' };
    return { ok: true, countyCode: input.countyCode, municipalityCode: null };
  }
  if (!input.municipalityCode) return { ok: false, detail: 'A local campaign needs municipalityCode.' };
  return { ok: true, countyCode: countyOfMunicipalityCode(input.municipalityCode), municipalityCode: input.municipalityCode };
}

/** Whether a user may create or change a campaign in this region (coordinators in scope, admins). */
export function userMayManageCampaign(user: SignedInUser, campaign: Pick<CampaignRow, 'countyCode' | 'municipalityCode'>): boolean {
  return scopeCoversRegion(user, campaign);
}

/** Whether an actor may see a campaign: published ones are public; the rest need a coordinator in scope. */
export function actorMaySeeCampaign(actor: Actor, campaign: CampaignRow): boolean {
  if (campaign.status === 'published') return true;
  return actor.kind === 'user' && userMayManageCampaign(actor.user, campaign);
}

/** The state of a window at an instant, for API answers ("is it live", "when next"). */
export function windowState(window: Window, at: Date) {
  const interval = currentOrNextInterval(window, at);
  return {
    open: interval !== null && interval.start.getTime() <= at.getTime(),
    nextOpensAt: interval ? new Date(Math.max(interval.start.getTime(), at.getTime())).toISOString() : null,
    closesAt: interval ? interval.end.toISOString() : null,
    text: { sv: describeWindow(window, 'sv'), en: describeWindow(window, 'en') },
  };
}

const withOwner = {
  campaign: campaigns,
  owner: { id: organisations.id, name: organisations.name, slug: organisations.slug },
};

/** Campaigns visible to the actor, filtered; windows are evaluated by the caller at an instant. */
export async function listCampaigns(
  db: Db,
  actor: Actor,
  filters: { status?: CampaignRow['status']; tier?: CampaignRow['tier']; county?: string; language?: string },
): Promise<CampaignWithOwner[]> {
  const where: SQL[] = [];
  const wantsUnpublished = filters.status !== undefined && filters.status !== 'published';
  if (!wantsUnpublished) where.push(eq(campaigns.status, 'published'));
  else {
    where.push(eq(campaigns.status, filters.status as CampaignRow['status']));
    const visible = unpublishedVisibility(actor);
    if (visible) where.push(visible);
  }
  if (filters.tier) where.push(eq(campaigns.tier, filters.tier));
  if (filters.county) {
    // A county's screens and people see national campaigns too, so a county filter keeps them.
    where.push(or(isNull(campaigns.countyCode), eq(campaigns.countyCode, filters.county)) as SQL);
  }
  if (filters.language) where.push(sql`${filters.language} = any(${campaigns.languages})`);
  const rows = await db
    .select(withOwner)
    .from(campaigns)
    .innerJoin(organisations, eq(organisations.id, campaigns.ownerOrganisationId))
    .where(and(...where))
    .orderBy(desc(campaigns.tier), campaigns.slug);
  return rows.map((row) => ({ ...row.campaign, owner: row.owner }));
}

// Drafts and archived campaigns are visible only inside a coordinator's scope.
function unpublishedVisibility(actor: Actor): SQL | undefined {
  if (actor.kind !== 'user' || (actor.user.role !== 'admin' && actor.user.role !== 'coordinator')) return sql`false`;
  const region = scopeRegionOf(actor.user);
  if (!region) return undefined;
  if (region.municipalityCode) return eq(campaigns.municipalityCode, region.municipalityCode);
  return eq(campaigns.countyCode, region.countyCode ?? '__none__');
}

/** One campaign by id or slug, with its owner, regardless of visibility (callers check). */
export async function findCampaign(db: DbOrTx, idOrSlug: string): Promise<CampaignWithOwner | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  // Neither an id nor a possible slug (which is kebab-case): nothing to look up. This also keeps
  // bytes PostgreSQL refuses in text, such as NUL, away from the query.
  if (!isUuid && !CAMPAIGN_SLUG_PATTERN.test(idOrSlug)) return null;
  const [row] = await db
    .select(withOwner)
    .from(campaigns)
    .innerJoin(organisations, eq(organisations.id, campaigns.ownerOrganisationId))
    .where(isUuid ? eq(campaigns.id, idOrSlug) : eq(campaigns.slug, idOrSlug))
    .limit(1);
  return row ? { ...row.campaign, owner: row.owner } : null;
}

export type CampaignWriteResult =
  | { ok: true; campaign: CampaignWithOwner }
  | { ok: false; reason: 'forbidden' | 'not_found' | 'slug_taken' | 'invalid_region' | 'owner_not_found'; detail: string }
  | { ok: false; reason: 'publish_gate_failed'; detail: string; problems: PublishProblem[] };

/** Creates a draft campaign in the creator's scope. */
export async function createCampaign(db: Db, creator: SignedInUser, input: NewCampaign): Promise<CampaignWriteResult> {
  const region = regionForTier(input.tier, input);
  if (!region.ok) return { ok: false, reason: 'invalid_region', detail: region.detail };
  if (!userMayManageCampaign(creator, region)) {
    return { ok: false, reason: 'forbidden', detail: `Your scope does not cover a ${input.tier} campaign there.` };
  }
  const ownerId = input.ownerOrganisationId ?? creator.organisationId;
  if (!ownerId) return { ok: false, reason: 'owner_not_found', detail: 'Give ownerOrganisationId.' };
  const [owner] = await db.select().from(organisations).where(eq(organisations.id, ownerId)).limit(1);
  if (!owner) return { ok: false, reason: 'owner_not_found', detail: 'The owner organisation does not exist.' };
  const inserted = await db
    .insert(campaigns)
    .values({
      slug: input.slug,
      title: input.title,
      summary: input.summary,
      description: input.description,
      tier: input.tier,
      ownerOrganisationId: owner.id,
      countyCode: region.countyCode,
      municipalityCode: region.municipalityCode,
      languages: input.languages,
      audience: input.audience,
      airing: input.airing,
      ordering: input.ordering ?? null,
      support: input.support,
      status: 'draft',
    })
    .onConflictDoNothing({ target: campaigns.slug })
    .returning();
  const row = inserted[0];
  if (!row) return { ok: false, reason: 'slug_taken', detail: 'A campaign with that slug exists.' };
  return { ok: true, campaign: { ...row, owner: { id: owner.id, name: owner.name, slug: owner.slug } } };
}

/** Applies a patch to a campaign the editor may manage. */
export async function updateCampaign(
  db: Db,
  editor: SignedInUser,
  idOrSlug: string,
  patch: CampaignPatch,
  now: Date,
): Promise<CampaignWriteResult> {
  const existing = await findCampaign(db, idOrSlug);
  if (!existing || !actorMaySeeCampaign({ kind: 'user', user: editor, via: 'token' }, existing)) {
    return { ok: false, reason: 'not_found', detail: 'No such campaign.' };
  }
  if (!userMayManageCampaign(editor, existing)) return { ok: false, reason: 'forbidden', detail: 'Outside your scope.' };
  const [row] = await db
    .update(campaigns)
    .set({ ...patch, ordering: patch.ordering === undefined ? existing.ordering : patch.ordering, updatedAt: now })
    .where(eq(campaigns.id, existing.id))
    .returning();
  if (!row) return { ok: false, reason: 'not_found', detail: 'No such campaign.' };
  await markScheduleChanged(db);
  return { ok: true, campaign: { ...row, owner: existing.owner } };
}

/** Moves a campaign between draft, published and archived. */
export async function setCampaignStatus(
  db: Db,
  editor: SignedInUser,
  idOrSlug: string,
  status: CampaignRow['status'],
  now: Date,
): Promise<CampaignWriteResult> {
  const existing = await findCampaign(db, idOrSlug);
  if (!existing || !actorMaySeeCampaign({ kind: 'user', user: editor, via: 'token' }, existing)) {
    return { ok: false, reason: 'not_found', detail: 'No such campaign.' };
  }
  if (!userMayManageCampaign(editor, existing)) return { ok: false, reason: 'forbidden', detail: 'Outside your scope.' };
  if (status === 'published' && existing.status !== 'published') {
    const problems = await publishProblemsOf(db, existing);
    if (problems.length) {
      return { ok: false, reason: 'publish_gate_failed', detail: 'The campaign is not ready to publish.', problems };
    }
  }
  const [row] = await db
    .update(campaigns)
    .set({ status, updatedAt: now, publishedAt: status === 'published' ? (existing.publishedAt ?? now) : existing.publishedAt })
    .where(eq(campaigns.id, existing.id))
    .returning();
  if (!row) return { ok: false, reason: 'not_found', detail: 'No such campaign.' };
  await markScheduleChanged(db);
  return { ok: true, campaign: { ...row, owner: existing.owner } };
}

/** Ids of campaigns in the given list that exist (used by other features to validate references). */
export async function existingCampaignIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: campaigns.id }).from(campaigns).where(inArray(campaigns.id, ids));
  return new Set(rows.map((row) => row.id));
}
