import { and, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, renditions } from '../../src/assets/schema.js';
import { refreshAllEventSlides, refreshEventSlide } from '../../src/events/event-slides.js';
import { programmeSlideIds } from '../../src/events/event-sql.js';
import { eventSlides, events } from '../../src/events/schema.js';
import { jobDefinitions } from '../../src/jobs/start-jobs.js';
import { readScheduleVersion } from '../../src/manifests/schedule-version.js';
import { slides } from '../../src/slides/schema.js';
import { pairingEnv, pairScreen, publishedCampaign } from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import {
  createPeople,
  eventBody,
  liveAssetsOf,
  type People,
  postEvent,
  weekCampaign,
} from './event-fixtures.js';

let t: TestContext;
let people: People;
let campaign: string;
let national: string;
const screens: Record<string, string> = {};
const ids = { lecture: '', film: '', webcast: '', talk: '' };

const TITLES = {
  lecture: 'Män, maskulinitet, varför slår män och vad kan vi göra åt det',
  film: '”Yalda förlåtelsens natt” – filmvisning',
  webcast: 'Sexualbrott mot barn på nätet',
  talk: 'Samtal om våld i Uppsala',
};

interface Item {
  slideId: string;
  campaignId: string;
  language: string;
  altText: string;
  media: { url: string; width: number; height: number; format: string };
}

async function preview(screen: string, at: string): Promise<Item[]> {
  const response = await t.request(
    `/api/v1/screens/${screens[screen]}/playlist?at=${encodeURIComponent(at)}`,
    { token: people.national },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).items;
}

const PROGRAMME_ALT = /^(Bild med evenemangsprogram|Image with a programme of events)/;
/** The generated programme slide of a campaign in a playlist, known by its alt text. */
const programmeOf = (items: Item[], campaignId = campaign) =>
  items.find((item) => item.campaignId === campaignId && PROGRAMME_ALT.test(item.altText));

async function stateOf(campaignId: string, countyCode = '19') {
  const [state] = await t.database.db
    .select()
    .from(eventSlides)
    .where(and(eq(eventSlides.campaignId, campaignId), eq(eventSlides.countyCode, countyCode)));
  return state;
}

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  people = await createPeople(t);
  campaign = await weekCampaign(t, people.vastmanland);
  national = await publishedCampaign(t, people.national, {
    tier: 'national',
    airing: { spans: [{ kind: 'yearly', from: '11-01', to: '11-30' }] },
  });
  screens.vasteras = (
    await pairScreen(t, people.vastmanland, { municipalityCode: '1980', languages: ['sv'] })
  ).screenId;
  screens.english = (
    await pairScreen(t, people.vastmanland, {
      municipalityCode: '1984',
      languages: ['en'],
      orientation: 'portrait',
      width: 1080,
      height: 1920,
    })
  ).screenId;
  screens.easy = (
    await pairScreen(t, people.vastmanland, { municipalityCode: '1980', languages: ['sv-x-easy'] })
  ).screenId;
  screens.uppsala = (
    await pairScreen(t, people.national, { municipalityCode: '0380', languages: ['sv'] })
  ).screenId;
  ids.lecture = (
    await postEvent(t, people.vastmanland, campaign, eventBody({ title: { sv: TITLES.lecture } }))
  ).id;
  ids.film = (
    await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({
        title: { sv: TITLES.film },
        endTime: '20:30',
        place: { kind: 'venue', name: 'Bio Elektra', address: 'Västerås' },
        registration: null,
      }),
    )
  ).id;
  ids.webcast = (
    await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({
        title: { sv: TITLES.webcast },
        startDate: '2026-11-23',
        endTime: '20:00',
        place: { kind: 'online' },
        registration: { deadline: '2026-11-23', url: 'https://www.lansstyrelsen.se/vastmanland' },
      }),
    )
  ).id;
  // Cancelled after the fact, as the seed's film showing was ("INSTÄLLD!").
  const cancelled = await t.request(`/api/v1/events/${ids.film}`, {
    method: 'PATCH',
    token: people.vastmanland,
    json: { cancelled: true },
  });
  expect(cancelled.status).toBe(200);
  ids.talk = (
    await postEvent(
      t,
      people.national,
      national,
      eventBody({ countyCode: '03', title: { sv: TITLES.talk }, registration: null }),
    )
  ).id;
}, 120_000);
afterAll(() => t.close());

describe('programme slides made from events', () => {
  it("puts a county's programme on its screens during the campaign's week, and not on another county's screens", async () => {
    const monday = await preview('vasteras', '2026-11-23T12:00:00+01:00');
    const slide = programmeOf(monday);
    expect(slide).toBeDefined();
    expect(slide?.language).toBe('sv');
    expect(slide?.altText).toContain('Evenemang i Västmanlands län: En vecka fri från våld.');
    for (const title of [TITLES.lecture, TITLES.film, TITLES.webcast])
      expect(slide?.altText).toContain(title);
    expect(slide?.altText).not.toContain(TITLES.talk);
    expect(programmeOf(await preview('vasteras', '2026-11-20T12:00:00+01:00'))).toBeUndefined();

    const uppsala = await preview('uppsala', '2026-11-23T12:00:00+01:00');
    expect(programmeOf(uppsala)).toBeUndefined();
    // A national campaign's programme in county 03 reaches Uppsala's screen, not Västerås's.
    expect(programmeOf(uppsala, national)?.altText).toContain(TITLES.talk);
    expect(programmeOf(monday, national)).toBeUndefined();
  });

  it('shows a cancelled event as cancelled in words, in the screen language, falling back to Swedish', async () => {
    const swedish = programmeOf(await preview('vasteras', '2026-11-23T12:00:00+01:00'));
    expect(swedish?.altText).toContain(`INSTÄLLT: Tisdag 24 november, kl. 18.00–20.30: ${TITLES.film}.`);
    expect(swedish?.altText).toContain(
      `Tisdag 24 november, kl. 18.00–19.30: ${TITLES.lecture}. Plats: Biblioteket, Musikrummet, Arboga.`,
    );
    expect(swedish?.media).toMatchObject({ width: 1920, height: 1080 });

    const english = programmeOf(await preview('english', '2026-11-23T12:00:00+01:00'));
    expect(english?.language).toBe('en');
    expect(english?.altText).toContain('Events in Västmanland County');
    expect(english?.altText).toContain(`CANCELLED: Tuesday 24 November, 18:00–20:30: ${TITLES.film}.`);
    expect(english?.media).toMatchObject({ width: 1080, height: 1920 });

    const easy = programmeOf(await preview('easy', '2026-11-23T12:00:00+01:00'));
    expect(easy?.language).toBe('sv');
  });

  it('stores the images as screen assets in sv and en, both orientations, with renditions that are served', async () => {
    const stored = await liveAssetsOf(t, campaign);
    expect(
      stored.map((asset) => `${asset.language} ${asset.orientation} ${asset.width}x${asset.height}`).sort(),
    ).toEqual([
      'en landscape 1920x1080',
      'en portrait 1080x1920',
      'sv landscape 1920x1080',
      'sv portrait 1080x1920',
    ]);
    for (const asset of stored) {
      expect(asset).toMatchObject({ kind: 'image', purposes: ['screen'] });
      expect(asset.altText).toMatch(/INSTÄLLT|CANCELLED/);
      const files = await t.database.db.select().from(renditions).where(eq(renditions.assetId, asset.id));
      expect(files.length).toBeGreaterThanOrEqual(4);
    }
    const slide = programmeOf(await preview('vasteras', '2026-11-23T12:00:00+01:00'));
    const media = await t.request(slide?.media.url ?? '');
    expect(media.status).toBe(200);
    const image = sharp(Buffer.from(await media.arrayBuffer()));
    expect(await image.metadata()).toMatchObject({ width: 1920, height: 1080 });
    // Text on a plain ground: far from one flat colour.
    const { channels } = await image.stats();
    expect(channels[0]?.stdev).toBeGreaterThan(10);
  });

  it('passes the publish gate: alt text, both languages of the campaign, and time to read it', async () => {
    expect(
      (
        await t.request(`/api/v1/campaigns/${campaign}/unpublish`, {
          method: 'POST',
          token: people.vastmanland,
        })
      ).status,
    ).toBe(200);
    const published = await t.request(`/api/v1/campaigns/${campaign}/publish`, {
      method: 'POST',
      token: people.vastmanland,
    });
    expect(published.status, await published.clone().text()).toBe(200);
    const [slide] = await t.database.db
      .select()
      .from(slides)
      .where(eq(slides.id, (await stateOf(campaign))?.slideId ?? ''));
    expect(await programmeSlideIds(t.database.db, campaign)).toEqual(new Set([slide?.id]));
    const words = Math.max(
      ...(await liveAssetsOf(t, campaign)).map((asset) => (asset.altText ?? '').split(/\s+/).length),
    );
    expect(slide?.durationSeconds).toBeGreaterThanOrEqual(Math.ceil(words / 3));
  });

  it('renders nothing new and leaves the schedule alone when the programme has not changed', async () => {
    const before = (await liveAssetsOf(t, campaign)).map((asset) => asset.id).sort();
    const version = await readScheduleVersion(t.database.db);
    // The hourly job, as the scheduler runs it.
    const job = jobDefinitions(t.deps.config).find(
      (definition) => definition.name === 'events.refresh-slides',
    );
    expect(job?.slot).toBe('hour');
    expect(await job?.run(t.deps, t.clock.now())).toEqual({
      unchanged: 2,
      rendered: 0,
      removed: 0,
      empty: 0,
    });
    // A write that changes nothing the slide shows (the same cancellation again) renders nothing either.
    const again = await t.request(`/api/v1/events/${ids.film}`, {
      method: 'PATCH',
      token: people.vastmanland,
      json: { cancelled: true },
    });
    expect(again.status).toBe(200);
    expect((await liveAssetsOf(t, campaign)).map((asset) => asset.id).sort()).toEqual(before);
    expect(await readScheduleVersion(t.database.db)).toBe(version);
  });

  it('renders a changed programme once when two refreshes race', async () => {
    // Changed behind the API's back, so that only the two refreshes below notice.
    await t.database.db
      .update(events)
      .set({ placeName: 'Stadsbiblioteket' })
      .where(eq(events.id, ids.lecture));
    const key = { campaignId: campaign, countyCode: '19' };
    const outcomes = await Promise.all([
      refreshEventSlide(t.deps, key, t.clock.now()),
      refreshEventSlide(t.deps, key, t.clock.now()),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['rendered', 'unchanged']);
    expect(outcomes[0]?.slideId).toBe(outcomes[1]?.slideId);
    const live = await liveAssetsOf(t, campaign);
    expect(live).toHaveLength(4);
    for (const asset of live) expect(asset.altText).toMatch(/Stadsbiblioteket/);
  });

  it('drops events whose registration closed, then those that are over, withdrawing the images they replace', async () => {
    const first = (await liveAssetsOf(t, campaign)).map((asset) => asset.id);
    // Registration for the webcast closed at the end of 23 November.
    t.clock.set('2026-11-24T00:30:00+01:00');
    expect(await refreshAllEventSlides(t.deps, t.clock.now())).toMatchObject({ rendered: 1, unchanged: 1 });
    const tuesday = programmeOf(await preview('vasteras', '2026-11-24T10:00:00+01:00'));
    expect(tuesday?.altText).not.toContain(TITLES.webcast);
    expect(tuesday?.altText).toContain(TITLES.lecture);
    const withdrawn = await t.database.db.select().from(assets).where(eq(assets.campaignId, campaign));
    for (const asset of withdrawn.filter((row) => first.includes(row.id)))
      expect(asset.deletedAt).not.toBeNull();
    expect(await liveAssetsOf(t, campaign)).toHaveLength(4);

    // The lecture ends at 19:30; the cancelled film showing stays, marked, until its end at 20:30.
    t.clock.set('2026-11-24T19:45:00+01:00');
    await refreshAllEventSlides(t.deps, t.clock.now());
    const evening = programmeOf(await preview('vasteras', '2026-11-24T19:50:00+01:00'));
    expect(evening?.altText).not.toContain(TITLES.lecture);
    expect(evening?.altText).toContain(`INSTÄLLT: Tisdag 24 november, kl. 18.00–20.30: ${TITLES.film}.`);
  });

  it('takes the slide off the screens when nothing is left to show', async () => {
    t.clock.set('2026-11-24T21:00:00+01:00');
    expect(await refreshAllEventSlides(t.deps, t.clock.now())).toMatchObject({ removed: 1 });
    expect(programmeOf(await preview('vasteras', '2026-11-24T21:05:00+01:00'))).toBeUndefined();
    expect(await liveAssetsOf(t, campaign)).toEqual([]);
    expect((await stateOf(campaign))?.slideId).toBeNull();
    const generated = await t.database.db
      .select()
      .from(slides)
      .where(and(eq(slides.campaignId, campaign), isNull(slides.deletedAt)));
    expect(generated).toEqual([]);
    // A new event brings it back at once.
    await postEvent(
      t,
      people.vastmanland,
      campaign,
      eventBody({
        startDate: '2026-11-27',
        startTime: undefined,
        endTime: undefined,
        registration: null,
        title: { sv: 'Ljusmanifestation' },
      }),
    );
    expect(programmeOf(await preview('vasteras', '2026-11-25T10:00:00+01:00'))?.altText).toContain(
      'Ljusmanifestation',
    );
  });
});
