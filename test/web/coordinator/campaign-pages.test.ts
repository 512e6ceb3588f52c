import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../support/files.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import { campaignFields, getPage, postForm, type Session, session, textOf } from './coordinator-fixtures.js';

/*
 * A county coordinator works on a campaign through the pages alone: create it, upload artwork,
 * put it on a slide, meet the publish gate, fix what it says and publish.
 */

let t: TestContext;
let me: Session;

beforeAll(async () => {
  t = await createTestContext();
  const board = await t.organisation({
    kind: 'county_board',
    countyCode: '19',
    name: 'Länsstyrelsen Västmanland',
  });
  me = await session(t, {
    role: 'coordinator',
    scope: 'county',
    scopeCountyCode: '19',
    organisationId: board.id,
  });
});
afterAll(async () => t?.close());

async function createCampaign(overrides: Record<string, string | string[]> = {}): Promise<string> {
  const response = await postForm(t, '/samordnare/kampanjer', me, campaignFields(overrides));
  expect(response.status, textOf(await response.clone().text()).slice(0, 500)).toBe(303);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(/^\/samordnare\/kampanjer\/[a-z0-9-]+\?klart=skapad$/);
  return (location.split('/').pop() ?? '').split('?')[0] ?? '';
}

async function campaignJson(slug: string) {
  return (await t.request(`/api/v1/campaigns/${slug}`, { token: me.token })).json();
}

/** Uploads through the page's multipart form, CSRF token in the address as the form does it. */
async function uploadThroughPage(slug: string, fields: Record<string, string>, file: Buffer | null) {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    language: 'sv',
    altText: '',
    title: '',
    rightsExpiry: '',
    orientation: '',
    focalX: '',
    focalY: '',
    ...fields,
  }))
    form.append(name, value);
  form.append(
    'file',
    file ? new Blob([new Uint8Array(file)], { type: 'image/png' }) : new Blob([]),
    file ? 'affisch.png' : '',
  );
  return t.request(`/samordnare/kampanjer/${slug}/bilder?_csrf=${encodeURIComponent(me.csrf)}`, {
    method: 'POST',
    body: form,
    headers: { cookie: me.cookie },
    redirect: 'manual',
  });
}

describe('the campaign form', () => {
  it('shows each problem next to its field and in a summary, keeping what was typed', async () => {
    const response = await postForm(
      t,
      '/samordnare/kampanjer',
      me,
      campaignFields({
        'title.sv': '',
        slug: 'Fel Adress',
        languages: [],
        'airing.kind': 'dates',
        'airing.from': '2026-12-01',
        'airing.to': '2026-11-01',
        'airing.week': '',
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Fel: Ny kampanj – Kampanjnavet</title>');
    expect(html).toContain('class="error-summary"');
    for (const field of ['f-title-sv', 'f-slug', 'f-languages', 'f-airing-to']) {
      expect(html, field).toContain(`href="#${field}"`);
      expect(html, field).toContain(`id="${field}-error"`);
    }
    const text = textOf(html);
    expect(text).toContain('Slutdatumet är före startdatumet.');
    expect(text).toContain('Skriv en svensk text.');
    expect(html).toContain('value="Fel Adress"');
    expect(html).toContain('value="2026-12-01"');
  });

  it('saves dates, yearly, week and weekday-and-time windows as the API stores them', async () => {
    const dates = await createCampaign({
      'airing.kind': 'dates',
      'airing.from': '2026-11-01',
      'airing.to': '2026-11-30',
      'airing.week': '',
    });
    expect((await campaignJson(dates)).airing).toEqual({
      spans: [{ kind: 'dates', from: '2026-11-01', to: '2026-11-30' }],
    });
    const yearly = await createCampaign({
      'airing.kind': 'yearly',
      'airing.yearlyFrom': '02-01',
      'airing.yearlyTo': '03-31',
      'airing.week': '',
      'ordering.enabled': 'yes',
      'ordering.kind': 'yearly',
      'ordering.yearlyFrom': '12-15',
      'ordering.yearlyTo': '03-31',
    });
    const yearlyJson = await campaignJson(yearly);
    expect(yearlyJson.airing).toEqual({ spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] });
    expect(yearlyJson.ordering).toEqual({ spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] });
    const evenings = await createCampaign({
      'airing.weekdays': ['1', '2', '3', '4', '5'],
      'airing.timeFrom': '17:00',
      'airing.timeTo': '21:00',
    });
    expect((await campaignJson(evenings)).airing).toEqual({
      spans: [{ kind: 'isoWeek', week: 48 }],
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: [{ from: '17:00', to: '21:00' }],
    });
  });

  it('refuses a county the coordinator does not cover, next to the tier', async () => {
    const response = await postForm(t, '/samordnare/kampanjer', me, campaignFields({ countyCode: '03' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="f-tier-error"');
  });

  it('edits a campaign and shows the change on its page', async () => {
    const slug = await createCampaign();
    const edit = await getPage(t, `/samordnare/kampanjer/${slug}/redigera`, me);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain('value="Vecka 48 i Västerås"');
    const saved = await postForm(
      t,
      `/samordnare/kampanjer/${slug}/redigera`,
      me,
      campaignFields({
        'title.sv': 'Vecka 48 i Arboga',
        'title.en': 'Week 48 in Arboga',
        languages: ['sv', 'en'],
      }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/samordnare/kampanjer/${slug}?klart=sparad`);
    const page = textOf(await (await getPage(t, `/samordnare/kampanjer/${slug}`, me)).text());
    expect(page).toContain('Vecka 48 i Arboga');
    expect(page).toContain('svenska, engelska');
    const english = textOf(await (await getPage(t, `/samordnare/kampanjer/${slug}?lang=en`, me)).text());
    expect(english).toContain('Week 48 in Arboga');
  });
});

describe('artwork, slides and the publish gate', () => {
  let slug: string;
  let assetId: string;
  let slideId: string;

  it('shows an upload refusal next to its field and keeps what was typed', async () => {
    slug = await createCampaign({ languages: ['sv', 'ar'] });
    const noAlt = await uploadThroughPage(
      slug,
      { title: 'Affisch', rightsExpiry: '2027-12-31' },
      await makePng(800, 450),
    );
    expect(noAlt.status).toBe(400);
    const html = await noAlt.text();
    expect(html).toContain('id="f-altText-error"');
    expect(textOf(html)).toContain('Skriv en alternativtext');
    expect(html).toContain('value="Affisch"');
    expect(html).toContain('value="2027-12-31"');
    const noFile = await uploadThroughPage(slug, { altText: 'Ring 020-50 50 50' }, null);
    expect(noFile.status).toBe(422);
    expect(await noFile.text()).toContain('id="f-file-error"');
    expect(
      (await (await t.request(`/api/v1/campaigns/${slug}/assets`, { token: me.token })).json()).items,
    ).toEqual([]);
  });

  it('uploads artwork with alt text, focal point and rights expiry', async () => {
    const response = await uploadThroughPage(
      slug,
      {
        altText: 'Du är inte ensam. Ring Kvinnofridslinjen 020-50 50 50.',
        focalX: '0.25',
        focalY: '0.75',
        rightsExpiry: '2027-12-31',
      },
      await makePng(800, 450),
    );
    expect(response.status, textOf(await response.clone().text()).slice(0, 400)).toBe(303);
    assetId = (response.headers.get('location') ?? '').split('/').pop()?.split('?')[0] ?? '';
    const asset = await (await t.request(`/api/v1/assets/${assetId}`, { token: me.token })).json();
    expect(asset).toMatchObject({
      language: 'sv',
      focalPoint: { x: 0.25, y: 0.75 },
      rightsExpiry: '2027-12-31',
      altText: 'Du är inte ensam. Ring Kvinnofridslinjen 020-50 50 50.',
    });
  });

  it('makes a slide of the artwork, with its duration, window and targeting', async () => {
    const form = await getPage(t, `/samordnare/kampanjer/${slug}/bildspel/ny`, me);
    expect(await form.text()).toContain(`value="${assetId}"`);
    const created = await postForm(t, `/samordnare/kampanjer/${slug}/bildspel`, me, {
      name: 'Stödlinjen',
      assetIds: [assetId],
      durationSeconds: '3',
      'window.enabled': 'yes',
      'window.kind': 'always',
      'window.timeFrom': '08:00',
      'window.timeTo': '20:00',
      'targeting.municipalities': '1980, 1984',
      'targeting.tags': '',
      'targeting.chains': 'ica',
      'targeting.orientation': 'landscape',
      fit: 'cover',
      position: '10',
    });
    expect(created.status, textOf(await created.clone().text()).slice(0, 400)).toBe(303);
    const [slide] = (await (await t.request(`/api/v1/campaigns/${slug}/slides`, { token: me.token })).json())
      .items;
    slideId = slide.id;
    expect(slide).toMatchObject({
      name: 'Stödlinjen',
      durationSeconds: 3,
      fit: 'cover',
      position: 10,
      window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: '08:00', to: '20:00' }] },
      targeting: { municipalities: ['1980', '1984'], chains: ['ica'], orientation: 'landscape' },
    });
  });

  it('lists what stops publishing with a link to fix each, and refuses to publish with 422', async () => {
    const page = await (await getPage(t, `/samordnare/kampanjer/${slug}`, me)).text();
    expect(textOf(page)).toContain('Innan kampanjen kan publiceras');
    const refused = await postForm(t, `/samordnare/kampanjer/${slug}/status`, me, { status: 'published' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    const text = textOf(html);
    expect(text).toContain('Kampanjen kan inte publiceras än');
    expect(text).toContain('Bildspelet "Stödlinjen" har ingen bild på arabiska.');
    expect(text).toContain('Bildspelet "Stödlinjen" visas i 3 sekunder men behöver minst 5');
    expect(html).toContain(`href="/samordnare/bildspel/${slideId}#f-durationSeconds"`);
    expect(html).toContain(`href="/samordnare/bildspel/${slideId}#f-assetIds"`);
    expect(html).toContain(`href="/samordnare/kampanjer/${slug}#f-exemption-ar"`);
    expect(html).toContain('role="alert"');
    expect((await campaignJson(slug)).status).toBe('draft');
  });

  it('publishes once the slide is long enough and the missing language has a reason', async () => {
    const slideForm = await (await getPage(t, `/samordnare/bildspel/${slideId}`, me)).text();
    expect(slideForm).toContain('value="3"');
    const fixed = await postForm(t, `/samordnare/bildspel/${slideId}`, me, {
      name: 'Stödlinjen',
      assetIds: [assetId],
      durationSeconds: '8',
      'window.kind': 'always',
      fit: 'cover',
      position: '10',
      'targeting.municipalities': '1980',
    });
    expect(fixed.status).toBe(303);
    // Swedish is what screens fall back to: every slide needs it, so it has no reason field.
    const campaignPage = await (await getPage(t, `/samordnare/kampanjer/${slug}`, me)).text();
    expect(campaignPage).toContain('id="f-exemption-ar"');
    expect(campaignPage).not.toContain('id="f-exemption-sv"');
    const reason = await postForm(t, `/samordnare/kampanjer/${slug}/sprakundantag`, me, {
      'exemption.sv': 'Ett skäl som inte gäller svenska.',
      'exemption.ar': 'Arabiska affischer kommer först i december.',
    });
    expect(reason.status).toBe(303);
    expect((await campaignJson(slug)).languageExemptions).toEqual({
      ar: 'Arabiska affischer kommer först i december.',
    });
    const published = await postForm(t, `/samordnare/kampanjer/${slug}/status`, me, { status: 'published' });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`/samordnare/kampanjer/${slug}?klart=publicerad`);
    expect((await campaignJson(slug)).status).toBe('published');
  });

  it('keeps an image’s alt text when its other details change, and refuses to empty it', async () => {
    const emptied = await postForm(t, `/samordnare/bilder/${assetId}`, me, {
      language: 'sv',
      altText: '',
      title: '',
      rightsExpiry: '',
      focalX: '',
      focalY: '',
      orientation: 'landscape',
      purposes: ['screen'],
    });
    expect(emptied.status).toBe(400);
    expect(await emptied.text()).toContain('id="f-altText-error"');
    const saved = await postForm(t, `/samordnare/bilder/${assetId}`, me, {
      language: 'sv',
      altText: 'Ring Kvinnofridslinjen 020-50 50 50.',
      title: 'Stödlinjen',
      rightsExpiry: '',
      focalX: '0.5',
      focalY: '0.4',
      orientation: 'landscape',
      purposes: ['screen', 'social'],
    });
    expect(saved.status).toBe(303);
    const asset = await (await t.request(`/api/v1/assets/${assetId}`, { token: me.token })).json();
    expect(asset).toMatchObject({
      altText: 'Ring Kvinnofridslinjen 020-50 50 50.',
      title: 'Stödlinjen',
      rightsExpiry: null,
      focalPoint: { x: 0.5, y: 0.4 },
      purposes: ['screen', 'social'],
    });
  });

  it('reorders slides by their position numbers', async () => {
    const second = await postForm(t, `/samordnare/kampanjer/${slug}/bildspel`, me, {
      name: 'Kvinnojouren',
      assetIds: [assetId],
      durationSeconds: '8',
      'window.kind': 'always',
      fit: 'contain',
      position: '20',
    });
    expect(second.status).toBe(303);
    const before = (await (await t.request(`/api/v1/campaigns/${slug}/slides`, { token: me.token })).json())
      .items as Array<{ id: string; name: string }>;
    const fields = Object.fromEntries(
      before.map((slide) => [`position.${slide.id}`, slide.name === 'Kvinnojouren' ? '5' : '30']),
    );
    const saved = await postForm(t, `/samordnare/kampanjer/${slug}/ordning`, me, fields);
    expect(saved.status).toBe(303);
    const after = (await (await t.request(`/api/v1/campaigns/${slug}/slides`, { token: me.token })).json())
      .items as Array<{ name: string }>;
    expect(after.map((slide) => slide.name)).toEqual(['Kvinnojouren', 'Stödlinjen']);
    const bad = await postForm(t, `/samordnare/kampanjer/${slug}/ordning`, me, {
      [`position.${before[0]?.id}`]: '-4',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`id="f-position-${before[0]?.id}-error"`);
  });

  it('archives and unpublishes with post-redirect-get', async () => {
    const archived = await postForm(t, `/samordnare/kampanjer/${slug}/status`, me, { status: 'archived' });
    expect(archived.headers.get('location')).toBe(`/samordnare/kampanjer/${slug}?klart=arkiverad`);
    expect((await campaignJson(slug)).status).toBe('archived');
    const page = textOf(await (await getPage(t, `/samordnare/kampanjer/${slug}?klart=arkiverad`, me)).text());
    expect(page).toContain('Kampanjen är arkiverad.');
  });
});
