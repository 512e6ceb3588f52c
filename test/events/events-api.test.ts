import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCampaign } from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext, unique } from '../support/test-app.js';
import {
  createPeople,
  eventBody,
  type People,
  type Problem,
  postEvent,
  rowCounts,
  weekCampaign,
} from './event-fixtures.js';

let t: TestContext;
let people: People;
let campaign: string;

beforeAll(async () => {
  t = await createTestContext();
  people = await createPeople(t);
  campaign = await weekCampaign(t, people.vastmanland);
});
afterAll(() => t.close());

describe('events of a campaign', () => {
  it('lets the county coordinator add an event, given in local time, and shows it to anyone', async () => {
    const created = await postEvent(t, people.vastmanland, campaign, eventBody());
    expect(created).toMatchObject({
      campaignId: campaign,
      countyCode: '19',
      countyName: 'Västmanlands län',
      startDate: '2026-11-24',
      startTime: '18:00',
      endDate: '2026-11-24',
      endTime: '19:30',
      allDay: false,
      timeZone: 'Europe/Stockholm',
      startsAt: '2026-11-24T17:00:00.000Z',
      endsAt: '2026-11-24T18:30:00.000Z',
      place: { kind: 'venue', name: 'Biblioteket, Musikrummet', address: 'Arboga' },
      registration: { deadline: null, url: null, email: 'anmalan@arboga.example', open: true },
      cancelled: false,
      over: false,
    });
    const list = await (await t.request(`/api/v1/campaigns/${campaign}/events?county=19`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(created.id);
    const one = await t.request(`/api/v1/events/${created.id}`);
    expect(one.status).toBe(200);
    expect((await one.json()).title.sv).toBe('Män, maskulinitet, varför slår män och vad kan vi göra åt det');
  });

  it('takes whole-day events, events without an end and online events with a registration deadline and link', async () => {
    const vigil = await postEvent(
      t,
      people.national,
      campaign,
      eventBody({ startDate: '2026-11-27', startTime: undefined, endTime: undefined, registration: null }),
    );
    expect(vigil).toMatchObject({
      allDay: true,
      startsAt: '2026-11-26T23:00:00.000Z',
      endsAt: '2026-11-27T23:00:00.000Z',
      registration: null,
    });
    const webcast = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({
        startDate: '2026-11-26',
        endTime: undefined,
        place: { kind: 'online' },
        registration: { deadline: '2026-11-25', url: 'https://www.lansstyrelsen.se/vastmanland' },
      }),
    );
    expect(webcast).toMatchObject({
      endsAt: null,
      place: { kind: 'online', name: null, address: null },
      registration: {
        deadline: '2026-11-25',
        url: 'https://www.lansstyrelsen.se/vastmanland',
        email: null,
        open: true,
      },
    });
  });

  it('refuses coordinators of another county (403), municipal coordinators and members (403) and anonymous callers (401), writing nothing', async () => {
    const before = await rowCounts(t);
    const post = (token?: string) =>
      t.request(`/api/v1/campaigns/${campaign}/events`, { method: 'POST', token, json: eventBody() });
    for (const [token, status] of [
      [people.uppsala, 403],
      [people.vasteras, 403],
      [people.member, 403],
      [undefined, 401],
    ] as const) {
      const response = await post(token);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses malformed events with 400 naming each field, writing nothing', async () => {
    const before = await rowCounts(t);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [eventBody({ title: undefined }), ['title']],
      [eventBody({ title: { en: 'English only' } }), ['title']],
      [eventBody({ startDate: '2026-02-30' }), ['startDate']],
      [eventBody({ startTime: '25:00' }), ['startTime']],
      [eventBody({ endTime: '17:00' }), ['endTime']],
      [eventBody({ countyCode: '99' }), ['countyCode']],
      [eventBody({ place: { kind: 'venue' } }), ['place.name']],
      [eventBody({ registration: { url: 'https://example.se', email: 'a@example.se' } }), ['registration']],
      [eventBody({ registration: { url: 'javascript:alert(1)' } }), ['registration.url']],
      [
        eventBody({ registration: { deadline: '2026-11-30', email: 'a@example.se' } }),
        ['registration.deadline'],
      ],
      [eventBody({ colour: 'red' }), ['(body)']],
    ];
    for (const [body, fields] of cases) {
      const response = await t.request(`/api/v1/campaigns/${campaign}/events`, {
        method: 'POST',
        token: people.vastmanland,
        json: body,
      });
      const problem = (await response.json()) as Problem;
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(problem.code).toBe('validation_failed');
      for (const field of fields)
        expect(
          problem.errors?.map((error) => error.field),
          JSON.stringify(problem),
        ).toContain(field);
    }
    const broken = await t.request(`/api/v1/campaigns/${campaign}/events`, {
      method: 'POST',
      token: people.vastmanland,
      body: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(await rowCounts(t)).toEqual(before);
  });

  it("refuses an event outside the campaign's county (422) and unknown campaigns (404)", async () => {
    const before = await rowCounts(t);
    const outside = await t.request(`/api/v1/campaigns/${campaign}/events`, {
      method: 'POST',
      token: people.national,
      json: eventBody({ countyCode: '03' }),
    });
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as Problem).code).toBe('county_outside_campaign');
    const unknown = await t.request('/api/v1/campaigns/no-such-campaign/events', {
      method: 'POST',
      token: people.national,
      json: eventBody(),
    });
    expect(unknown.status).toBe(404);
    expect((await t.request('/api/v1/campaigns/no-such-campaign/events')).status).toBe(404);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('lets national coordinators add events in any county to a national campaign', async () => {
    const national = await publishedCampaign(t, people.national, { tier: 'national', airing: WEEK_ALWAYS });
    const uppsala = await postEvent(
      t,
      people.uppsala,
      national,
      eventBody({ countyCode: '03', registration: null }),
    );
    expect(uppsala.countyCode).toBe('03');
    const inVastmanland = await t.request(`/api/v1/campaigns/${national}/events`, {
      method: 'POST',
      token: people.uppsala,
      json: eventBody(),
    });
    expect(inVastmanland.status).toBe(403);
    const list = await (await t.request(`/api/v1/campaigns/${national}/events?county=19`)).json();
    expect(list.items).toEqual([]);
  });

  it('cancels an event with PATCH, checks the merged timing and refuses other counties, changing nothing on refusal', async () => {
    const created = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({ title: { sv: unique('Filmvisning') } }),
    );
    const path = `/api/v1/events/${created.id}`;
    const cancelled = await t.request(path, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { cancelled: true },
    });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ cancelled: true, startTime: '18:00', endTime: '19:30' });

    const before = await (await t.request(path)).json();
    const refusals: Array<[string | undefined, unknown, number]> = [
      [people.uppsala, { cancelled: false }, 403],
      [people.member, { cancelled: false }, 403],
      [undefined, { cancelled: false }, 401],
      [people.vastmanland, { endTime: '17:00' }, 400],
      [people.vastmanland, { startTime: null }, 400],
      [people.vastmanland, {}, 400],
      [people.vastmanland, { countyCode: '03' }, 422],
    ];
    for (const [token, body, status] of refusals) {
      const response = await t.request(path, { method: 'PATCH', token, json: body });
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    const late = await t.request(path, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { endTime: '17:00' },
    });
    expect(((await late.json()) as Problem).errors?.map((error) => error.field)).toEqual(['endTime']);
    expect(await (await t.request(path)).json()).toEqual(before);

    const moved = await t.request(path, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { startDate: '2026-11-25', description: { sv: 'Ny dag.' } },
    });
    expect(await moved.json()).toMatchObject({
      startDate: '2026-11-25',
      endDate: '2026-11-25',
      startsAt: '2026-11-25T17:00:00.000Z',
      description: { sv: 'Ny dag.' },
    });
  });

  it('deletes an event for coordinators of its county only', async () => {
    const created = await postEvent(t, people.vastmanland, campaign, eventBody());
    const path = `/api/v1/events/${created.id}`;
    expect((await t.request(path, { method: 'DELETE', token: people.uppsala })).status).toBe(403);
    expect((await t.request(path, { method: 'DELETE' })).status).toBe(401);
    expect((await t.request(path)).status).toBe(200);
    expect((await t.request(path, { method: 'DELETE', token: people.vastmanland })).status).toBe(204);
    expect((await t.request(path)).status).toBe(404);
    expect((await t.request(path, { method: 'DELETE', token: people.vastmanland })).status).toBe(404);
    const list = await (await t.request(`/api/v1/campaigns/${campaign}/events`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it("hides a draft campaign's events from the public, not from its coordinators", async () => {
    const created = await t.request('/api/v1/campaigns', {
      method: 'POST',
      token: people.vastmanland,
      json: {
        slug: unique('utkast'),
        title: { sv: 'Utkast' },
        summary: { sv: 'S' },
        description: { sv: 'B' },
        tier: 'county',
        countyCode: '19',
        languages: ['sv'],
        airing: WEEK_48,
      },
    });
    const draft = (await created.json()).id;
    const event = await postEvent(t, people.vastmanland, draft, eventBody());
    expect((await t.request(`/api/v1/campaigns/${draft}/events`)).status).toBe(404);
    expect((await t.request(`/api/v1/events/${event.id}`)).status).toBe(404);
    expect((await t.request(`/api/v1/campaigns/${draft}/events.ics?county=19`)).status).toBe(404);
    expect((await t.request(`/api/v1/campaigns/${draft}/events`, { token: people.vastmanland })).status).toBe(
      200,
    );
    expect((await t.request(`/api/v1/events/${event.id}`, { token: people.uppsala })).status).toBe(404);
  });

  it('lists past events only when asked for', async () => {
    const early = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({ startDate: '2026-11-20', title: { sv: unique('Förra veckan') } }),
    );
    const upcoming = await (await t.request(`/api/v1/campaigns/${campaign}/events`)).json();
    expect(upcoming.items.map((item: { id: string }) => item.id)).not.toContain(early.id);
    const all = await (await t.request(`/api/v1/campaigns/${campaign}/events?include=all`)).json();
    expect(all.items.find((item: { id: string }) => item.id === early.id)).toMatchObject({ over: true });
  });

  it('documents the endpoints with their access in the OpenAPI document', async () => {
    const document = await (await t.request('/openapi.json')).json();
    expect(document.paths['/api/v1/campaigns/{id}/events'].post['x-access']).toEqual({
      kind: 'roles',
      roles: ['admin', 'coordinator'],
    });
    expect(document.paths['/api/v1/campaigns/{id}/events'].get['x-access']).toEqual({ kind: 'public' });
    expect(document.paths['/api/v1/events/{id}'].patch['x-access']).toEqual({
      kind: 'roles',
      roles: ['admin', 'coordinator'],
    });
    expect(document.paths['/api/v1/campaigns/{id}/events.ics'].get['x-access']).toEqual({ kind: 'public' });
  });
});

const WEEK_ALWAYS = { spans: [{ kind: 'always' }] };
const WEEK_48 = { spans: [{ kind: 'isoWeek', week: 48 }] };
