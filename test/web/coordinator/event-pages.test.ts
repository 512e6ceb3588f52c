import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSlides } from '../../../src/events/schema.js';
import { eventBody, postEvent, rowCounts, WEEK_48 } from '../../events/event-fixtures.js';
import { publishedCampaign } from '../../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import {
  countyCoordinator,
  getPage,
  postForm,
  type Session,
  session,
  textOf,
} from './coordinator-fixtures.js';

/*
 * The coordinators' event pages: a county's programme entered through plain HTML forms, within
 * the coordinator's area, through the same events service as the API. The clock stands on
 * Monday 23 November 2026, 11:00 in Stockholm (ISO week 48).
 */

let t: TestContext;
let vastmanland: Session;
let uppsala: Session;
let national: Session;
let vasteras: Session;
let member: Session;
/** A published national campaign in Swedish and English, with events in counties 19 and 03. */
let week: { id: string; slug: string };
/** A published county-19 campaign. */
let county19: { id: string; slug: string };
let koping: string;
let uppsalaTalk: string;

/** The fields of the event form for a talk in Arboga on Tuesday 24 November, 18:00–19:30. */
function eventFields(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    countyCode: '19',
    'title.sv': 'Män, maskulinitet och våld',
    'title.en': 'Men, masculinity and violence',
    'description.sv': 'Föreläsning av Thomas Wetterberg från Örebro läns Mansmottagning.',
    'description.en': '',
    'audience.sv': 'Allmänheten',
    'audience.en': '',
    startDate: '2026-11-24',
    startTime: '18:00',
    endTime: '19:30',
    endDate: '',
    'place.kind': 'venue',
    'place.name': 'Biblioteket, Musikrummet',
    'place.address': 'Arboga',
    'registration.required': 'yes',
    'registration.deadline': '2026-11-20',
    'registration.url': '',
    'registration.email': 'anmalan@arboga.example',
    ...overrides,
  };
}

async function slugOf(id: string): Promise<string> {
  return (await (await t.request(`/api/v1/campaigns/${id}`)).json()).slug;
}

/** An event as the API shows it, or null once it is gone. */
async function apiEvent(id: string) {
  const response = await t.request(`/api/v1/events/${id}`);
  return response.status === 200 ? response.json() : null;
}

/** The events of a campaign in a county, as the API lists them. */
async function apiEvents(campaignId: string, county: string) {
  const response = await t.request(`/api/v1/campaigns/${campaignId}/events?county=${county}&include=all`);
  return (await response.json()).items as Array<
    Record<string, unknown> & { id: string; title: { sv: string } }
  >;
}

beforeAll(async () => {
  t = await createTestContext();
  const agency = await t.organisation({ kind: 'national_agency', name: 'Jämställdhetsmyndigheten' });
  const club = await t.organisation({ kind: 'association', municipalityCode: '1980' });
  national = await session(t, { role: 'coordinator', scope: 'national', organisationId: agency.id });
  vastmanland = await countyCoordinator(t, '19', 'Länsstyrelsen Västmanland');
  uppsala = await countyCoordinator(t, '03', 'Länsstyrelsen Uppsala');
  vasteras = await session(t, { role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1980' });
  member = await session(t, { role: 'member', organisationId: club.id });
  const weekId = await publishedCampaign(t, national.token, {
    tier: 'national',
    airing: WEEK_48,
    languages: ['sv', 'en'],
    title: { sv: 'En vecka fri från våld', en: 'A week free from violence' },
  });
  week = { id: weekId, slug: await slugOf(weekId) };
  const countyId = await publishedCampaign(t, vastmanland.token, {
    tier: 'county',
    countyCode: '19',
    airing: WEEK_48,
    title: { sv: 'Västmanland mot våld' },
  });
  county19 = { id: countyId, slug: await slugOf(countyId) };
  koping = (
    await postEvent(
      t,
      vastmanland.token,
      week.id,
      eventBody({
        title: { sv: 'Ljusmanifestation Köping' },
        startDate: '2026-11-27',
        startTime: undefined,
        endTime: undefined,
        place: { kind: 'venue', name: 'Hökartorget', address: 'Köping' },
        registration: null,
      }),
    )
  ).id;
  uppsalaTalk = (
    await postEvent(
      t,
      uppsala.token,
      week.id,
      eventBody({ countyCode: '03', title: { sv: 'Föreläsning i Uppsala' }, place: { kind: 'online' } }),
    )
  ).id;
}, 120_000);
afterAll(async () => t?.close());

describe('the event pages', () => {
  it('are linked from the coordinator navigation and from the campaign page', async () => {
    const overview = await (await getPage(t, '/samordnare/evenemang', vastmanland)).text();
    expect(overview).toContain('<a href="/samordnare/evenemang" aria-current="page">Evenemang</a>');
    expect(overview).toContain(`href="/samordnare/kampanjer/${week.slug}/evenemang"`);
    expect(overview).toContain(`href="/samordnare/kampanjer/${county19.slug}/evenemang"`);
    const campaignPage = await (
      await getPage(t, `/samordnare/kampanjer/${county19.slug}`, vastmanland)
    ).text();
    expect(campaignPage).toContain(`href="/samordnare/kampanjer/${county19.slug}/evenemang"`);
  });

  it('list a county coordinator only their own county’s events, with the actions on them', async () => {
    const response = await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang`, vastmanland);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain('Västmanlands län');
    expect(text).toContain('Ljusmanifestation Köping');
    expect(text).toContain('27 november 2026, hela dagen');
    expect(text).not.toContain('Föreläsning i Uppsala');
    expect(html).toContain(`href="/samordnare/evenemang/${koping}"`);
    expect(html).toContain(`action="/samordnare/evenemang/${koping}/installt"`);
    expect(html).toContain(`href="/samordnare/evenemang/${koping}/ta-bort"`);
    expect(html).toContain(`href="/samordnare/kampanjer/${week.slug}/evenemang/nytt"`);
  });

  it('list every county with events to a national coordinator', async () => {
    const text = textOf(
      await (await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang?lang=en`, national)).text(),
    );
    expect(text).toContain('Ljusmanifestation Köping');
    expect(text).toContain('Föreläsning i Uppsala');
    expect(text).toContain('Uppsala län');
    expect(text).toContain('New event');
  });

  it('show a municipal coordinator their county’s events without ways to change them', async () => {
    const html = await (await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang`, vasteras)).text();
    expect(textOf(html)).toContain('Ljusmanifestation Köping');
    expect(textOf(html)).toContain('Evenemangen läggs in av länets samordnare.');
    expect(html).not.toContain(`/samordnare/evenemang/${koping}/installt`);
    expect(html).not.toContain('/evenemang/nytt');
  });

  it('add an event from the form, shown on /evenemang and in the county’s programme slide', async () => {
    const form = await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang/nytt`, vastmanland);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('<label for="f-title-sv">Rubrik på svenska</label>');
    expect(formHtml).toContain('<label for="f-title-en">Rubrik på engelska</label>');
    expect(formHtml).toMatch(/<input id="f-title-en" name="title.en" type="text" value=""[^>]*lang="en"/);
    // The only county the coordinator has is chosen already.
    expect(formHtml).toMatch(/<option value="19" selected="">Västmanlands län<\/option>/);
    const before = await rowCounts(t);
    const created = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      vastmanland,
      eventFields(),
    );
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(
      `/samordnare/kampanjer/${week.slug}/evenemang?klart=evenemang#lan-19`,
    );
    expect((await rowCounts(t)).liveEvents).toBe(before.liveEvents + 1);
    const stored = (await apiEvents(week.id, '19')).find(
      (event) => event.title.sv === 'Män, maskulinitet och våld',
    );
    expect(stored).toMatchObject({
      title: { sv: 'Män, maskulinitet och våld', en: 'Men, masculinity and violence' },
      description: { sv: 'Föreläsning av Thomas Wetterberg från Örebro läns Mansmottagning.' },
      audience: { sv: 'Allmänheten' },
      startDate: '2026-11-24',
      startTime: '18:00',
      endDate: '2026-11-24',
      endTime: '19:30',
      place: { kind: 'venue', name: 'Biblioteket, Musikrummet', address: 'Arboga' },
      registration: { deadline: '2026-11-20', url: null, email: 'anmalan@arboga.example' },
      cancelled: false,
    });
    const listed = await (await getPage(t, created.headers.get('location') ?? '', vastmanland)).text();
    expect(textOf(listed)).toContain('Evenemanget är tillagt.');
    expect(textOf(await (await t.request('/evenemang?lan=19')).text())).toContain(
      'Män, maskulinitet och våld',
    );
    const [programme] = await t.database.db
      .select()
      .from(eventSlides)
      .where(and(eq(eventSlides.campaignId, week.id), eq(eventSlides.countyCode, '19')));
    expect(programme?.slideId).toBeTruthy();
  });

  it('add an online event over the whole day with a registration link', async () => {
    const created = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      vastmanland,
      eventFields({
        'title.sv': 'Webbinarium om ekonomiskt våld',
        'title.en': '',
        allDay: 'yes',
        startTime: '09:00',
        endTime: '',
        'place.kind': 'online',
        'place.name': 'Digitalt',
        'place.address': 'kept out of online events',
        'registration.deadline': '2026-11-25',
        'registration.url': 'https://www.lansstyrelsen.se/vastmanland',
        'registration.email': '',
        startDate: '2026-11-27',
      }),
    );
    expect(created.status).toBe(303);
    const stored = (await apiEvents(week.id, '19')).find(
      (event) => event.title.sv === 'Webbinarium om ekonomiskt våld',
    );
    expect(stored).toMatchObject({
      allDay: true,
      startTime: null,
      place: { kind: 'online', name: 'Digitalt', address: null },
      registration: { deadline: '2026-11-25', url: 'https://www.lansstyrelsen.se/vastmanland', email: null },
    });
  });

  it('show each problem next to its field and in a summary, keep what was typed, and write nothing', async () => {
    const before = await rowCounts(t);
    const response = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      vastmanland,
      eventFields({
        'title.sv': '',
        'description.sv': 'Ett samtal om svartsjuka.',
        startTime: '',
        'place.name': '',
        'registration.email': '',
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Fel: Nytt evenemang – Kampanjnavet</title>');
    for (const [id, message] of [
      ['f-title-sv', 'Skriv en svensk text.'],
      ['f-startTime', 'Ange när det börjar, eller kryssa i hela dagen.'],
      ['f-place-name', 'Fyll i fältet.'],
      ['f-registration-url', 'Ange var man anmäler sig: en länk eller en e-postadress (en av dem).'],
    ] as const) {
      expect(html, id).toMatch(
        new RegExp(
          `class="error-summary"[\\s\\S]*<a href="#${id}">[^<]*${message.replace(/[.()]/g, '\\$&')}</a>`,
        ),
      );
      expect(html, id).toContain(`<span class="field-error" id="${id}-error">${message}</span>`);
      expect(html, id).toMatch(
        new RegExp(`<input id="${id}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${id}-error`),
      );
    }
    expect(html).toContain('>Ett samtal om svartsjuka.</textarea>');
    expect(html).toContain('value="Men, masculinity and violence"');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('check the timing with the events rules, in English when the page is', async () => {
    const before = await rowCounts(t);
    const response = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang?lang=en`,
      vastmanland,
      eventFields({ endTime: '17:00', 'registration.deadline': '2026-11-30' }),
    );
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain('The event must end after it starts.');
    expect(text).toContain('The registration deadline is after the event.');
    const badTime = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      vastmanland,
      eventFields({ startTime: '25:00', startDate: '2026-02-30', 'registration.url': 'ftp://example.se' }),
    );
    expect(badTime.status).toBe(400);
    const swedish = textOf(await badTime.text());
    expect(swedish).toContain('Ange en tid som TT:MM, till exempel 18:00.');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('edit an event, clearing what was emptied', async () => {
    const form = await (await getPage(t, `/samordnare/evenemang/${koping}`, vastmanland)).text();
    expect(form).toContain('value="Ljusmanifestation Köping"');
    expect(form).toMatch(/<input type="checkbox" id="f-allDay" name="allDay" value="yes" checked=""/);
    const saved = await postForm(
      t,
      `/samordnare/evenemang/${koping}`,
      vastmanland,
      eventFields({
        'title.sv': 'Ljusmanifestation i Köping',
        'description.sv': '',
        'audience.sv': '',
        startDate: '2026-11-27',
        startTime: '17:00',
        endTime: '',
        'place.name': 'Hökartorget',
        'place.address': 'Köping',
        'registration.required': [],
      }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(
      `/samordnare/kampanjer/${week.slug}/evenemang?klart=evenemang-sparat#lan-19`,
    );
    expect(await apiEvent(koping)).toMatchObject({
      title: { sv: 'Ljusmanifestation i Köping' },
      description: null,
      audience: null,
      startTime: '17:00',
      endTime: null,
      registration: null,
      cancelled: false,
    });
  });

  it('cancel an event from the list and take the cancellation back', async () => {
    const cancelled = await postForm(t, `/samordnare/evenemang/${koping}/installt`, vastmanland, {
      cancelled: 'yes',
    });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(
      `/samordnare/kampanjer/${week.slug}/evenemang?klart=installt#lan-19`,
    );
    expect((await apiEvent(koping)).cancelled).toBe(true);
    expect(textOf(await (await t.request('/evenemang?lan=19')).text())).toContain('Evenemanget är inställt.');
    const list = await (await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang`, vastmanland)).text();
    expect(textOf(list)).toContain('Inställt');
    expect(list).toContain('Ångra inställt');
    const back = await postForm(t, `/samordnare/evenemang/${koping}/installt`, vastmanland, {
      cancelled: 'no',
    });
    expect(back.status).toBe(303);
    expect((await apiEvent(koping)).cancelled).toBe(false);
  });

  it('delete an event only from its confirmation page', async () => {
    const doomed = (
      await postEvent(
        t,
        vastmanland.token,
        county19.id,
        eventBody({ title: { sv: 'Ett evenemang att ta bort' } }),
      )
    ).id;
    const confirm = await getPage(t, `/samordnare/evenemang/${doomed}/ta-bort`, vastmanland);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(textOf(html)).toContain('Ta bort evenemanget?');
    expect(textOf(html)).toContain('Ett evenemang att ta bort');
    expect(html).toContain(`<form method="post" action="/samordnare/evenemang/${doomed}/ta-bort"`);
    expect(await apiEvent(doomed)).not.toBeNull();
    const deleted = await postForm(t, `/samordnare/evenemang/${doomed}/ta-bort`, vastmanland, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe(
      `/samordnare/kampanjer/${county19.slug}/evenemang?klart=evenemang-borttaget#lan-19`,
    );
    expect(await apiEvent(doomed)).toBeNull();
  });
});

describe('refusals on the event pages', () => {
  it('send anonymous visitors to sign in and write nothing they post', async () => {
    const page = await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang`);
    expect(page.status).toBe(302);
    const before = await rowCounts(t);
    const posted = await postForm(t, `/samordnare/kampanjer/${week.slug}/evenemang`, null, eventFields());
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(/^\/logga-in\?next=/);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answer members with a 403 page and write nothing', async () => {
    for (const path of [
      '/samordnare/evenemang',
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      `/samordnare/evenemang/${koping}`,
    ]) {
      const response = await getPage(t, path, member);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(textOf(await response.text())).toContain('Ingen behörighet');
    }
    const before = await rowCounts(t);
    expect(
      (await postForm(t, `/samordnare/kampanjer/${week.slug}/evenemang`, member, eventFields())).status,
    ).toBe(403);
    expect(
      (await postForm(t, `/samordnare/evenemang/${koping}/installt`, member, { cancelled: 'yes' })).status,
    ).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
    expect((await apiEvent(koping)).cancelled).toBe(false);
  });

  it('refuse another county’s coordinator with a 403 page and a way back, changing nothing', async () => {
    const edit = await getPage(t, `/samordnare/evenemang/${koping}`, uppsala);
    expect(edit.status).toBe(403);
    const html = await edit.text();
    expect(textOf(html)).toContain('Evenemangen i Västmanlands län sköts av samordnarna där.');
    expect(html).toContain(
      `<a href="/samordnare/kampanjer/${week.slug}/evenemang">Till kampanjens evenemang</a>`,
    );
    const before = await apiEvent(koping);
    for (const [path, fields] of [
      [`/samordnare/evenemang/${koping}`, eventFields({ 'title.sv': 'Kapad' })],
      [`/samordnare/evenemang/${koping}/installt`, { cancelled: 'yes' }],
      [`/samordnare/evenemang/${koping}/ta-bort`, {}],
    ] as const) {
      expect((await postForm(t, path, uppsala, fields)).status, path).toBe(403);
    }
    expect(await apiEvent(koping)).toEqual(before);
  });

  it('refuse an event in a county outside the coordinator’s area even when the form is forged', async () => {
    const before = await rowCounts(t);
    const forged = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      uppsala,
      eventFields({ countyCode: '19' }),
    );
    expect(forged.status).toBe(403);
    const moved = await postForm(
      t,
      `/samordnare/evenemang/${uppsalaTalk}`,
      uppsala,
      eventFields({ countyCode: '19' }),
    );
    expect(moved.status).toBe(403);
    expect((await apiEvent(uppsalaTalk)).countyCode).toBe('03');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answer 404 for another county’s campaign and for events that do not exist', async () => {
    const before = await rowCounts(t);
    for (const path of [
      `/samordnare/kampanjer/${county19.slug}/evenemang`,
      `/samordnare/kampanjer/${county19.slug}/evenemang/nytt`,
      '/samordnare/kampanjer/finns-inte/evenemang',
      '/samordnare/evenemang/not-an-id',
      '/samordnare/evenemang/00000000-0000-4000-8000-000000000000',
      '/samordnare/finns-inte',
    ]) {
      const response = await getPage(t, path, uppsala);
      expect(response.status, path).toBe(404);
      expect(textOf(await response.text()), path).toContain('Sidan finns inte');
    }
    expect(
      (await postForm(t, `/samordnare/kampanjer/${county19.slug}/evenemang`, uppsala, eventFields())).status,
    ).toBe(404);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuse a municipal coordinator’s new event with a 403 page', async () => {
    const before = await rowCounts(t);
    expect((await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang/nytt`, vasteras)).status).toBe(
      403,
    );
    expect(
      (await postForm(t, `/samordnare/kampanjer/${week.slug}/evenemang`, vasteras, eventFields())).status,
    ).toBe(403);
    expect(
      (await postForm(t, `/samordnare/evenemang/${koping}/installt`, vasteras, { cancelled: 'yes' })).status,
    ).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('answer a form post without the CSRF token with a 403 page, in Swedish or English, and write nothing', async () => {
    const before = await rowCounts(t);
    const missing = await postForm(
      t,
      `/samordnare/kampanjer/${week.slug}/evenemang`,
      vastmanland,
      eventFields(),
      { csrf: false },
    );
    expect(missing.status).toBe(403);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await missing.text();
    expect(textOf(html)).toContain('Formuläret kunde inte skickas');
    expect(html).toContain('<a href="/samordnare">Till samordning</a>');
    const stale = await t.request(`/samordnare/evenemang/${koping}/installt?lang=en`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: 'an old token', cancelled: 'yes' }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: vastmanland.cookie,
        referer: `http://localhost/samordnare/kampanjer/${week.slug}/evenemang`,
      },
      redirect: 'manual',
    });
    expect(stale.status).toBe(403);
    const english = await stale.text();
    expect(textOf(english)).toContain('The form could not be sent');
    expect(english).toContain(`<a href="/samordnare/kampanjer/${week.slug}/evenemang">Back to the page</a>`);
    expect(await rowCounts(t)).toEqual(before);
    expect((await apiEvent(koping)).cancelled).toBe(false);
  });

  it('keep problem+json for API requests and for scripts that ask for JSON', async () => {
    const api = await t.request(`/api/v1/campaigns/${week.id}/events`, {
      method: 'POST',
      json: eventBody(),
      headers: { cookie: vastmanland.cookie },
    });
    expect(api.status).toBe(403);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await api.json()).code).toBe('csrf_token_invalid');
    const script = await t.request(`/samordnare/evenemang/${koping}/installt`, {
      method: 'POST',
      body: 'cancelled=yes',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        cookie: vastmanland.cookie,
      },
    });
    expect(script.status).toBe(403);
    expect((await script.json()).code).toBe('csrf_token_invalid');
  });

  it('answer malformed posts with 400 and change nothing', async () => {
    const before = await apiEvent(koping);
    const toggle = await postForm(t, `/samordnare/evenemang/${koping}/installt`, vastmanland, {
      cancelled: 'maybe',
    });
    expect(toggle.status).toBe(400);
    expect(textOf(await toggle.text())).toContain('Formuläret gick inte att läsa');
    const place = await postForm(
      t,
      `/samordnare/evenemang/${koping}`,
      vastmanland,
      eventFields({ 'place.kind': 'teleport', countyCode: 'xx' }),
    );
    expect(place.status).toBe(400);
    const html = await place.text();
    expect(html).toContain('<a href="#f-place-kind">Plats eller online: Välj ett av alternativen.</a>');
    expect(html).toContain('<a href="#f-countyCode">');
    const empty = await postForm(t, `/samordnare/evenemang/${koping}`, vastmanland, {});
    expect(empty.status).toBe(400);
    expect(await apiEvent(koping)).toEqual(before);
  });
});
