import { describe, expect, it } from 'vitest';
import type { SignedInUser } from '../accounts/actor.js';
import {
  campaignOrderableBy,
  decideTransition,
  firstLineProblem,
  type OrderAction,
  type OrderStatus,
} from './order-rules.js';

const user = (fields: Partial<SignedInUser>): SignedInUser => ({
  id: 'u',
  email: 'u@example.se',
  name: 'U',
  role: 'member',
  scope: null,
  scopeCountyCode: null,
  scopeMunicipalityCode: null,
  organisationId: null,
  ...fields,
});
const member = user({ organisationId: 'org-1' });
const otherMember = user({ organisationId: 'org-2' });
const vastmanland = user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19' });
const uppsala = user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' });
const order = (status: OrderStatus) => ({
  status,
  organisationId: 'org-1',
  organisation: { countyCode: '19', municipalityCode: '1980' },
});

describe('decideTransition', () => {
  it('lets a coordinator covering the organisation take every step the life cycle allows', () => {
    const allowed: Array<[OrderAction, OrderStatus, OrderStatus]> = [
      ['approve', 'submitted', 'approved'],
      ['reject', 'submitted', 'rejected'],
      ['cancel', 'submitted', 'cancelled'],
      ['cancel', 'approved', 'cancelled'],
      ['ship', 'sent_to_print', 'shipped'],
    ];
    for (const [action, from, to] of allowed) {
      expect(decideTransition(vastmanland, order(from), action)).toEqual({
        ok: true,
        to,
        returnsStock: to === 'rejected' || to === 'cancelled',
      });
    }
    for (const [action, from] of [
      ['approve', 'approved'],
      ['reject', 'approved'],
      ['cancel', 'sent_to_print'],
      ['cancel', 'shipped'],
      ['ship', 'approved'],
      ['approve', 'cancelled'],
    ] as Array<[OrderAction, OrderStatus]>) {
      expect(decideTransition(vastmanland, order(from), action)).toMatchObject({
        ok: false,
        reason: 'invalid_transition',
      });
    }
  });

  it('lets the organisation cancel only while submitted and take no other step', () => {
    expect(decideTransition(member, order('submitted'), 'cancel')).toMatchObject({
      ok: true,
      to: 'cancelled',
    });
    expect(decideTransition(member, order('approved'), 'cancel')).toMatchObject({
      ok: false,
      reason: 'invalid_transition',
    });
    expect(decideTransition(member, order('submitted'), 'approve')).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('hides the order from other organisations and forbids coordinators outside the scope', () => {
    expect(decideTransition(otherMember, order('submitted'), 'cancel')).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(decideTransition(uppsala, order('submitted'), 'approve')).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
  });
});

describe('firstLineProblem', () => {
  const line = {
    productId: 'p',
    productCode: 'sir-a3',
    quantity: 10,
    maxPerOrder: 50,
    quotaPerOrganisation: 60,
    alreadyOrdered: 0,
  };
  it('checks the maximum per order before the season quota', () => {
    expect(firstLineProblem([line])).toBeNull();
    expect(firstLineProblem([{ ...line, quantity: 51, alreadyOrdered: 59 }])?.reason).toBe(
      'max_per_order_exceeded',
    );
    expect(firstLineProblem([{ ...line, quantity: 11, alreadyOrdered: 50 }])?.reason).toBe('quota_exceeded');
    expect(firstLineProblem([{ ...line, quantity: 10, alreadyOrdered: 50 }])).toBeNull();
    expect(firstLineProblem([{ ...line, quotaPerOrganisation: null, alreadyOrdered: 10_000 }])).toBeNull();
  });
});

describe('campaignOrderableBy', () => {
  const place = (countyCode: string | null, municipalityCode: string | null) => ({
    countyCode,
    municipalityCode,
  });
  const nationalCampaign = { tier: 'national' as const, ...place(null, null) };
  const county19 = { tier: 'county' as const, ...place('19', null) };
  const vasteras = { tier: 'local' as const, ...place('19', '1980') };

  it('offers a national campaign to organisations anywhere, with or without a region', () => {
    for (const organisation of [place('03', '0380'), place('19', null), place(null, null)]) {
      expect(campaignOrderableBy(nationalCampaign, organisation)).toEqual({ ok: true });
    }
  });

  it('offers a county campaign to organisations of the county, also when only their municipality is known', () => {
    expect(campaignOrderableBy(county19, place('19', '1984'))).toEqual({ ok: true });
    expect(campaignOrderableBy(county19, place(null, '1980'))).toEqual({ ok: true });
    expect(campaignOrderableBy(county19, place('19', null))).toEqual({ ok: true });
    expect(campaignOrderableBy(county19, place('03', '0380')).ok).toBe(false);
    expect(campaignOrderableBy(county19, place(null, null)).ok).toBe(false);
  });

  it('offers a local campaign only to organisations of its municipality', () => {
    expect(campaignOrderableBy(vasteras, place('19', '1980'))).toEqual({ ok: true });
    for (const organisation of [
      place('19', '1984'),
      place('19', null),
      place(null, null),
      place('03', '0380'),
    ]) {
      expect(campaignOrderableBy(vasteras, organisation)).toEqual({
        ok: false,
        detail: "This campaign's material is for organisations in municipality 1980.",
      });
    }
  });
});
