import type { SignedInUser } from '../accounts/actor.js';
import { countyOfMunicipalityCode, type Region, scopeCoversRegion } from '../accounts/scope.js';

export type OrderStatus = 'submitted' | 'approved' | 'rejected' | 'sent_to_print' | 'shipped' | 'cancelled';
export type OrderAction = 'approve' | 'reject' | 'cancel' | 'ship';

/** Statuses whose copies count against quotas (everything except rejected and cancelled). */
export const COUNTING_STATUSES: OrderStatus[] = ['submitted', 'approved', 'sent_to_print', 'shipped'];

/** Statuses after which nothing more happens to an order; the personal-data clock starts there. */
export const CLOSED_STATUSES: OrderStatus[] = ['shipped', 'rejected', 'cancelled'];

const TRANSITIONS: Record<OrderAction, { from: OrderStatus[]; to: OrderStatus }> = {
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  cancel: { from: ['submitted', 'approved'], to: 'cancelled' },
  ship: { from: ['sent_to_print'], to: 'shipped' },
};

/** What an order looks like to the rules: its status and the ordering organisation. */
export interface OrderForRules {
  status: OrderStatus;
  organisationId: string;
  organisation: Region;
}

export type TransitionDecision =
  | { ok: true; to: OrderStatus; returnsStock: boolean }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'invalid_transition'; detail: string };

/** Whether a user may see an order: its organisation's members, and coordinators covering it. */
export function userMaySeeOrder(user: SignedInUser, order: OrderForRules): boolean {
  return user.organisationId === order.organisationId || scopeCoversRegion(user, order.organisation);
}

/**
 * Decides whether a user may take an action on an order. Coordinators (and admins) whose scope
 * covers the ordering organisation may approve, reject, ship, and cancel until it goes to print;
 * the organisation's own people may cancel while it is still submitted. Someone who may not see
 * the order at all learns nothing about it (not_found), except coordinators, who get forbidden.
 */
export function decideTransition(
  user: SignedInUser,
  order: OrderForRules,
  action: OrderAction,
): TransitionDecision {
  const coversOrder = scopeCoversRegion(user, order.organisation);
  const isOwnOrganisation = user.organisationId === order.organisationId;
  if (!coversOrder && !isOwnOrganisation) {
    return user.role === 'member'
      ? { ok: false, reason: 'not_found', detail: 'No such order.' }
      : { ok: false, reason: 'forbidden', detail: 'The ordering organisation is outside your scope.' };
  }
  const transition = TRANSITIONS[action];
  const allowedFrom = coversOrder ? transition.from : action === 'cancel' ? ['submitted'] : [];
  if (allowedFrom.length === 0) {
    return {
      ok: false,
      reason: 'forbidden',
      detail: `Only a coordinator covering the organisation may ${action} orders.`,
    };
  }
  if (!allowedFrom.includes(order.status)) {
    return {
      ok: false,
      reason: 'invalid_transition',
      detail: `An order that is ${order.status} cannot be ${transition.to}${coversOrder ? '' : ' by its organisation'}.`,
    };
  }
  return {
    ok: true,
    to: transition.to,
    returnsStock: transition.to === 'rejected' || transition.to === 'cancelled',
  };
}

/** A campaign as the ordering rule sees it: its tier and where it belongs. */
export interface CampaignForOrdering extends Region {
  tier: 'national' | 'county' | 'local';
}

/**
 * Whether an organisation may order a campaign's printed material: a national campaign's is for
 * organisations anywhere, a county campaign's for organisations in that county, a local campaign's
 * for organisations in that municipality. Answers why not, in words for the orderer.
 */
export function campaignOrderableBy(
  campaign: CampaignForOrdering,
  organisation: Region,
): { ok: true } | { ok: false; detail: string } {
  if (campaign.tier === 'national') return { ok: true };
  if (campaign.tier === 'county') {
    const county =
      organisation.countyCode ??
      (organisation.municipalityCode ? countyOfMunicipalityCode(organisation.municipalityCode) : null);
    return county !== null && county === campaign.countyCode
      ? { ok: true }
      : {
          ok: false,
          detail: `This campaign's material is for organisations in county ${campaign.countyCode}.`,
        };
  }
  return organisation.municipalityCode !== null && organisation.municipalityCode === campaign.municipalityCode
    ? { ok: true }
    : {
        ok: false,
        detail: `This campaign's material is for organisations in municipality ${campaign.municipalityCode}.`,
      };
}

/** A line as checked against a product's limits. */
export interface LineToCheck {
  productId: string;
  productCode: string;
  quantity: number;
  maxPerOrder: number;
  quotaPerOrganisation: number | null;
  /** Copies of this product the organisation already has in counting orders of the season. */
  alreadyOrdered: number;
}

export type LineProblem =
  | { reason: 'max_per_order_exceeded'; productId: string; productCode: string; detail: string }
  | { reason: 'quota_exceeded'; productId: string; productCode: string; detail: string };

/** The first line that breaks its product's per-order maximum or the season quota, or null. */
export function firstLineProblem(lines: LineToCheck[]): LineProblem | null {
  for (const line of lines) {
    if (line.quantity > line.maxPerOrder) {
      return {
        reason: 'max_per_order_exceeded',
        productId: line.productId,
        productCode: line.productCode,
        detail: `At most ${line.maxPerOrder} copies of ${line.productCode} per order; ${line.quantity} were asked for.`,
      };
    }
    if (
      line.quotaPerOrganisation !== null &&
      line.alreadyOrdered + line.quantity > line.quotaPerOrganisation
    ) {
      const left = Math.max(0, line.quotaPerOrganisation - line.alreadyOrdered);
      return {
        reason: 'quota_exceeded',
        productId: line.productId,
        productCode: line.productCode,
        detail: `Your organisation may order ${line.quotaPerOrganisation} copies of ${line.productCode} this season and has ${left} left; ${line.quantity} were asked for.`,
      };
    }
  }
  return null;
}
