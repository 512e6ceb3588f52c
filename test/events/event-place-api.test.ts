import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const WATCH = 'https://www.youtube.com/watch?v=vecka48';

function post(body: Record<string, unknown>, token = people.vastmanland) {
  return t.request(`/api/v1/campaigns/${campaign}/events`, { method: 'POST', token, json: body });
}

describe("an event's place", () => {
  it("keeps a venue's municipality and names its town", async () => {
    const created = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({ place: { kind: 'venue', name: 'Bio Elektra', municipalityCode: '1980' } }),
    );
    expect(created.place).toEqual({
      kind: 'venue',
      name: 'Bio Elektra',
      address: null,
      municipalityCode: '1980',
      municipalityName: 'Västerås',
      url: null,
    });
    expect((await (await t.request(`/api/v1/events/${created.id}`)).json()).place).toEqual(created.place);
  });

  it('keeps the https link where one watches an online event', async () => {
    const created = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({ place: { kind: 'online', name: 'Webbsänd föreläsning', url: WATCH } }),
    );
    expect(created.place).toEqual({
      kind: 'online',
      name: 'Webbsänd föreläsning',
      address: null,
      municipalityCode: null,
      municipalityName: null,
      url: WATCH,
    });
  });

  it('refuses a link that is not https, and place fields of the other kind, with 400 naming the field, writing nothing', async () => {
    const before = await rowCounts(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'online', url: 'http://www.youtube.com/watch?v=vecka48' }, 'place.url'],
      [{ kind: 'online', url: 'javascript:alert(1)' }, 'place.url'],
      [{ kind: 'online', url: 'https://localhost/stream' }, 'place.url'],
      [{ kind: 'online', url: 'webbsänd' }, 'place.url'],
      [{ kind: 'venue', name: 'Bio Elektra', municipalityCode: '9999' }, 'place.municipalityCode'],
      [{ kind: 'venue', name: 'Bio Elektra', url: WATCH }, 'place'],
      [{ kind: 'online', municipalityCode: '1980' }, 'place'],
    ];
    for (const [place, field] of cases) {
      const response = await post(eventBody({ place }));
      const problem = (await response.json()) as Problem;
      expect(response.status, JSON.stringify(place)).toBe(400);
      expect(problem.code).toBe('validation_failed');
      expect(
        problem.errors?.map((error) => error.field),
        JSON.stringify(problem),
      ).toContain(field);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it("refuses a venue in a municipality outside the event's county (422 naming the field), writing nothing", async () => {
    const before = await rowCounts(t);
    // Uppsala (0380) is a real municipality, but in county 03.
    const response = await post(
      eventBody({ place: { kind: 'venue', name: 'Stadsbiblioteket', municipalityCode: '0380' } }),
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('municipality_outside_county');
    expect(problem.errors?.map((error) => error.field)).toEqual(['place.municipalityCode']);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('checks the municipality against the county a patch leaves, changing nothing on refusal', async () => {
    const national = await weekCampaign(t, people.national, { tier: 'national', countyCode: undefined });
    const created = await postEvent(
      t,
      people.national,
      national,
      eventBody({
        title: { sv: unique('Samtal') },
        place: { kind: 'venue', name: 'Folkets hus', municipalityCode: '1984' },
      }),
    );
    const path = `/api/v1/events/${created.id}`;
    const before = await (await t.request(path)).json();
    for (const patch of [
      { countyCode: '03' },
      { place: { kind: 'venue', name: 'Folkets hus', municipalityCode: '0380' } },
    ]) {
      const refused = await t.request(path, { method: 'PATCH', token: people.national, json: patch });
      expect(refused.status, JSON.stringify(patch)).toBe(422);
      expect(((await refused.json()) as Problem).code).toBe('municipality_outside_county');
    }
    expect(await (await t.request(path)).json()).toEqual(before);

    const moved = await t.request(path, {
      method: 'PATCH',
      token: people.national,
      json: {
        countyCode: '03',
        place: { kind: 'venue', name: 'Stadsbiblioteket', municipalityCode: '0380' },
      },
    });
    expect(moved.status).toBe(200);
    expect((await moved.json()).place).toMatchObject({
      municipalityCode: '0380',
      municipalityName: 'Uppsala',
    });
  });

  it('turns a venue into an online event without keeping the venue fields', async () => {
    const created = await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({
        place: { kind: 'venue', name: 'Bio Elektra', address: 'Storgatan 1', municipalityCode: '1980' },
      }),
    );
    const patched = await t.request(`/api/v1/events/${created.id}`, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { place: { kind: 'online', url: WATCH } },
    });
    expect((await patched.json()).place).toEqual({
      kind: 'online',
      name: null,
      address: null,
      municipalityCode: null,
      municipalityName: null,
      url: WATCH,
    });
  });

  it('describes the municipality and the link in the OpenAPI document', async () => {
    const document = await (await t.request('/openapi.json')).json();
    const place = document.components.schemas.EventPlace;
    const [venue, online] = place.oneOf ?? place.anyOf;
    expect(Object.keys(venue.properties)).toContain('municipalityCode');
    expect(Object.keys(online.properties)).toContain('url');
    expect(Object.keys(document.components.schemas.Event.properties.place.properties)).toEqual([
      'kind',
      'name',
      'address',
      'municipalityCode',
      'municipalityName',
      'url',
    ]);
  });
});
