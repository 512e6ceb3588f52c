import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMPAIGNS_DIR } from '../../src/campaigns/load-definitions.js';
import { EventsFileSchema, resolveFileEvent } from '../../src/events/events-file.js';
import { importCampaignEvents } from '../../src/events/import-events.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { createPeople, liveAssetsOf, type People, weekCampaign } from './event-fixtures.js';

const DEMO_FILE = path.join(CAMPAIGNS_DIR, 'en-vecka-fri-fran-vald', 'events.json');

let t: TestContext;
let people: People;
let campaign: string;
let dir: string;

interface ApiEvent {
  id: string;
  title: { sv: string };
  startDate: string;
  startTime: string | null;
  endTime: string | null;
  cancelled: boolean;
  place: {
    kind: string;
    name: string | null;
    address: string | null;
    municipalityCode: string | null;
    municipalityName: string | null;
    url: string | null;
  };
  registration: { deadline: string | null; url: string | null; email: string | null } | null;
}

async function listAll(): Promise<ApiEvent[]> {
  return (await (await t.request(`/api/v1/campaigns/${campaign}/events?include=all`)).json()).items;
}

beforeAll(async () => {
  t = await createTestContext();
  people = await createPeople(t);
  campaign = await weekCampaign(t, people.vastmanland);
  dir = await mkdtemp(path.join(os.tmpdir(), 'hub-events-file-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo programme file', () => {
  it('is valid and resolves in every coming year', async () => {
    const file = EventsFileSchema.parse(JSON.parse(await readFile(DEMO_FILE, 'utf8')));
    expect(file.events).toHaveLength(12);
    for (const year of [2026, 2027, 2028, 2029, 2030, 2031, 2032]) {
      for (const event of file.events)
        expect(resolveFileEvent(file, event, year), `${event.key} ${year}`).toMatchObject({ ok: true });
    }
  });
});

describe('importing events.json', () => {
  it("imports Västmanland's week-48 programme into this year's week 48", async () => {
    expect(await importCampaignEvents(t.deps, campaign, DEMO_FILE)).toEqual({
      created: 12,
      updated: 0,
      unchanged: 0,
      keptAsEdited: 0,
    });
    const events = await listAll();
    expect(events.map((event) => event.startDate).sort()).toEqual([
      '2026-11-23',
      '2026-11-23',
      '2026-11-24',
      '2026-11-24',
      '2026-11-24',
      '2026-11-25',
      '2026-11-25',
      '2026-11-26',
      '2026-11-26',
      '2026-11-26',
      '2026-11-27',
      '2026-11-27',
    ]);
    const byTitle = (start: string) => events.find((event) => event.title.sv.startsWith(start));
    expect(byTitle('Sexualbrott mot barn')).toMatchObject({
      startDate: '2026-11-23',
      startTime: '18:00',
      endTime: '20:00',
      place: { kind: 'online' },
      registration: { deadline: '2026-11-16', url: 'https://www.lansstyrelsen.se/vastmanland' },
    });
    expect(byTitle('”Yalda')).toMatchObject({
      cancelled: true,
      place: { name: 'Bio Elektra', address: null, municipalityCode: '1980', municipalityName: 'Västerås' },
    });
    // Every venue of the programme names its municipality, in Västmanland.
    const venues = events.filter((event) => event.place.kind === 'venue');
    expect(venues.map((event) => event.place.municipalityName).sort()).toEqual([
      'Arboga',
      'Köping',
      'Västerås',
    ]);
    expect(byTitle('Ljusmanifestation')).toMatchObject({
      startDate: '2026-11-27',
      startTime: null,
      registration: null,
    });
    // The programme slide was made: sv and en, both orientations.
    expect(await liveAssetsOf(t, campaign)).toHaveLength(4);
  });

  it('changes nothing when run again, and leaves events people changed or deleted alone', async () => {
    const assets = (await liveAssetsOf(t, campaign)).map((asset) => asset.id).sort();
    expect(await importCampaignEvents(t.deps, campaign, DEMO_FILE)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 12,
      keptAsEdited: 0,
    });
    expect((await liveAssetsOf(t, campaign)).map((asset) => asset.id).sort()).toEqual(assets);

    const events = await listAll();
    const [edited, deleted] = events.filter((event) =>
      event.title.sv.startsWith('En vecka fri från våld – och full av kärlek'),
    );
    expect(
      (
        await t.request(`/api/v1/events/${edited?.id}`, {
          method: 'PATCH',
          token: people.vastmanland,
          json: { startTime: '14:00', endTime: '14:30' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request(`/api/v1/events/${deleted?.id}`, { method: 'DELETE', token: people.vastmanland }))
        .status,
    ).toBe(204);
    expect(await importCampaignEvents(t.deps, campaign, DEMO_FILE)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 10,
      keptAsEdited: 2,
    });
    const after = await listAll();
    expect(after).toHaveLength(11);
    expect(after.find((event) => event.id === edited?.id)?.startTime).toBe('14:00');
  });

  it("moves the programme to next year's week 48 once this year's has passed", async () => {
    t.clock.set('2026-12-01T09:00:00Z');
    expect(await importCampaignEvents(t.deps, campaign, DEMO_FILE)).toEqual({
      created: 0,
      updated: 10,
      unchanged: 0,
      keptAsEdited: 2,
    });
    // ISO week 48 of 2027 runs Monday 29 November to Sunday 5 December.
    const dates = (await listAll()).map((event) => event.startDate).filter((date) => date.startsWith('2027'));
    expect(dates).toHaveLength(10);
    expect([...new Set(dates)].sort()).toEqual([
      '2027-11-29',
      '2027-11-30',
      '2027-12-01',
      '2027-12-02',
      '2027-12-03',
    ]);
  });

  it('imports nothing from a missing file and refuses an invalid one, naming it and the field', async () => {
    expect(await importCampaignEvents(t.deps, campaign, path.join(dir, 'none.json'))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      keptAsEdited: 0,
    });
    const bad = path.join(dir, 'events.json');
    await writeFile(
      bad,
      JSON.stringify({
        countyCode: '19',
        events: [
          { key: 'x', title: { sv: 'X' }, day: { isoWeek: 48, weekday: 9 }, place: { kind: 'online' } },
        ],
      }),
    );
    await expect(importCampaignEvents(t.deps, campaign, bad)).rejects.toThrow(/events\.json: events\.0\.day/);
    await writeFile(
      bad,
      JSON.stringify({
        countyCode: '03',
        events: [{ key: 'x', title: { sv: 'X' }, day: { date: '2026-11-24' }, place: { kind: 'online' } }],
      }),
    );
    await expect(importCampaignEvents(t.deps, campaign, bad)).rejects.toThrow(/outside campaign/);
  });

  it("refuses a file whose venue lies outside the event's county, writing nothing", async () => {
    const bad = path.join(dir, 'misplaced.json');
    const venue = { kind: 'venue', name: 'Stadsbiblioteket', municipalityCode: '0380' };
    await writeFile(
      bad,
      JSON.stringify({
        countyCode: '19',
        events: [{ key: 'uppsala', title: { sv: 'X' }, day: { date: '2026-11-24' }, place: venue }],
      }),
    );
    const before = await listAll();
    await expect(importCampaignEvents(t.deps, campaign, bad)).rejects.toThrow(
      /event uppsala: place\.municipalityCode: the municipality is not in the event's county/,
    );
    expect(await listAll()).toEqual(before);
  });
});
