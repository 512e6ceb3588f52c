import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishProblemsOf } from '../../src/campaigns/publish-gate.js';
import { eventSlides } from '../../src/events/schema.js';
import { pairingEnv, pairScreen } from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import {
  createPeople,
  eventBody,
  liveAssetsOf,
  type People,
  postEvent,
  weekCampaign,
} from './event-fixtures.js';

/**
 * Programme slides in the screen's language: a campaign in Swedish, easy Swedish, English,
 * Arabic and Tigrinya gets its programme in all but Tigrinya, which the bundled font cannot
 * write; a Tigrinya screen gets the Swedish slide instead.
 */
let t: TestContext;
let people: People;
let campaign: string;
const screens: Record<string, string> = {};

const TITLE = {
  sv: 'Män, maskulinitet, varför slår män och vad kan vi göra åt det',
  ar: 'الرجال والرجولة: لماذا يضرب الرجال وماذا يمكننا أن نفعل حيال ذلك؟',
  'sv-x-easy': 'Män och våld – varför slår män och vad kan vi göra?',
};

interface Item {
  slideId: string;
  language: string;
  fallbackLanguageUsed: boolean;
  altText: string;
  media: { url: string; width: number; height: number };
}

async function programmeOn(screen: string): Promise<Item | undefined> {
  const response = await t.request(
    `/api/v1/screens/${screens[screen]}/playlist?at=${encodeURIComponent('2026-11-23T12:00:00+01:00')}`,
    { token: people.vastmanland },
  );
  expect(response.status, await response.clone().text()).toBe(200);
  const [state] = await t.database.db
    .select()
    .from(eventSlides)
    .where(and(eq(eventSlides.campaignId, campaign), eq(eventSlides.countyCode, '19')));
  const items: Item[] = (await response.json()).items;
  return items.find((item) => item.slideId === state?.slideId);
}

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  people = await createPeople(t);
  campaign = await weekCampaign(t, people.vastmanland, {
    languages: ['sv', 'sv-x-easy', 'en', 'ar', 'ti'],
    title: { sv: 'En vecka fri från våld', en: 'A week free from violence', ar: 'أسبوع خالٍ من العنف' },
  });
  const portrait = { orientation: 'portrait', width: 1080, height: 1920 };
  screens.arabic = (
    await pairScreen(t, people.vastmanland, {
      municipalityCode: '1984',
      languages: ['ar', 'sv'],
      ...portrait,
    })
  ).screenId;
  screens.tigrinya = (
    await pairScreen(t, people.vastmanland, { municipalityCode: '1980', languages: ['ti'] })
  ).screenId;
  screens.easy = (
    await pairScreen(t, people.vastmanland, { municipalityCode: '1980', languages: ['sv-x-easy', 'sv'] })
  ).screenId;
  await postEvent(t, people.vastmanland, campaign, eventBody({ title: TITLE }));
  await postEvent(
    t,
    people.vastmanland,
    campaign,
    eventBody({
      title: { sv: 'Ljusmanifestation Köping' },
      startDate: '2026-11-27',
      startTime: undefined,
      endTime: undefined,
      place: { kind: 'venue', name: 'Hökartorget', address: 'Köping' },
      registration: null,
    }),
  );
}, 120_000);
afterAll(() => t.close());

describe('programme slides in the screen language', () => {
  it('renders the campaign languages the font can write, both orientations, and not Tigrinya', async () => {
    const stored = await liveAssetsOf(t, campaign);
    expect(stored.map((asset) => `${asset.language} ${asset.orientation}`).sort()).toEqual([
      'ar landscape',
      'ar portrait',
      'en landscape',
      'en portrait',
      'sv landscape',
      'sv portrait',
      'sv-x-easy landscape',
      'sv-x-easy portrait',
    ]);
    const arabic = stored.find((asset) => asset.language === 'ar' && asset.orientation === 'portrait');
    expect(arabic?.title).toBe('فعاليات في محافظة Västmanland – عمودي');
  });

  it('gives an Arabic portrait screen the Arabic portrait programme, headings and dates in Arabic', async () => {
    const item = await programmeOn('arabic');
    expect(item).toMatchObject({ language: 'ar', fallbackLanguageUsed: false });
    expect(item?.media.height).toBeGreaterThan(item?.media.width ?? 0);
    expect(item?.altText).toMatch(
      /^صورة فيها برنامج الفعاليات\. فعاليات في محافظة Västmanland: أسبوع خالٍ من العنف\./,
    );
    expect(item?.altText).toContain(`الثلاثاء 24 نوفمبر، من 18:00 إلى 19:30: ${TITLE.ar}.`);
    // An event without an Arabic title keeps its Swedish one, under an Arabic date.
    expect(item?.altText).toContain('الجمعة 27 نوفمبر، طوال اليوم: Ljusmanifestation Köping.');
    expect(item?.altText).not.toMatch(/[\u2066-\u2069]/);
    const media = await t.request(item?.media.url ?? '');
    expect(media.status).toBe(200);
    const image = sharp(Buffer.from(await media.arrayBuffer()));
    expect(await image.metadata()).toMatchObject({ width: 1080, height: 1920 });
    expect((await image.stats()).channels[0]?.stdev).toBeGreaterThan(10);
  });

  it('gives an easy-Swedish screen the programme in easy Swedish', async () => {
    const item = await programmeOn('easy');
    expect(item).toMatchObject({ language: 'sv-x-easy', fallbackLanguageUsed: false });
    expect(item?.altText).toContain('Det här händer i Västmanlands län');
    expect(item?.altText).toContain(`Tisdag 24 november, klockan 18.00–19.30: ${TITLE['sv-x-easy']}.`);
  });

  it('falls back to the Swedish programme on a Tigrinya screen, and says so', async () => {
    const item = await programmeOn('tigrinya');
    expect(item).toMatchObject({ language: 'sv', fallbackLanguageUsed: true });
    expect(item?.altText).toContain('Evenemang i Västmanlands län: En vecka fri från våld.');
    expect(item?.altText).toContain(`Tisdag 24 november, kl. 18.00–19.30: ${TITLE.sv}.`);
  });

  it('lets the publish gate pass the programme slide without Tigrinya, but nothing else', async () => {
    const [state] = await t.database.db
      .select()
      .from(eventSlides)
      .where(and(eq(eventSlides.campaignId, campaign), eq(eventSlides.countyCode, '19')));
    const problems = await publishProblemsOf(t.database.db, {
      id: campaign,
      languages: ['sv', 'sv-x-easy', 'en', 'ar', 'ti'],
      languageExemptions: null,
    });
    const ofProgramme = problems.filter((problem) => 'slideId' in problem && problem.slideId === state?.slideId);
    expect(ofProgramme).toEqual([]);
    // A campaign declaring a language no programme is made in, say Ukrainian here, is still asked for it.
    const withUkrainian = await publishProblemsOf(t.database.db, {
      id: campaign,
      languages: ['sv', 'uk', 'ti'],
      languageExemptions: null,
    });
    expect(
      withUkrainian.filter((problem) => 'slideId' in problem && problem.slideId === state?.slideId),
    ).toEqual([expect.objectContaining({ code: 'language_variant_missing', language: 'uk' })]);
  });
});
