import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts, WEEK_48 } from '../../events/event-fixtures.js';
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
 * The place fields of the coordinators' event form: a venue's municipality (a choice among the
 * county's municipalities, which must hold the event's county) and an online event's https link.
 * The clock stands on Monday 23 November 2026, 11:00 in Stockholm.
 */

let t: TestContext;
let vastmanland: Session;
let national: Session;
let week: { id: string; slug: string };

const WATCH = 'https://www.youtube.com/watch?v=vecka48';

/** The fields of the event form for a venue event in Västmanland on Tuesday 24 November. */
function eventFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    countyCode: '19',
    'title.sv': 'Män, maskulinitet och våld',
    'title.en': '',
    startDate: '2026-11-24',
    startTime: '18:00',
    endTime: '19:30',
    'place.kind': 'venue',
    'place.name': 'Biblioteket, Musikrummet',
    'place.address': '',
    'place.municipalityCode': '1984',
    'place.url': '',
    ...overrides,
  };
}

/** The API view of the campaign's event with this Swedish title in county 19 or 03. */
async function storedEvent(title: string) {
  for (const county of ['19', '03']) {
    const response = await t.request(`/api/v1/campaigns/${week.id}/events?county=${county}&include=all`);
    const items = (await response.json()).items as Array<{ id: string; title: { sv: string } }>;
    const found = items.find((event) => event.title.sv === title);
    if (found) return found as Record<string, unknown> & { id: string };
  }
  return null;
}

function create(who: Session, fields: Record<string, string>, lang = '') {
  return postForm(t, `/samordnare/kampanjer/${week.slug}/evenemang${lang}`, who, fields);
}

beforeAll(async () => {
  t = await createTestContext();
  const agency = await t.organisation({ kind: 'national_agency', name: 'Jämställdhetsmyndigheten' });
  national = await session(t, { role: 'coordinator', scope: 'national', organisationId: agency.id });
  vastmanland = await countyCoordinator(t, '19', 'Länsstyrelsen Västmanland');
  const id = await publishedCampaign(t, national.token, {
    tier: 'national',
    airing: WEEK_48,
    languages: ['sv', 'en'],
    title: { sv: 'En vecka fri från våld', en: 'A week free from violence' },
  });
  week = { id, slug: (await (await t.request(`/api/v1/campaigns/${id}`)).json()).slug };
}, 120_000);
afterAll(() => t.close());

describe('the place fields of the event form', () => {
  it("offer a county coordinator their county's municipalities, and a link field for online events", async () => {
    const html = await (
      await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang/nytt`, vastmanland)
    ).text();
    expect(html).toContain('<label for="f-place-municipalityCode">Kommun (frivilligt)</label>');
    const towns = [...html.matchAll(/<option value="(\d{4})"/g)].map((match) => match[1]);
    expect(towns).toHaveLength(10);
    expect(towns.every((code) => code?.startsWith('19'))).toBe(true);
    expect(html).toContain('<option value="1984">Arboga</option>');
    expect(html).not.toContain('<optgroup');
    expect(html).toMatch(/<input id="f-place-url" name="place.url" type="url"/);
  });

  it('group the municipalities by county for a national coordinator', async () => {
    const html = await (
      await getPage(t, `/samordnare/kampanjer/${week.slug}/evenemang/nytt`, national)
    ).text();
    expect(html).toContain('<optgroup label="Västmanlands län">');
    expect(html).toContain('<optgroup label="Uppsala län">');
    expect([...html.matchAll(/<option value="(\d{4})"/g)]).toHaveLength(290);
  });

  it("store a venue's municipality, shown as its town on /evenemang and kept in the edit form", async () => {
    const created = await create(vastmanland, eventFields({ 'place.url': 'https://ignored.example.se' }));
    expect(created.status).toBe(303);
    const stored = await storedEvent('Män, maskulinitet och våld');
    expect(stored?.place).toEqual({
      kind: 'venue',
      name: 'Biblioteket, Musikrummet',
      address: null,
      municipalityCode: '1984',
      municipalityName: 'Arboga',
      url: null,
    });
    expect(textOf(await (await t.request('/evenemang?lan=19&kommun=1984')).text())).toContain(
      'Biblioteket, Musikrummet, Arboga',
    );
    const form = await (await getPage(t, `/samordnare/evenemang/${stored?.id}`, vastmanland)).text();
    expect(form).toContain('<option value="1984" selected="">Arboga</option>');
  });

  it("store an online event's link, leaving out the venue's municipality", async () => {
    const created = await create(
      vastmanland,
      eventFields({
        'title.sv': 'Att möta unga killar i hederskultur',
        'place.kind': 'online',
        'place.name': 'Webbsänd föreläsning',
        'place.url': WATCH,
      }),
    );
    expect(created.status).toBe(303);
    const stored = await storedEvent('Att möta unga killar i hederskultur');
    expect(stored?.place).toMatchObject({ kind: 'online', municipalityCode: null, url: WATCH });
    const form = await (await getPage(t, `/samordnare/evenemang/${stored?.id}`, vastmanland)).text();
    expect(form).toContain(`value="${WATCH.replace(/&/g, '&amp;')}"`);
    expect(await (await t.request('/evenemang?lan=19')).text()).toContain(
      `Webbsänd föreläsning: <a href="${WATCH}">titta på youtube.com</a>`,
    );
  });

  it('show a link that is not https next to its field, in Swedish or English, and write nothing', async () => {
    const before = await rowCounts(t);
    const online = {
      'title.sv': 'Webbinarium',
      'place.kind': 'online',
      'place.url': 'http://example.se/live',
    };
    const response = await create(vastmanland, eventFields(online));
    expect(response.status).toBe(400);
    const html = await response.text();
    const message = 'Ange en webbadress som börjar med https://.';
    expect(html).toContain(`<span class="field-error" id="f-place-url-error">${message}</span>`);
    expect(html).toContain(`<a href="#f-place-url">Länk till sändningen: ${message}</a>`);
    expect(html).toContain('value="http://example.se/live"');
    const english = await create(vastmanland, eventFields(online), '?lang=en');
    expect(textOf(await english.text())).toContain(
      'Link to the stream: Enter a web address starting with https://.',
    );
    expect(await rowCounts(t)).toEqual(before);
  });

  it("refuse a municipality outside the event's county with 422 next to the field, writing nothing", async () => {
    const before = await rowCounts(t);
    // A national coordinator may choose any county and any municipality; the two must agree.
    const response = await create(
      national,
      eventFields({ countyCode: '03', 'place.municipalityCode': '1980' }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    const message = 'Kommunen ligger inte i evenemangets län. Välj en kommun i länet, eller inget.';
    expect(html).toContain(`<span class="field-error" id="f-place-municipalityCode-error">${message}</span>`);
    expect(html).toContain(`<a href="#f-place-municipalityCode">Kommun: ${message}</a>`);
    expect(html).toMatch(/<option value="1980" selected="">Västerås<\/option>/);
    // A forged form from a county coordinator meets the same rule.
    const forged = await create(vastmanland, eventFields({ 'place.municipalityCode': '0380' }));
    expect(forged.status).toBe(422);
    const unknown = await create(vastmanland, eventFields({ 'place.municipalityCode': '1999' }));
    expect(unknown.status).toBe(400);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuse an edit that leaves the municipality outside the county, changing nothing', async () => {
    const title = 'Samtal i Köping';
    expect(
      (await create(national, eventFields({ 'title.sv': title, 'place.municipalityCode': '1983' }))).status,
    ).toBe(303);
    const stored = await storedEvent(title);
    const edited = await postForm(t, `/samordnare/evenemang/${stored?.id}`, national, {
      ...eventFields({ 'title.sv': title, countyCode: '03', 'place.municipalityCode': '1983' }),
    });
    expect(edited.status).toBe(422);
    expect(await storedEvent(title)).toEqual(stored);
  });
});
