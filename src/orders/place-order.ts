import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SignedInUser } from '../accounts/actor.js';
import { organisations } from '../accounts/schema.js';
import { findCampaign } from '../campaigns/campaigns-service.js';
import type { Db, DbOrTx } from '../db/client.js';
import type { FieldProblem } from '../errors.js';
import { enqueueMessage } from '../mail/outbox.js';
import { claimIdempotencyKey, recordIdempotentResponse, requestHashOf } from './idempotency.js';
import { orderMail } from './order-mails.js';
import { COUNTING_STATUSES, campaignOrderableBy, firstLineProblem } from './order-rules.js';
import type { NewOrder, OrderView } from './order-schemas.js';
import { loadOrderView } from './order-view.js';
import { orderingStateAt } from './ordering-season.js';
import { takeStock } from './stock.js';
import { orderEvents, orderLines, orders, products } from './schema.js';

export type PlaceOrderRefusal = {
  ok: false;
  reason:
    | 'no_organisation'
    | 'unknown_campaign'
    | 'outside_campaign_region'
    | 'ordering_closed'
    | 'unknown_product'
    | 'no_default_address'
    | 'max_per_order_exceeded'
    | 'quota_exceeded'
    | 'out_of_stock'
    | 'idempotency_key_reused'
    | 'idempotent_request_in_progress';
  detail: string;
  productCode?: string;
  errors?: FieldProblem[];
};

export type PlaceOrderResult =
  | { ok: true; status: number; order: OrderView; replayed: boolean }
  | PlaceOrderRefusal;

/** Carries a refusal out of the transaction callback, so everything written so far rolls back. */
class Refused extends Error {
  constructor(readonly refusal: PlaceOrderRefusal) {
    super(refusal.reason);
  }
}

/** Ends the transaction with a refusal. */
function refuse(
  reason: PlaceOrderRefusal['reason'],
  detail: string,
  extra: Partial<PlaceOrderRefusal> = {},
): never {
  throw new Refused({ ok: false, reason, detail, ...extra });
}

/**
 * Places an order for the user's organisation in one transaction: window, products, per-order
 * maximum, season quota (over all the organisation's counting orders, under a per-organisation
 * lock) and stock (conditional decrement, product rows locked in id order so orders never
 * deadlock), then the order, its lines, its first event and the receipt e-mail. Any refusal rolls
 * everything back. With an Idempotency-Key the first answer is stored and replayed on retries.
 */
export async function placeOrder(
  db: Db,
  user: SignedInUser,
  input: NewOrder,
  context: { now: Date; idempotencyKey?: string },
): Promise<PlaceOrderResult> {
  const organisationId = user.organisationId;
  if (!organisationId)
    return {
      ok: false,
      reason: 'no_organisation',
      detail: 'Only people who belong to an organisation can order.',
    };
  const { now, idempotencyKey } = context;
  try {
    return await db.transaction(async (tx) => {
      if (idempotencyKey) {
        const claim = await claimIdempotencyKey(tx, {
          organisationId,
          key: idempotencyKey,
          requestHash: requestHashOf(input),
          now,
        });
        if (claim.kind === 'replay')
          return { ok: true, status: claim.status, order: claim.body as OrderView, replayed: true };
        if (claim.kind === 'reused')
          refuse(
            'idempotency_key_reused',
            'This Idempotency-Key was used for a different order; use a new key for a new order.',
          );
        if (claim.kind === 'in_progress')
          refuse(
            'idempotent_request_in_progress',
            'A request with this Idempotency-Key is still being processed; retry shortly.',
          );
      }
      const orderId = await writeOrder(tx, user, organisationId, input, now);
      const view = await loadOrderView(tx, orderId);
      const mail = orderMail('received', view);
      if (mail) await enqueueMessage(tx, mail, now);
      if (idempotencyKey)
        await recordIdempotentResponse(tx, {
          organisationId,
          key: idempotencyKey,
          orderId,
          status: 201,
          body: view,
        });
      return { ok: true, status: 201, order: view, replayed: false };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

type ProductRow = typeof products.$inferSelect;
type ResolvedLine = { product: ProductRow; quantity: number };

/** Checks the order against campaign, products, limits and stock, and writes it; refuses by throwing. */
async function writeOrder(
  tx: DbOrTx,
  user: SignedInUser,
  organisationId: string,
  input: NewOrder,
  now: Date,
): Promise<string> {
  const { campaignId, seasonKey } = await openSeasonOf(tx, input.campaignId, now, organisationId);
  const lines = await orderableLines(tx, campaignId, input.lines);
  const delivery = await deliveryAddressOf(tx, organisationId, input.delivery);

  // Serialises one organisation's orders in a campaign, so two at once cannot both fit a quota.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('order-quota'), hashtext(${`${organisationId}:${campaignId}`}))`,
  );
  const used = await copiesOrderedInSeason(
    tx,
    organisationId,
    campaignId,
    seasonKey,
    lines.map(({ product }) => product.id),
  );
  const problem = firstLineProblem(
    lines.map(({ product, quantity }) => ({
      productId: product.id,
      productCode: product.code,
      quantity,
      maxPerOrder: product.maxPerOrder,
      quotaPerOrganisation: product.quotaPerOrganisation,
      alreadyOrdered: used.get(product.id) ?? 0,
    })),
  );
  if (problem) refuse(problem.reason, problem.detail, { productCode: problem.productCode });

  const shortage = await takeStock(tx, lines);
  if (shortage) {
    const detail = `${shortage.code} (${shortage.language}) does not have ${shortage.quantity} copies left.`;
    refuse('out_of_stock', detail, { productCode: shortage.code });
  }

  const [order] = await tx
    .insert(orders)
    .values({
      organisationId,
      campaignId,
      seasonKey,
      status: 'submitted',
      deliveryAddress: delivery.address,
      addressSource: delivery.source,
      contactName: input.contact.name,
      contactEmail: input.contact.email,
      contactPhone: input.contact.phone,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orders.id });
  if (!order) throw new Error('order insert returned nothing');
  await tx.insert(orderLines).values(
    lines.map(({ product, quantity }) => ({
      orderId: order.id,
      productId: product.id,
      productCode: product.code,
      language: product.language,
      quantity,
    })),
  );
  await tx
    .insert(orderEvents)
    .values({ orderId: order.id, fromStatus: null, toStatus: 'submitted', actorUserId: user.id, at: now });
  return order.id;
}

/**
 * The campaign's id and current season, if it is published, its material is for the ordering
 * organisation's region, and its ordering window is open now.
 */
async function openSeasonOf(
  tx: DbOrTx,
  campaignId: string,
  now: Date,
  organisationId: string,
): Promise<{ campaignId: string; seasonKey: string }> {
  const campaign = await findCampaign(tx, campaignId);
  if (campaign?.status !== 'published') {
    refuse('unknown_campaign', 'No published campaign with that id.', {
      errors: [{ field: 'campaignId', message: 'no published campaign with that id' }],
    });
  }
  const [region] = await tx
    .select({ countyCode: organisations.countyCode, municipalityCode: organisations.municipalityCode })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  const orderable = campaignOrderableBy(campaign, region ?? { countyCode: null, municipalityCode: null });
  if (!orderable.ok) refuse('outside_campaign_region', orderable.detail);
  const state = orderingStateAt(campaign.ordering, now);
  if (!state.open) {
    const when = state.nextOpensAt ? ` It opens next on ${state.nextOpensAt.toISOString()}.` : '';
    refuse('ordering_closed', `Ordering for this campaign is closed.${when}`);
  }
  return { campaignId: campaign.id, seasonKey: state.seasonKey };
}

/** The ordered products, each an active product of the campaign; refuses naming the failing lines. */
async function orderableLines(
  tx: DbOrTx,
  campaignId: string,
  lines: NewOrder['lines'],
): Promise<ResolvedLine[]> {
  const found = await tx
    .select()
    .from(products)
    .where(
      inArray(
        products.id,
        lines.map((line) => line.productId),
      ),
    );
  const byId = new Map(
    found.filter((row) => row.campaignId === campaignId && row.active).map((row) => [row.id, row]),
  );
  const resolved: ResolvedLine[] = [];
  const unknown: FieldProblem[] = [];
  lines.forEach((line, index) => {
    const product = byId.get(line.productId);
    if (product) resolved.push({ product, quantity: line.quantity });
    else
      unknown.push({
        field: `lines.${index}.productId`,
        message: 'not an orderable product of this campaign',
      });
  });
  if (unknown.length > 0)
    refuse('unknown_product', 'Some lines name products that cannot be ordered in this campaign.', {
      errors: unknown,
    });
  return resolved;
}

/** Where the order goes: a one-off address, or a copy of the organisation's default. */
async function deliveryAddressOf(tx: DbOrTx, organisationId: string, delivery: NewOrder['delivery']) {
  if (delivery.kind === 'address') return { address: delivery.address, source: 'one_off' as const };
  const [organisation] = await tx
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (!organisation?.defaultAddress) {
    refuse(
      'no_default_address',
      'Your organisation has no default delivery address; give an address for this order.',
      {
        errors: [{ field: 'delivery', message: 'the organisation has no default address' }],
      },
    );
  }
  return { address: organisation.defaultAddress, source: 'organisation_default' as const };
}

/** Copies of each product the organisation has in orders of the season that still count. */
async function copiesOrderedInSeason(
  tx: DbOrTx,
  organisationId: string,
  campaignId: string,
  seasonKey: string,
  productIds: string[],
): Promise<Map<string, number>> {
  const rows = await tx
    .select({
      productId: orderLines.productId,
      copies: sql<number>`cast(sum(${orderLines.quantity}) as integer)`.mapWith(Number),
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orders.organisationId, organisationId),
        eq(orders.campaignId, campaignId),
        eq(orders.seasonKey, seasonKey),
        inArray(orders.status, COUNTING_STATUSES),
        inArray(orderLines.productId, productIds),
      ),
    )
    .groupBy(orderLines.productId);
  return new Map(rows.map((row) => [row.productId, row.copies]));
}
