import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createPeople, eventBody, type People, postEvent, weekCampaign } from './event-fixtures.js';

/*
 * The iCal feed read back with a third-party parser (ical.js, Mozilla's). Only the VTIMEZONE in
 * the feed itself is registered with the parser, so the instants below depend on it: Stockholm
 * leaves summer time on 25 October 2026, so 18:00 local is 16:00Z the day before and 17:00Z after.
 */

let t: TestContext;
let people: People;
let campaign: { id: string; slug: string };
const ids = { before: '', after: '', vigil: '', deleted: '', webcast: '', square: '' };
const WATCH = 'https://www.youtube.com/watch?v=vecka48';

interface ParsedEvent {
  uid: string;
  summary: string;
  status: string;
  sequence: number;
  start: ICAL.Time;
  end: ICAL.Time | null;
  tzid: string | null;
  location: string | null;
  url: string | null;
  description: string;
}

function parseFeed(text: string): { events: Map<string, ParsedEvent>; zones: string[]; name: string } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = new Map<string, ParsedEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const dtstart = component.getFirstProperty('dtstart');
    events.set(event.uid, {
      uid: event.uid,
      summary: event.summary,
      status: String(component.getFirstPropertyValue('status')),
      sequence: event.sequence,
      start: event.startDate,
      end: component.hasProperty('dtend') ? event.endDate : null,
      tzid: (dtstart?.getParameter('tzid') as string | undefined) ?? null,
      location: event.location ?? null,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
      description: event.description ?? '',
    });
  }
  return {
    events,
    zones: zones.map((zone) => String(zone.getFirstPropertyValue('tzid'))),
    name: String(calendar.getFirstPropertyValue('name') ?? calendar.getFirstPropertyValue('x-wr-calname')),
  };
}

const uidOf = (id: string) => `${id}@evenemang.kampanjnavet`;

async function feed(path: string, init: RequestInit = {}): Promise<{ response: Response; text: string }> {
  const response = await t.request(path, init);
  return { response, text: await response.text() };
}

beforeAll(async () => {
  t = await createTestContext();
  people = await createPeople(t);
  const id = await weekCampaign(t, people.vastmanland, {
    airing: { spans: [{ kind: 'yearly', from: '10-01', to: '11-30' }] },
  });
  campaign = { id, slug: (await (await t.request(`/api/v1/campaigns/${id}`)).json()).slug };
  t.clock.set('2026-10-01T10:00:00Z');
  ids.before = (
    await postEvent(
      t,
      people.vastmanland,
      id,
      eventBody({ title: { sv: 'Före omställningen' }, startDate: '2026-10-24', endTime: '19:00' }),
    )
  ).id;
  ids.after = (
    await postEvent(
      t,
      people.vastmanland,
      id,
      eventBody({ title: { sv: 'Efter omställningen' }, startDate: '2026-10-26', endTime: undefined }),
    )
  ).id;
  ids.vigil = (
    await postEvent(
      t,
      people.vastmanland,
      id,
      eventBody({
        title: { sv: 'Ljusmanifestation', en: 'Candlelight vigil' },
        startDate: '2026-11-27',
        startTime: undefined,
        endTime: undefined,
        registration: null,
        cancelled: true,
      }),
    )
  ).id;
  ids.webcast = (
    await postEvent(
      t,
      people.vastmanland,
      id,
      eventBody({
        title: { sv: 'Att möta unga killar i hederskultur' },
        startDate: '2026-11-26',
        place: { kind: 'online', name: 'Webbsänd föreläsning', url: WATCH },
        registration: { url: 'https://www.lansstyrelsen.se/vastmanland' },
      }),
    )
  ).id;
  ids.square = (
    await postEvent(
      t,
      people.vastmanland,
      id,
      eventBody({
        title: { sv: 'Ljusmanifestation Köping' },
        startDate: '2026-11-27',
        place: { kind: 'venue', name: 'Hökartorget', municipalityCode: '1983' },
        registration: null,
      }),
    )
  ).id;
  ids.deleted = (await postEvent(t, people.vastmanland, id, eventBody({ title: { sv: 'Struken' } }))).id;
  expect(
    (await t.request(`/api/v1/events/${ids.deleted}`, { method: 'DELETE', token: people.vastmanland }))
      .status,
  ).toBe(204);
}, 120_000);
afterAll(() => t.close());

describe("a county's iCal feed", () => {
  it('gives times with TZID Europe/Stockholm and a VTIMEZONE, right on both sides of the DST change', async () => {
    const { response, text } = await feed(`/api/v1/campaigns/${campaign.id}/events.ics?county=19`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const parsed = parseFeed(text);
    expect(parsed.zones).toEqual(['Europe/Stockholm']);
    expect(parsed.name).toBe('En vecka fri från våld – Västmanlands län');
    const before = parsed.events.get(uidOf(ids.before));
    const after = parsed.events.get(uidOf(ids.after));
    expect(before?.tzid).toBe('Europe/Stockholm');
    expect(before?.start.toJSDate().toISOString()).toBe('2026-10-24T16:00:00.000Z');
    expect(before?.end?.toJSDate().toISOString()).toBe('2026-10-24T17:00:00.000Z');
    expect(after?.tzid).toBe('Europe/Stockholm');
    expect(after?.start.toJSDate().toISOString()).toBe('2026-10-26T17:00:00.000Z');
    expect(after?.end).toBeNull();
  });

  it('keeps a cancelled event with STATUS:CANCELLED, whole-day events as dates, and leaves deleted ones out', async () => {
    const parsed = parseFeed((await feed(`/api/v1/campaigns/${campaign.id}/events.ics?county=19`)).text);
    const vigil = parsed.events.get(uidOf(ids.vigil));
    expect(vigil).toMatchObject({ status: 'CANCELLED', summary: 'INSTÄLLT: Ljusmanifestation' });
    expect(vigil?.start.isDate).toBe(true);
    expect(vigil?.start.toString()).toBe('2026-11-27');
    expect(vigil?.end?.toString()).toBe('2026-11-28');
    expect(parsed.events.get(uidOf(ids.before))?.status).toBe('CONFIRMED');
    expect([...parsed.events.keys()].sort()).toEqual(
      [ids.before, ids.after, ids.vigil, ids.webcast, ids.square].map(uidOf).sort(),
    );
    const english = parseFeed(
      (await feed(`/api/v1/campaigns/${campaign.id}/events.ics?county=19&lang=en`)).text,
    );
    expect(english.events.get(uidOf(ids.vigil))?.summary).toBe('CANCELLED: Candlelight vigil');
  });

  it('puts a venue with its town, and the link where one watches an online event, in LOCATION and URL', async () => {
    const path = `/api/v1/campaigns/${campaign.id}/events.ics?county=19`;
    const parsed = parseFeed((await feed(path)).text);
    expect(parsed.events.get(uidOf(ids.square))).toMatchObject({
      location: 'Hökartorget, Köping',
      url: null,
    });
    const webcast = parsed.events.get(uidOf(ids.webcast));
    expect(webcast).toMatchObject({ location: WATCH, url: WATCH });
    expect(webcast?.description).toContain(`Webbsänd föreläsning (titta här): ${WATCH}`);
    expect(webcast?.description).toContain('Anmälan: https://www.lansstyrelsen.se/vastmanland');
    // Registered by e-mail and held at a venue: no URL at all.
    expect(parsed.events.get(uidOf(ids.before))).toMatchObject({
      location: 'Biblioteket, Musikrummet, Arboga',
      url: null,
    });
  });

  it('keeps the UID of an event when it changes, with a higher SEQUENCE', async () => {
    const path = `/api/v1/campaigns/${campaign.id}/events.ics?county=19`;
    const first = parseFeed((await feed(path)).text).events.get(uidOf(ids.after));
    const patched = await t.request(`/api/v1/events/${ids.after}`, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { title: { sv: 'Efter omställningen, ny titel' } },
    });
    expect(patched.status).toBe(200);
    const second = parseFeed((await feed(path)).text).events.get(uidOf(ids.after));
    expect(second?.uid).toBe(first?.uid);
    expect(second?.summary).toBe('Efter omställningen, ny titel');
    expect(second?.sequence).toBe((first?.sequence ?? 0) + 1);
  });

  it('serves the same feed at /kalender/{campaign}/{county}.ics, with an ETag answered by 304', async () => {
    const api = await feed(`/api/v1/campaigns/${campaign.id}/events.ics?county=19`);
    const short = await feed(`/kalender/${campaign.slug}/19.ics`);
    expect(short.response.status).toBe(200);
    expect(short.text).toBe(api.text);
    const etag = short.response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await t.request(`/kalender/${campaign.slug}/19.ics`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(parseFeed((await feed(`/kalender/${campaign.slug}/03.ics`)).text).events.size).toBe(0);
  });

  it('refuses a feed without a known county (400) and for unknown campaigns (404)', async () => {
    expect((await t.request(`/api/v1/campaigns/${campaign.id}/events.ics`)).status).toBe(400);
    expect((await t.request(`/api/v1/campaigns/${campaign.id}/events.ics?county=99`)).status).toBe(400);
    expect((await t.request('/api/v1/campaigns/no-such-campaign/events.ics?county=19')).status).toBe(404);
    expect((await t.request('/kalender/no-such-campaign/19.ics')).status).toBe(404);
    expect((await t.request(`/kalender/${campaign.slug}/99.ics`)).status).toBe(404);
  });
});
