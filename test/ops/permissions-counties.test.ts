import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, postEvent, WEEK_48 } from '../events/event-fixtures.js';
import {
  insertAsset,
  pairScreen,
  pairingEnv,
  publishedCampaign,
  slideBody,
} from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';

/*
 * A county coordinator works inside the county: Västmanland's (19) cannot read or change
 * Uppsala's (03) screens and screen groups, nor change its slides and events, nor read those of
 * a campaign Uppsala has not published. What a published campaign shows is public (screens in
 * shops, the events programme and its iCal feed), so reading that is not refused.
 */
let t: TestContext;
let vastmanland: string;
let uppsala: string;
let screenId: string;
let groupId: string;
type UppsalaCampaign = { campaignId: string; assetId: string; slideId: string; eventId: string };
let published: UppsalaCampaign;
let draft: UppsalaCampaign;

const uppsalaEvent = () =>
  eventBody({ countyCode: '03', place: { kind: 'venue', name: 'Stadsbiblioteket', address: 'Uppsala' } });

async function json(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  return response.json();
}

/** A campaign of county 03 (published or not) with a slide and an event. */
async function uppsalaCampaign(publish: boolean) {
  const input = { tier: 'county', countyCode: '03', airing: WEEK_48, title: { sv: 'Uppsala län' } };
  const campaignId = publish
    ? await publishedCampaign(t, uppsala, input)
    : (
        await json(
          await t.request('/api/v1/campaigns', {
            method: 'POST',
            token: uppsala,
            json: {
              slug: unique('utkast').toLowerCase(),
              summary: { sv: 'Utkast' },
              description: { sv: 'Utkast' },
              languages: ['sv'],
              ...input,
            },
          }),
          201,
        )
      ).id;
  const asset = await insertAsset(t, campaignId);
  const slide = await json(
    await t.request(`/api/v1/campaigns/${campaignId}/slides`, {
      method: 'POST',
      token: uppsala,
      json: slideBody([asset.id]),
    }),
    201,
  );
  const event = await postEvent(t, uppsala, campaignId, uppsalaEvent());
  return { campaignId, assetId: asset.id, slideId: slide.id as string, eventId: event.id as string };
}

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  const board19 = await t.organisation({ kind: 'county_board', countyCode: '19' });
  const board03 = await t.organisation({ kind: 'county_board', countyCode: '03' });
  vastmanland = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board19.id })
  ).token;
  uppsala = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03', organisationId: board03.id })
  ).token;
  screenId = (await pairScreen(t, uppsala, { name: 'ICA Gränby', municipalityCode: '0380' })).screenId;
  groupId = (
    await json(
      await t.request('/api/v1/screen-groups', {
        method: 'POST',
        token: uppsala,
        json: { name: unique('Uppsala butiker'), kind: 'static', municipalityCode: '0380' },
      }),
      201,
    )
  ).id;
  published = await uppsalaCampaign(true);
  draft = await uppsalaCampaign(false);
}, 120_000);
afterAll(() => t.close());

/** Sends a request as Västmanland's coordinator and answers its status. */
async function asVastmanland(method: string, path: string, body?: unknown): Promise<number> {
  return (await t.request(path, { method, token: vastmanland, json: body })).status;
}

describe('another county’s screens', () => {
  it('cannot be read, listed, changed, revoked, removed or asked what they play', async () => {
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/screens/${screenId}`],
      ['GET', `/api/v1/screens/${screenId}/playlist`],
      ['PATCH', `/api/v1/screens/${screenId}`, { name: 'Kapad' }],
      ['POST', `/api/v1/screens/${screenId}/revoke`],
      ['DELETE', `/api/v1/screens/${screenId}`],
    ];
    for (const [method, path, body] of attempts)
      expect([403, 404], `${method} ${path}`).toContain(await asVastmanland(method, path, body));
    const listed = await t.request('/api/v1/screens', { token: vastmanland });
    expect(JSON.stringify(await json(listed, 200))).not.toContain(screenId);
    // Still there, unchanged, and still Uppsala's.
    expect(await json(await t.request(`/api/v1/screens/${screenId}`, { token: uppsala }), 200)).toMatchObject(
      { name: 'ICA Gränby' },
    );
  });

  it('cannot have their groups read, listed, changed, filled or removed', async () => {
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/screen-groups/${groupId}`],
      ['PATCH', `/api/v1/screen-groups/${groupId}`, { name: 'Kapad' }],
      ['POST', `/api/v1/screen-groups/${groupId}/members`, { screenIds: [screenId] }],
      ['DELETE', `/api/v1/screen-groups/${groupId}/members/${screenId}`],
      ['DELETE', `/api/v1/screen-groups/${groupId}`],
    ];
    for (const [method, path, body] of attempts)
      expect([403, 404], `${method} ${path}`).toContain(await asVastmanland(method, path, body));
    expect(
      JSON.stringify(await json(await t.request('/api/v1/screen-groups', { token: vastmanland }), 200)),
    ).not.toContain(groupId);
    expect(
      await json(await t.request(`/api/v1/screen-groups/${groupId}`, { token: uppsala }), 200),
    ).not.toMatchObject({ name: 'Kapad' });
  });
});

describe('another county’s slides and events', () => {
  it('cannot be changed, removed or added to, published or not', async () => {
    for (const campaign of [published, draft]) {
      const attempts: Array<[string, string, unknown?]> = [
        ['PATCH', `/api/v1/slides/${campaign.slideId}`, { durationSeconds: 30 }],
        ['DELETE', `/api/v1/slides/${campaign.slideId}`],
        ['POST', `/api/v1/campaigns/${campaign.campaignId}/slides`, slideBody([campaign.assetId])],
        ['PATCH', `/api/v1/events/${campaign.eventId}`, { audience: { sv: 'Kapad' } }],
        ['DELETE', `/api/v1/events/${campaign.eventId}`],
        ['POST', `/api/v1/campaigns/${campaign.campaignId}/events`, uppsalaEvent()],
      ];
      for (const [method, path, body] of attempts)
        expect([403, 404], `${method} ${path}`).toContain(await asVastmanland(method, path, body));
      const slide = await json(
        await t.request(`/api/v1/slides/${campaign.slideId}`, { token: uppsala }),
        200,
      );
      expect(slide.durationSeconds).not.toBe(30);
      const event = await json(
        await t.request(`/api/v1/events/${campaign.eventId}`, { token: uppsala }),
        200,
      );
      expect(JSON.stringify(event)).not.toContain('Kapad');
      const events = await json(
        await t.request(`/api/v1/campaigns/${campaign.campaignId}/events`, { token: uppsala }),
        200,
      );
      expect(JSON.stringify(events).split(campaign.eventId)).toHaveLength(2);
    }
  });

  it('cannot add events in another county to a national campaign, where its own county’s are welcome', async () => {
    const agency = await t.organisation({ kind: 'national_agency' });
    const national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id }))
      .token;
    const campaign = await publishedCampaign(t, national, { tier: 'national', airing: WEEK_48 });
    expect(await asVastmanland('POST', `/api/v1/campaigns/${campaign}/events`, uppsalaEvent())).toBe(403);
    expect(await asVastmanland('POST', `/api/v1/campaigns/${campaign}/events`, eventBody())).toBe(201);
  });

  it('cannot be read before the campaign is published', async () => {
    for (const path of [
      `/api/v1/slides/${draft.slideId}`,
      `/api/v1/campaigns/${draft.campaignId}/slides`,
      `/api/v1/events/${draft.eventId}`,
      `/api/v1/campaigns/${draft.campaignId}/events`,
    ]) {
      expect(await asVastmanland('GET', path), path).toBe(404);
    }
  });

  it('can be read once published, as anyone can: screens in shops and the public programme show them', async () => {
    expect(await asVastmanland('GET', `/api/v1/slides/${published.slideId}`)).toBe(200);
    expect(await asVastmanland('GET', `/api/v1/events/${published.eventId}`)).toBe(200);
    expect((await t.request(`/api/v1/events/${published.eventId}`)).status).toBe(200);
  });
});
