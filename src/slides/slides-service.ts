import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { assets } from '../assets/schema.js';
import { actorMaySeeCampaign, type CampaignRow, findCampaign, userMayManageCampaign } from '../campaigns/campaigns-service.js';
import type { Db, DbOrTx } from '../db/client.js';
import { writeWithScheduleChange } from '../manifests/schedule-version.js';
import { screenGroups } from '../screens/schema.js';
import { userSeesGroup } from '../screens/screen-memberships.js';
import { type SlideTargeting, slideAssets, slides } from './schema.js';
import type { NewSlide, SlidePatch } from './slide-schemas.js';
import { confineTargeting, userMaySetDefault } from './slide-targeting.js';

export type SlideRow = typeof slides.$inferSelect;
export type SlideVariantRow = Pick<typeof assets.$inferSelect, 'id' | 'kind' | 'language' | 'orientation' | 'altText'>;
/** A slide with its campaign and its variants' assets. */
export interface SlideDetails {
  slide: SlideRow;
  campaign: CampaignRow;
  variants: SlideVariantRow[];
}

export type SlideRefusal = {
  ok: false;
  reason: 'not_found' | 'forbidden' | 'invalid_assets' | 'invalid_targeting' | 'invalid_default';
  detail: string;
};
export type SlideWriteResult = { ok: true; slide: SlideDetails } | SlideRefusal;

const variantColumns = { id: assets.id, kind: assets.kind, language: assets.language, orientation: assets.orientation, altText: assets.altText };

async function variantsOf(db: DbOrTx, slideIds: string[]): Promise<Map<string, SlideVariantRow[]>> {
  if (slideIds.length === 0) return new Map();
  const rows = await db
    .select({ slideId: slideAssets.slideId, ...variantColumns })
    .from(slideAssets)
    .innerJoin(assets, eq(assets.id, slideAssets.assetId))
    .where(inArray(slideAssets.slideId, slideIds))
    .orderBy(asc(assets.language), asc(assets.id));
  const bySlide = new Map<string, SlideVariantRow[]>();
  for (const { slideId, ...variant } of rows) bySlide.set(slideId, [...(bySlide.get(slideId) ?? []), variant]);
  return bySlide;
}

/** A slide that is not deleted, with campaign and variants, regardless of who asks. */
export async function findSlide(db: DbOrTx, id: string): Promise<SlideDetails | null> {
  const [slide] = await db.select().from(slides).where(and(eq(slides.id, id), isNull(slides.deletedAt))).limit(1);
  if (!slide) return null;
  const campaign = await findCampaign(db, slide.campaignId);
  if (!campaign) return null;
  return { slide, campaign, variants: (await variantsOf(db, [slide.id])).get(slide.id) ?? [] };
}

/** The slides of a campaign the user may see, by position; null when the campaign is not visible. */
export async function listSlides(db: Db, user: SignedInUser, campaignIdOrSlug: string): Promise<SlideDetails[] | null> {
  const campaign = await findCampaign(db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, campaign)) return null;
  const rows = await db
    .select()
    .from(slides)
    .where(and(eq(slides.campaignId, campaign.id), isNull(slides.deletedAt)))
    .orderBy(asc(slides.position), asc(slides.createdAt), asc(slides.id));
  const variants = await variantsOf(db, rows.map((row) => row.id));
  return rows.map((slide) => ({ slide, campaign, variants: variants.get(slide.id) ?? [] }));
}

/** The campaign, if the user may change its slides: not_found when they cannot see it, forbidden outside scope. */
function manageableCampaign(user: SignedInUser, campaign: CampaignRow | null, what: 'campaign' | 'slide'): SlideRefusal | null {
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, campaign)) {
    return { ok: false, reason: 'not_found', detail: `No such ${what}.` };
  }
  if (!userMayManageCampaign(user, campaign)) return { ok: false, reason: 'forbidden', detail: 'The campaign is outside your scope.' };
  return null;
}

async function checkAssets(tx: DbOrTx, campaign: CampaignRow, assetIds: readonly string[]): Promise<SlideRefusal | null> {
  const found = await tx
    .select({ id: assets.id, campaignId: assets.campaignId, kind: assets.kind, deletedAt: assets.deletedAt })
    .from(assets)
    .where(inArray(assets.id, [...assetIds]));
  const byId = new Map(found.map((asset) => [asset.id, asset]));
  for (const id of assetIds) {
    const asset = byId.get(id);
    if (!asset || asset.deletedAt || asset.campaignId !== campaign.id) {
      return { ok: false, reason: 'invalid_assets', detail: `Asset ${id} is not an asset of this campaign.` };
    }
    if (asset.kind !== 'image' && asset.kind !== 'video') {
      return { ok: false, reason: 'invalid_assets', detail: `Asset ${id} is a ${asset.kind}; slides show images and videos.` };
    }
  }
  return null;
}

async function checkGroups(tx: DbOrTx, user: SignedInUser, groupIds: readonly string[]): Promise<SlideRefusal | null> {
  if (groupIds.length === 0) return null;
  const found = await tx.select().from(screenGroups).where(inArray(screenGroups.id, [...groupIds]));
  const visible = new Set(found.filter((group) => userSeesGroup(user, group)).map((group) => group.id));
  const unknown = groupIds.filter((id) => !visible.has(id));
  return unknown.length ? { ok: false, reason: 'invalid_targeting', detail: `No such screen group: ${unknown.join(', ')}.` } : null;
}

/** Validates a slide's assets, targeting and default flag; answers the targeting to store. */
async function checkSlide(
  tx: DbOrTx,
  user: SignedInUser,
  campaign: CampaignRow,
  input: { assetIds: readonly string[]; targeting: SlideTargeting; isDefault: boolean },
): Promise<{ ok: true; targeting: SlideTargeting } | SlideRefusal> {
  const confined = confineTargeting(campaign, input.targeting);
  if (!confined.ok) return { ok: false, reason: 'forbidden', detail: confined.detail };
  if (input.isDefault && !userMaySetDefault(user, campaign)) {
    return { ok: false, reason: 'invalid_default', detail: 'Only national campaigns, by national coordinators, put slides in the default loop.' };
  }
  const refused = (await checkAssets(tx, campaign, input.assetIds)) ?? (await checkGroups(tx, user, confined.targeting.groups ?? []));
  return refused ?? { ok: true, targeting: confined.targeting };
}

/** Puts assets of a campaign on screens as a new slide. */
export async function createSlide(db: Db, user: SignedInUser, campaignIdOrSlug: string, input: NewSlide, now: Date): Promise<SlideWriteResult> {
  const campaign = await findCampaign(db, campaignIdOrSlug);
  const refused = manageableCampaign(user, campaign, 'campaign');
  if (refused || !campaign) return refused as SlideRefusal;
  return writeWithScheduleChange(db, 'schedule', async (tx): Promise<SlideWriteResult> => {
    const isDefault = input.isDefault ?? false;
    const checked = await checkSlide(tx, user, campaign, { assetIds: input.assetIds, targeting: input.targeting ?? {}, isDefault });
    if (!checked.ok) return checked;
    const [slide] = await tx
      .insert(slides)
      .values({
        campaignId: campaign.id,
        name: input.name,
        durationSeconds: input.durationSeconds,
        window: input.window ?? null,
        targeting: checked.targeting,
        fit: input.fit ?? 'contain',
        locked: input.locked ?? false,
        position: input.position ?? 0,
        isDefault,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!slide) throw new Error('slide insert returned no row');
    await tx.insert(slideAssets).values(input.assetIds.map((assetId) => ({ slideId: slide.id, assetId })));
    const created = await findSlide(tx, slide.id);
    return created ? { ok: true, slide: created } : { ok: false, reason: 'not_found', detail: 'No such slide.' };
  });
}

/** Changes a slide of a campaign the user manages (assetIds replaces the variants). */
export async function updateSlide(db: Db, user: SignedInUser, id: string, patch: SlidePatch, now: Date): Promise<SlideWriteResult> {
  return writeWithScheduleChange(db, 'schedule', async (tx): Promise<SlideWriteResult> => {
    const existing = await findSlide(tx, id);
    const refused = manageableCampaign(user, existing?.campaign ?? null, 'slide');
    if (refused || !existing) return refused ?? { ok: false, reason: 'not_found', detail: 'No such slide.' };
    const assetIds = patch.assetIds ?? existing.variants.map((variant) => variant.id);
    const isDefault = patch.isDefault ?? existing.slide.isDefault;
    const checked = await checkSlide(tx, user, existing.campaign, { assetIds, targeting: patch.targeting ?? existing.slide.targeting, isDefault });
    if (!checked.ok) return checked;
    const { assetIds: _assets, ...columns } = patch;
    await tx.update(slides).set({ ...columns, targeting: checked.targeting, updatedAt: now }).where(eq(slides.id, id));
    if (patch.assetIds) {
      await tx.delete(slideAssets).where(eq(slideAssets.slideId, id));
      await tx.insert(slideAssets).values(patch.assetIds.map((assetId) => ({ slideId: id, assetId })));
    }
    const updated = await findSlide(tx, id);
    return updated ? { ok: true, slide: updated } : { ok: false, reason: 'not_found', detail: 'No such slide.' };
  });
}

/** Takes a slide off the screens (kept, marked deleted, so proof of play still names it). */
export async function deleteSlide(db: Db, user: SignedInUser, id: string, now: Date): Promise<{ ok: true } | SlideRefusal> {
  return writeWithScheduleChange(db, 'schedule', async (tx): Promise<{ ok: true } | SlideRefusal> => {
    const existing = await findSlide(tx, id);
    const refused = manageableCampaign(user, existing?.campaign ?? null, 'slide');
    if (refused || !existing) return refused ?? { ok: false, reason: 'not_found', detail: 'No such slide.' };
    await tx.update(slides).set({ deletedAt: now, updatedAt: now }).where(eq(slides.id, id));
    return { ok: true };
  });
}
