import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpRecentPlays } from '../../src/plays/rollup-service.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import {
  createScreen,
  looseTarget,
  type PlayTarget,
  playEvent,
  playEvents,
  postPlays,
} from './play-fixtures.js';

let t: TestContext;
let campaign: PlayTarget;
let otherCampaign: PlayTarget;
const tokens: Record<string, string> = {};

/** Parses the CSV this API writes (BOM, CRLF, RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted && ch === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

function reach(query: string, token: string | undefined, headers: Record<string, string> = {}) {
  return t.request(`/api/v1/reach?${query}`, { token, headers });
}

beforeAll(async () => {
  t = await createTestContext();
  campaign = looseTarget();
  otherCampaign = looseTarget();
  t.clock.set('2026-11-21T10:00:00Z');
  const vasteras1 = await createScreen(t, { municipalityCode: '1980' });
  const vasteras2 = await createScreen(t, { municipalityCode: '1980' });
  const arboga = await createScreen(t, { municipalityCode: '1984' });
  const uppsala = await createScreen(t, { municipalityCode: '0380' });
  // 20 November (Swedish date): Västerås 3 + 1 plays on two screens, Arboga 2 plays of 20 s, Uppsala 1.
  await postPlays(t, vasteras1.token, playEvents(campaign, new Date('2026-11-20T08:00:00Z'), 3));
  await postPlays(t, vasteras2.token, [playEvent(campaign, '2026-11-20T22:59:00Z')]);
  await postPlays(t, arboga.token, playEvents(campaign, new Date('2026-11-20T12:00:00Z'), 2, 20_000));
  await postPlays(t, uppsala.token, [playEvent(campaign, '2026-11-20T12:00:00Z')]);
  // Just after local midnight: 21 November.
  await postPlays(t, vasteras2.token, [
    playEvent(campaign, '2026-11-20T23:01:00Z'),
    playEvent(otherCampaign, '2026-11-20T23:02:00Z'),
  ]);
  await rollUpRecentPlays(t.database.db, t.clock.now());

  // Two days later: 21 November is rolled up, 23 November (today) is live and not rolled up.
  t.clock.set('2026-11-23T10:00:00Z');
  await rollUpRecentPlays(t.database.db, t.clock.now());
  await postPlays(t, arboga.token, [playEvent(campaign, '2026-11-23T08:00:00Z', 36_000)]);

  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  tokens.national = (await t.user({ role: 'coordinator', scope: 'national' })).token;
  tokens.vastmanland = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })
  ).token;
  tokens.arboga = (
    await t.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1984' })
  ).token;
  tokens.member = (await t.user({ role: 'member', organisationId: board.id })).token;
  tokens.admin = (await t.user({ role: 'admin' })).token;
});
afterAll(() => t.close());

describe('reach by day and region', () => {
  it('gives plays, screen-hours and reporting screens per day and county, across local midnight', async () => {
    const response = await reach(
      `from=2026-11-20&to=2026-11-23&campaign=${campaign.campaignId}`,
      tokens.national,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-23',
      timeZone: 'Europe/Stockholm',
      groupBy: 'county',
      liveDay: '2026-11-23',
    });
    expect(body.rows).toEqual([
      {
        day: '2026-11-20',
        countyCode: '03',
        countyName: 'Uppsala län',
        municipalityCode: null,
        municipalityName: null,
        plays: 1,
        screenHours: 0.003,
        screens: 1,
      },
      {
        day: '2026-11-20',
        countyCode: '19',
        countyName: 'Västmanlands län',
        municipalityCode: null,
        municipalityName: null,
        plays: 6,
        screenHours: 0.022,
        screens: 3,
      },
      {
        day: '2026-11-21',
        countyCode: '19',
        countyName: 'Västmanlands län',
        municipalityCode: null,
        municipalityName: null,
        plays: 1,
        screenHours: 0.003,
        screens: 1,
      },
      {
        day: '2026-11-23',
        countyCode: '19',
        countyName: 'Västmanlands län',
        municipalityCode: null,
        municipalityName: null,
        plays: 1,
        screenHours: 0.01,
        screens: 1,
      },
    ]);
    expect(body.totals).toEqual({ plays: 9, screenHours: 0.038 });
  });

  it('splits a county by municipality and counts every campaign when none is named', async () => {
    const body = await (
      await reach('from=2026-11-20&to=2026-11-21&county=19&groupBy=municipality', tokens.vastmanland)
    ).json();
    expect(
      body.rows.map((row: Record<string, unknown>) => [
        row.day,
        row.municipalityCode,
        row.municipalityName,
        row.plays,
        row.screens,
      ]),
    ).toEqual([
      ['2026-11-20', '1980', 'Västerås', 4, 2],
      ['2026-11-20', '1984', 'Arboga', 2, 1],
      ['2026-11-21', '1980', 'Västerås', 2, 1],
    ]);
  });

  it('answers the same rows as CSV for Accept: text/csv and for format=csv', async () => {
    const query = `from=2026-11-20&to=2026-11-23&groupBy=municipality&campaign=${campaign.campaignId}`;
    const json = await (await reach(query, tokens.national)).json();
    const byHeader = await reach(query, tokens.national, { accept: 'text/csv' });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await byHeader.text();
    expect(await (await reach(`${query}&format=csv`, tokens.national)).text()).toBe(text);
    const [header, ...lines] = parseCsv(text);
    expect(header).toEqual([
      'day',
      'county_code',
      'county_name',
      'municipality_code',
      'municipality_name',
      'plays',
      'screen_hours',
      'screens',
    ]);
    expect(lines).toEqual(
      json.rows.map((row: Record<string, unknown>) => [
        row.day,
        row.countyCode,
        row.countyName,
        row.municipalityCode,
        row.municipalityName,
        String(row.plays),
        String(row.screenHours),
        String(row.screens),
      ]),
    );
    expect(lines.some((line) => line.includes('Västerås'))).toBe(true);
  });

  it('answers an empty report for days without plays', async () => {
    const body = await (await reach('from=2026-10-01&to=2026-10-31', tokens.national)).json();
    expect(body.rows).toEqual([]);
    expect(body.totals).toEqual({ plays: 0, screenHours: 0 });
  });

  it('refuses a reversed or over-long span and unknown region codes with 400', async () => {
    expect((await reach('from=2026-11-21&to=2026-11-20', tokens.national)).status).toBe(400);
    expect((await reach('from=2025-01-01&to=2026-11-20', tokens.national)).status).toBe(400);
    expect((await reach('from=2026-11-01&to=2026-11-20&county=99', tokens.national)).status).toBe(400);
    expect(
      (await reach('from=2026-11-01&to=2026-11-20&county=19&municipality=0380', tokens.national)).status,
    ).toBe(400);
    expect((await reach('from=2026-11-1&to=2026-11-20', tokens.national)).status).toBe(400);
  });
});

describe('who sees which reach', () => {
  it('limits a county coordinator to their county, unasked', async () => {
    const body = await (await reach('from=2026-11-20&to=2026-11-23', tokens.vastmanland)).json();
    expect(body.countyCode).toBe('19');
    expect(new Set(body.rows.map((row: { countyCode: string }) => row.countyCode))).toEqual(new Set(['19']));
  });

  it('answers 403 when a county coordinator asks for another county', async () => {
    const response = await reach('from=2026-11-20&to=2026-11-23&county=03', tokens.vastmanland);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('limits a municipal coordinator to their municipality and refuses another one', async () => {
    const body = await (
      await reach('from=2026-11-20&to=2026-11-23&groupBy=municipality', tokens.arboga)
    ).json();
    expect(body.rows.map((row: { municipalityCode: string }) => row.municipalityCode)).toEqual([
      '1984',
      '1984',
    ]);
    expect((await reach('from=2026-11-20&to=2026-11-23&municipality=1980', tokens.arboga)).status).toBe(403);
    expect((await reach('from=2026-11-20&to=2026-11-23&county=03', tokens.arboga)).status).toBe(403);
  });

  it('lets an admin see every county', async () => {
    const body = await (await reach('from=2026-11-20&to=2026-11-20', tokens.admin)).json();
    expect(body.rows.map((row: { countyCode: string }) => row.countyCode)).toEqual(['03', '19']);
  });

  it('answers 403 to a member, 401 to the anonymous and to a screen', async () => {
    expect((await reach('from=2026-11-20&to=2026-11-23', tokens.member)).status).toBe(403);
    expect((await reach('from=2026-11-20&to=2026-11-23', undefined)).status).toBe(401);
    const screen = await createScreen(t, { municipalityCode: '1980' });
    expect((await reach('from=2026-11-20&to=2026-11-23', screen.token)).status).toBe(401);
  });
});

describe('the API description', () => {
  it('lists the proof-of-play and fleet endpoints with who may call them', async () => {
    const document = await (await t.request('/openapi.json')).json();
    const access = (path: string, method: string) => document.paths[path]?.[method]?.['x-access'];
    expect(access('/api/v1/screens/me/plays', 'post')).toEqual({ kind: 'screen' });
    expect(access('/api/v1/screens/me/heartbeat', 'post')).toEqual({ kind: 'screen' });
    for (const path of ['/api/v1/reach', '/api/v1/fleet/offline', '/api/v1/fleet/summary']) {
      expect(access(path, 'get')).toEqual({ kind: 'roles', roles: ['admin', 'coordinator'] });
    }
    expect(Object.keys(document.paths['/api/v1/reach'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
  });
});
