import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../../../src/screens/schema.js';
import {
  insertAsset,
  pairingEnv,
  poll,
  publishedCampaign,
  requestCode,
  slideBody,
} from '../../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import { getPage, postForm, type Session, session, textOf } from './coordinator-fixtures.js';

/*
 * The coordinator's view of screens at work: pairing one through the page, its state in words,
 * what it shows at a moment, the week's timeline, and reach as charts with tables and CSV.
 * The clock stands at Monday 23 November 2026, 11:00 in Stockholm.
 */

let t: TestContext;
let me: Session;
let slideId: string;
let campaignId: string;
let assetId: string;
let screenId: string;
let screenToken: string;

const claimFields = (code: string, overrides: Record<string, string | string[]> = {}) => ({
  code,
  name: 'ICA Maxi Erikslund, entrén',
  municipalityCode: '1980',
  orientation: 'landscape',
  width: '1920',
  height: '1080',
  languages: ['sv'],
  chain: 'ica',
  storeCode: '',
  tags: 'entre',
  hours: 'always',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
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
  campaignId = await publishedCampaign(t, me.token, {
    tier: 'county',
    countyCode: '19',
    airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
  });
  assetId = (
    await insertAsset(t, campaignId, {
      language: 'sv',
      altText: 'Kvinnojouren i Västerås har öppet dygnet runt.',
    })
  ).id;
  const slide = await t.request(`/api/v1/campaigns/${campaignId}/slides`, {
    method: 'POST',
    token: me.token,
    json: slideBody([assetId], {
      name: 'Kvinnojouren Västerås',
      window: { spans: [{ kind: 'always' }], timesOfDay: [{ from: '08:00', to: '20:00' }] },
    }),
  });
  expect(slide.status).toBe(201);
  slideId = (await slide.json()).id;
});
afterAll(async () => t?.close());

describe('before any screen is paired', () => {
  it('shows the timeline of a typical screen of the county: always open, Swedish, landscape', async () => {
    const text = textOf(
      await (await getPage(t, '/samordnare/tidslinje?for=lan:19&fran=2026-11-23', me)).text(),
    );
    expect(text).toContain('Det finns inga skärmar här än, så tidslinjen visar en typisk skärm');
    expect(text).toMatch(
      /måndag 23 november Bildspel Nivå Tider Skärmar Kvinnojouren Västerås \S+ län 08:00–20:00 1/,
    );
    expect(text).toMatch(
      /tisdag 24 november Bildspel Nivå Tider Skärmar Kvinnojouren Västerås \S+ län 08:00–20:00 1/,
    );
  });
});

describe('pairing a screen through the page', () => {
  it('shows a wrong code next to the code field and pairs nothing', async () => {
    const response = await postForm(t, '/samordnare/skarmar/koppla', me, claimFields('AAAAAA'));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="f-code-error"');
    expect(textOf(html)).toContain('Det finns ingen sådan kod');
    expect(html).toContain('value="ICA Maxi Erikslund, entrén"');
    expect((await t.request('/api/v1/screens', { token: me.token }).then((r) => r.json())).items).toEqual([]);
  });

  it('shows missing settings next to their fields', async () => {
    const { code } = await requestCode(t);
    const response = await postForm(
      t,
      '/samordnare/skarmar/koppla',
      me,
      claimFields(code, { name: '', languages: [], municipalityCode: '' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    for (const field of ['f-name', 'f-languages', 'f-municipalityCode'])
      expect(html, field).toContain(`id="${field}-error"`);
  });

  it('claims the code with the screen’s settings and lists the screen with its state in words', async () => {
    const { code, pollSecret } = await requestCode(t);
    const response = await postForm(
      t,
      '/samordnare/skarmar/koppla',
      me,
      claimFields(code.toLowerCase(), {
        hours: 'set',
        'open.1.from': '07:00',
        'open.1.to': '22:00',
        'open.7.from': '10:00',
        'open.7.to': '18:00',
      }),
    );
    expect(response.status, textOf(await response.clone().text()).slice(0, 300)).toBe(303);
    expect(response.headers.get('location')).toBe('/samordnare/skarmar?klart=kopplad');
    const [screen] = (await (await t.request('/api/v1/screens', { token: me.token })).json()).items;
    screenId = screen.id;
    expect(screen).toMatchObject({
      name: 'ICA Maxi Erikslund, entrén',
      municipalityCode: '1980',
      chain: 'ica',
      tags: ['entre'],
      openingHours: { '1': [{ from: '07:00', to: '22:00' }], '7': [{ from: '10:00', to: '18:00' }] },
    });
    const waiting = textOf(await (await getPage(t, '/samordnare/skarmar?klart=kopplad', me)).text());
    expect(waiting).toContain('Skärmen är kopplad.');
    expect(waiting).toContain('Väntar på att skärmen hämtar sin nyckel');
    const collected = await (await poll(t, pollSecret)).json();
    screenToken = collected.screenToken;
    expect(textOf(await (await getPage(t, '/samordnare/skarmar', me)).text())).toContain(
      'Har inte hörts av än',
    );
  });

  it('says when a screen was last heard from, and when it went silent', async () => {
    const beat = await t.request('/api/v1/screens/me/heartbeat', {
      method: 'POST',
      token: screenToken,
      json: { playerVersion: '1.0.0' },
    });
    expect(beat.status).toBe(200);
    const online = await (await getPage(t, '/samordnare/skarmar', me)).text();
    expect(textOf(online)).toContain('Västmanlands län: 1 av 1 i drift');
    expect(online).toContain('class="state-online">I drift</td>');
    expect(textOf(online)).toMatch(/23 november 2026 (kl\. )?11:00/);
    await t.database.db
      .update(screens)
      .set({ offlineSince: new Date('2026-11-23T09:30:00Z') })
      .where(eq(screens.id, screenId));
    const silent = textOf(await (await getPage(t, '/samordnare/skarmar', me)).text());
    expect(silent).toMatch(/Tyst sedan 23 november 2026 (kl\. )?10:30/);
    await t.database.db.update(screens).set({ offlineSince: null }).where(eq(screens.id, screenId));
  });
});

describe('what a screen shows', () => {
  it('resolves the playlist at a local moment with picture, language, tier and national share', async () => {
    const response = await getPage(
      t,
      `/samordnare/forhandsvisning?skarm=${screenId}&tid=2026-11-23T12:00`,
      me,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('alt="Kvinnojouren i Västerås har öppet dygnet runt."');
    const text = textOf(html);
    expect(text).toContain('Nivå: län');
    expect(text).toContain('Språk: svenska');
    expect(text).toContain('Visas 10 sekunder');
    expect(text).toContain('1. Kvinnojouren Västerås Kampanj');
    expect(text).toContain('Slingan är 10 sekunder med 1 bild.');
    expect(text).toContain('Nationellt innehåll: 0 %');
    expect(html).toContain('value="2026-11-23T12:00"');
  });

  it('says when nothing is scheduled and when the shop is closed', async () => {
    const evening = textOf(
      await (
        await getPage(t, `/samordnare/forhandsvisning?skarm=${screenId}&tid=2026-11-23T21:00`, me)
      ).text(),
    );
    expect(evening).toContain('Inget är schemalagt');
    const night = textOf(
      await (
        await getPage(t, `/samordnare/forhandsvisning?skarm=${screenId}&tid=2026-11-24T03:00`, me)
      ).text(),
    );
    expect(night).toContain('Butiken är stängd');
  });

  it('refuses a screen outside the coordinator’s area next to the field', async () => {
    const response = await getPage(t, `/samordnare/forhandsvisning?skarm=${randomUUID()}`, me);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="f-skarm-error"');
  });
});

describe('the week’s timeline', () => {
  it('shows per day which slides play when on the county’s screens, as a chart and as tables', async () => {
    const response = await getPage(t, '/samordnare/tidslinje?for=lan:19&fran=2026-11-23', me);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html).toContain(
      '<title id="tidslinje-diagram-title">Vad som visas på skärmarna i Västmanlands län</title>',
    );
    expect(html).toContain('<desc id="tidslinje-diagram-desc">');
    const text = textOf(html);
    expect(text).toContain('Tidslinjen gäller 1 skärm med');
    // Monday: the shop opens 07:00–22:00, the slide plays 08:00–20:00 (week 48 runs Monday to Sunday).
    expect(text).toMatch(
      /måndag 23 november Bildspel Nivå Tider Skärmar Kvinnojouren Västerås \S+ län 08:00–20:00 1/,
    );
    // Tuesday to Saturday the shop is closed (no hours given), Sunday it opens 10–18.
    expect(text).toMatch(/tisdag 24 november Bildspel Nivå Tider Skärmar Inget visas den här dagen\./);
    expect(text).toMatch(
      /söndag 29 november Bildspel Nivå Tider Skärmar Kvinnojouren Västerås \S+ län 10:00–18:00 1/,
    );
  });

  it('shows nothing on the days outside the campaign’s week', async () => {
    const text = textOf(
      await (await getPage(t, '/samordnare/tidslinje?for=lan:19&fran=2026-11-30', me)).text(),
    );
    expect(text).toContain('Tidslinjen gäller 1 skärm med');
    expect(text).toMatch(/måndag 30 november Bildspel Nivå Tider Skärmar Inget visas den här dagen\./);
  });
});

describe('reach', () => {
  it('draws plays per day and screens online with titles, descriptions, patterns and tables, and links the CSV', async () => {
    const plays = Array.from({ length: 6 }, (_, index) => ({
      eventId: randomUUID(),
      campaignId,
      slideId,
      assetId,
      startedAt: new Date(Date.parse('2026-11-23T08:00:00Z') + index * 10_000).toISOString(),
      durationMs: 10_000,
    }));
    expect(
      (
        await t.request('/api/v1/screens/me/plays', {
          method: 'POST',
          token: screenToken,
          json: { events: plays },
        })
      ).status,
    ).toBe(200);
    const response = await getPage(t, '/samordnare/rackvidd?fran=2026-11-20&till=2026-11-23', me);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title id="visningar-title">Visningar per dag</title>');
    expect(html).toContain('<title id="skarmar-title">Skärmar i drift per län</title>');
    expect(html).toContain('fill="url(#visningar-solid)"');
    expect(html).toContain('fill="url(#skarmar-hatch)"');
    const text = textOf(html);
    expect(text).toContain('2026-11-23 Västmanlands län 6');
    expect(text).toContain('1 i drift, 0 tysta');
    const csvHref = /href="(\/api\/v1\/reach\?[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(csvHref).toBe('/api/v1/reach?from=2026-11-20&to=2026-11-23&format=csv&county=19');
    const csv = await getPage(t, csvHref ?? '', me);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('2026-11-23,19,Västmanlands län,,,6,');
  });

  it('refuses a period whose end comes before its start, next to the field', async () => {
    const response = await getPage(t, '/samordnare/rackvidd?fran=2026-11-23&till=2026-11-01', me);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="f-fran-error"');
  });
});
