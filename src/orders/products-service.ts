import { and, asc, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Actor, SignedInUser } from '../accounts/actor.js';
import { assets, renditions } from '../assets/schema.js';
import { mediaUrl } from '../assets/media-types.js';
import {
  actorMaySeeCampaign,
  type CampaignWithOwner,
  findCampaign,
  userMayManageCampaign,
} from '../campaigns/campaigns-service.js';
import type { Db, DbOrTx } from '../db/client.js';
import type { FieldProblem } from '../errors.js';
import type { NewProduct, ProductPatch } from './product-schemas.js';
import { products } from './schema.js';

export type ProductRow = typeof products.$inferSelect;

export type ProductWriteResult =
  | { ok: true; product: ProductRow; campaign: CampaignWithOwner; previewUrl: string | null }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'code_taken'; detail: string }
  | {
      ok: false;
      reason: 'invalid_assets' | 'language_not_in_campaign';
      detail: string;
      errors: FieldProblem[];
    };

/**
 * Checks that the print file is a pdf asset of the campaign and the preview an image asset of it.
 * Answers the failing fields (empty when both are fine).
 */
async function assetProblems(
  db: DbOrTx,
  campaignId: string,
  refs: { printAssetId?: string; previewAssetId?: string },
): Promise<FieldProblem[]> {
  const wanted = [
    ['printAssetId', refs.printAssetId, 'pdf'],
    ['previewAssetId', refs.previewAssetId, 'image'],
  ] as const;
  const ids = wanted.flatMap(([, id]) => (id ? [id] : []));
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: assets.id, kind: assets.kind, campaignId: assets.campaignId })
    .from(assets)
    .where(and(inArray(assets.id, ids), isNull(assets.deletedAt)));
  const problems: FieldProblem[] = [];
  for (const [field, id, kind] of wanted) {
    if (!id) continue;
    const asset = found.find((row) => row.id === id);
    if (!asset || asset.campaignId !== campaignId)
      problems.push({ field, message: 'not an asset of this campaign' });
    else if (asset.kind !== kind)
      problems.push({ field, message: `must be a ${kind} asset, not ${asset.kind}` });
  }
  return problems;
}

/** Creates a product of a campaign the coordinator manages. */
export async function createProduct(
  db: Db,
  user: SignedInUser,
  campaignIdOrSlug: string,
  input: NewProduct,
  now: Date,
): Promise<ProductWriteResult> {
  const campaign = await findCampaign(db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, campaign)) {
    return { ok: false, reason: 'not_found', detail: 'No such campaign.' };
  }
  if (!userMayManageCampaign(user, campaign))
    return { ok: false, reason: 'forbidden', detail: 'The campaign is outside your scope.' };
  if (!campaign.languages.includes(input.language)) {
    const detail = `The campaign is in ${campaign.languages.join(', ')}.`;
    return {
      ok: false,
      reason: 'language_not_in_campaign',
      detail,
      errors: [{ field: 'language', message: detail }],
    };
  }
  const problems = await assetProblems(db, campaign.id, input);
  if (problems.length > 0)
    return {
      ok: false,
      reason: 'invalid_assets',
      detail: 'The product’s files must be assets of its campaign.',
      errors: problems,
    };
  const inserted = await db
    .insert(products)
    .values({
      campaignId: campaign.id,
      code: input.code,
      kind: input.kind,
      language: input.language,
      title: input.title,
      description: input.description ?? null,
      printAssetId: input.printAssetId,
      previewAssetId: input.previewAssetId,
      maxPerOrder: input.maxPerOrder,
      quotaPerOrganisation: input.quotaPerOrganisation ?? null,
      stock: input.stock ?? null,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [products.campaignId, products.code, products.language] })
    .returning();
  const product = inserted[0];
  if (!product)
    return {
      ok: false,
      reason: 'code_taken',
      detail: `The campaign already has ${input.code} in ${input.language}.`,
    };
  return { ok: true, product, campaign, previewUrl: await previewUrlOf(db, product) };
}

/** Changes a product of a campaign the coordinator manages; stock is set, not adjusted. */
export async function updateProduct(
  db: Db,
  user: SignedInUser,
  productId: string,
  patch: ProductPatch,
  now: Date,
): Promise<ProductWriteResult> {
  const found = await findProductWithCampaign(db, productId);
  if (!found || !actorMaySeeCampaign({ kind: 'user', user, via: 'token' }, found.campaign)) {
    return { ok: false, reason: 'not_found', detail: 'No such product.' };
  }
  if (!userMayManageCampaign(user, found.campaign))
    return { ok: false, reason: 'forbidden', detail: 'The campaign is outside your scope.' };
  const problems = await assetProblems(db, found.campaign.id, patch);
  if (problems.length > 0)
    return {
      ok: false,
      reason: 'invalid_assets',
      detail: 'The product’s files must be assets of its campaign.',
      errors: problems,
    };
  const [product] = await db
    .update(products)
    .set({ ...patch, updatedAt: now })
    .where(eq(products.id, productId))
    .returning();
  if (!product) return { ok: false, reason: 'not_found', detail: 'No such product.' };
  return { ok: true, product, campaign: found.campaign, previewUrl: await previewUrlOf(db, product) };
}

/** A product with its campaign, regardless of visibility (callers check). */
export async function findProductWithCampaign(
  db: DbOrTx,
  productId: string,
): Promise<{ product: ProductRow; campaign: CampaignWithOwner } | null> {
  const [product] = await db.select().from(products).where(eq(products.id, productId)).limit(1);
  if (!product) return null;
  const campaign = await findCampaign(db, product.campaignId);
  return campaign ? { product, campaign } : null;
}

/** Whether an actor may manage the campaign (and so see its inactive products). */
function actorManages(actor: Actor, campaign: CampaignWithOwner): boolean {
  return actor.kind === 'user' && userMayManageCampaign(actor.user, campaign);
}

export type CatalogueResult =
  | { ok: true; campaign: CampaignWithOwner; products: ProductRow[]; previewUrls: Map<string, string> }
  | { ok: false; reason: 'not_found' };

/** A campaign's products as the actor may see them: active ones for all, every one for its coordinators. */
export async function listCampaignProducts(
  db: Db,
  actor: Actor,
  campaignIdOrSlug: string,
): Promise<CatalogueResult> {
  const campaign = await findCampaign(db, campaignIdOrSlug);
  if (!campaign || !actorMaySeeCampaign(actor, campaign)) return { ok: false, reason: 'not_found' };
  const where = [eq(products.campaignId, campaign.id)];
  if (!actorManages(actor, campaign)) where.push(eq(products.active, true));
  const rows = await db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(asc(products.language), asc(products.code));
  return {
    ok: true,
    campaign,
    products: rows,
    previewUrls: await previewUrlsOf(
      db,
      rows.map((row) => row.previewAssetId),
    ),
  };
}

/** One product as the actor may see it. */
export async function findVisibleProduct(
  db: Db,
  actor: Actor,
  productId: string,
): Promise<{ product: ProductRow; campaign: CampaignWithOwner; previewUrl: string | null } | null> {
  const found = await findProductWithCampaign(db, productId);
  if (!found || !actorMaySeeCampaign(actor, found.campaign)) return null;
  if (!found.product.active && !actorManages(actor, found.campaign)) return null;
  return { ...found, previewUrl: await previewUrlOf(db, found.product) };
}

/** The preview image URL of one product. */
async function previewUrlOf(db: DbOrTx, product: ProductRow): Promise<string | null> {
  return (await previewUrlsOf(db, [product.previewAssetId])).get(product.previewAssetId) ?? null;
}

const THUMBNAIL_PREFERENCE = ['thumb-640', 'thumb-320'];
const FORMAT_PREFERENCE = ['jpeg', 'png', 'webp', 'avif'];

/** Preview image URLs by asset id: the largest thumbnail rendition in the most compatible format, else the master. */
export async function previewUrlsOf(db: DbOrTx, assetIds: string[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  if (assetIds.length === 0) return urls;
  const ids = [...new Set(assetIds)];
  const masters = await db
    .select({ id: assets.id, hash: assets.masterHash, format: assets.format })
    .from(assets)
    .where(inArray(assets.id, ids));
  const thumbs = await db
    .select({
      assetId: renditions.assetId,
      name: renditions.name,
      hash: renditions.hash,
      format: renditions.format,
    })
    .from(renditions)
    .where(and(inArray(renditions.assetId, ids), like(renditions.name, 'thumb-%')));
  const rank = (name: string, format: string) =>
    (THUMBNAIL_PREFERENCE.indexOf(name) + 1 || 99) * 100 + (FORMAT_PREFERENCE.indexOf(format) + 1 || 99);
  for (const master of masters) {
    const best = thumbs
      .filter((thumb) => thumb.assetId === master.id)
      .sort((a, b) => rank(a.name, a.format) - rank(b.name, b.format))[0];
    urls.set(master.id, best ? mediaUrl(best.hash, best.format) : mediaUrl(master.hash, master.format));
  }
  return urls;
}
