import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset, pairingEnv, publishedCampaign, slideBody } from '../../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import { getPage, type Session, session, textOf } from './coordinator-fixtures.js';

/* A slide without a time of day plays the whole day; the timeline says so instead of 00:00–24:00. */
let t: TestContext;
let me: Session;

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19', name: 'Länsstyrelsen Västmanland' });
  me = await session(t, { role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id });
  const campaignId = await publishedCampaign(t, me.token, {
    tier: 'county',
    countyCode: '19',
    airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
  });
  const asset = await insertAsset(t, campaignId, { language: 'sv', altText: 'Stödlinjen svarar dygnet runt.' });
  const slide = await t.request(`/api/v1/campaigns/${campaignId}/slides`, {
    method: 'POST',
    token: me.token,
    json: slideBody([asset.id], { name: 'Stödlinjen dygnet runt', window: { spans: [{ kind: 'always' }] } }),
  });
  expect(slide.status).toBe(201);
});
afterAll(async () => t?.close());

describe('an all-day slide on the timeline', () => {
  it('is shown as playing the whole day, in Swedish and in English', async () => {
    const swedish = textOf(await (await getPage(t, '/samordnare/tidslinje?for=lan:19&fran=2026-11-23', me)).text());
    expect(swedish).toMatch(/måndag 23 november Bildspel Nivå Tider Skärmar Stödlinjen dygnet runt \S+ län hela dagen 1/);
    expect(swedish).not.toContain('24:00');
    const english = textOf(
      await (await getPage(t, '/samordnare/tidslinje?for=lan:19&fran=2026-11-23&lang=en', me)).text(),
    );
    expect(english).toContain('all day');
  });
});
