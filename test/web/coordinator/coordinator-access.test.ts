import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns } from '../../../src/campaigns/schema.js';
import { slides } from '../../../src/slides/schema.js';
import { insertAsset, pairScreen, publishedCampaign, slideBody } from '../../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../../support/test-app.js';
import {
  campaignFields,
  countyCoordinator,
  getPage,
  postForm,
  type Session,
  session,
  textOf,
} from './coordinator-fixtures.js';

/*
 * Who reaches the coordinator pages: anonymous people are sent to sign in, members are refused,
 * and coordinators see only what lies in their scope. Forms need the session's CSRF token.
 */

let t: TestContext;
let vastmanland: Session;
let uppsala: Session;
let member: Session;
let ownCampaignSlug: string;
let otherCampaignSlug: string;
let otherSlideId: string;
let otherAssetId: string;

const PAGE_TYPES = [
  '/samordnare',
  '/samordnare/kampanjer',
  '/samordnare/kampanjer/ny',
  '/samordnare/tidslinje',
  '/samordnare/forhandsvisning',
  '/samordnare/skarmar',
  '/samordnare/skarmar/koppla',
  '/samordnare/bestallningar',
  '/samordnare/rackvidd',
];

async function campaignCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(campaigns);
  return row?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestContext();
  const club = await t.organisation({ kind: 'association', municipalityCode: '1980' });
  vastmanland = await countyCoordinator(t, '19', 'Länsstyrelsen Västmanland');
  uppsala = await countyCoordinator(t, '03', 'Länsstyrelsen Uppsala');
  member = await session(t, { role: 'member', organisationId: club.id });
  const always = { spans: [{ kind: 'always' }] };
  const own = await publishedCampaign(t, vastmanland.token, {
    tier: 'county',
    countyCode: '19',
    airing: always,
    title: { sv: 'Västmanland mot våld' },
  });
  const other = await publishedCampaign(t, uppsala.token, {
    tier: 'county',
    countyCode: '03',
    airing: always,
    title: { sv: 'Uppsala mot våld' },
  });
  ownCampaignSlug = (await (await t.request(`/api/v1/campaigns/${own}`)).json()).slug;
  otherCampaignSlug = (await (await t.request(`/api/v1/campaigns/${other}`)).json()).slug;
  otherAssetId = (await insertAsset(t, other, { language: 'sv' })).id;
  const slide = await t.request(`/api/v1/campaigns/${other}/slides`, {
    method: 'POST',
    token: uppsala.token,
    json: slideBody([otherAssetId]),
  });
  otherSlideId = (await slide.json()).id;
  await pairScreen(t, vastmanland.token, { name: 'ICA Västerås entré', municipalityCode: '1980' });
  await pairScreen(t, uppsala.token, { name: 'Coop Uppsala entré', municipalityCode: '0380' });
});
afterAll(async () => t?.close());

describe('the coordinator pages', () => {
  it('send anonymous visitors of every page type to sign in, and back afterwards', async () => {
    for (const path of [...PAGE_TYPES, `/samordnare/kampanjer/${ownCampaignSlug}`]) {
      const response = await getPage(t, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location')).toBe(`/logga-in?next=${encodeURIComponent(path)}`);
    }
    const withQuery = await getPage(t, '/samordnare/rackvidd?fran=2026-11-01');
    expect(withQuery.headers.get('location')).toBe(
      `/logga-in?next=${encodeURIComponent('/samordnare/rackvidd?fran=2026-11-01')}`,
    );
  });

  it('refuse an anonymous post without writing anything', async () => {
    const before = await campaignCount();
    const response = await postForm(t, '/samordnare/kampanjer', null, campaignFields());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/logga-in?next=${encodeURIComponent('/samordnare/kampanjer')}`,
    );
    expect(await campaignCount()).toBe(before);
  });

  it('answer members with a 403 page, in Swedish and in English', async () => {
    for (const path of PAGE_TYPES) {
      const response = await getPage(t, path, member);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(textOf(await response.text())).toContain('Ingen behörighet');
    }
    const english = await getPage(t, '/samordnare?lang=en', member);
    expect(textOf(await english.text())).toContain('Not allowed');
    const before = await campaignCount();
    expect((await postForm(t, '/samordnare/kampanjer', member, campaignFields())).status).toBe(403);
    expect(await campaignCount()).toBe(before);
  });

  it('show every page type to a coordinator, in Swedish unless English is asked for', async () => {
    for (const path of PAGE_TYPES) {
      const response = await getPage(t, path, vastmanland);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain('<html lang="sv">');
      expect(html, path).toContain('<script type="module" src="/static/coordinator.js"></script>');
    }
    const english = await getPage(t, '/samordnare/kampanjer?lang=en', vastmanland);
    expect(await english.text()).toContain('<html lang="en">');
  });

  it('list only the campaigns and screens in the coordinator’s scope', async () => {
    const list = textOf(await (await getPage(t, '/samordnare/kampanjer', vastmanland)).text());
    expect(list).toContain('Västmanland mot våld');
    expect(list).not.toContain('Uppsala mot våld');
    const screens = textOf(await (await getPage(t, '/samordnare/skarmar', vastmanland)).text());
    expect(screens).toContain('ICA Västerås entré');
    expect(screens).not.toContain('Coop Uppsala entré');
    const preview = await (await getPage(t, '/samordnare/forhandsvisning', vastmanland)).text();
    expect(preview).toContain('ICA Västerås entré');
    expect(preview).not.toContain('Coop Uppsala entré');
  });

  it('answer 404 pages for another county’s campaign, slide and artwork', async () => {
    for (const path of [
      `/samordnare/kampanjer/${otherCampaignSlug}`,
      `/samordnare/kampanjer/${otherCampaignSlug}/redigera`,
      `/samordnare/bildspel/${otherSlideId}`,
      `/samordnare/bilder/${otherAssetId}`,
      '/samordnare/kampanjer/finns-inte',
    ]) {
      const response = await getPage(t, path, vastmanland);
      expect(response.status, path).toBe(404);
      expect(textOf(await response.text())).toContain('Sidan finns inte');
    }
    expect((await getPage(t, `/samordnare/kampanjer/${ownCampaignSlug}`, vastmanland)).status).toBe(200);
  });

  it('write nothing to another county’s campaign or slide', async () => {
    const status = await postForm(t, `/samordnare/kampanjer/${otherCampaignSlug}/status`, vastmanland, {
      status: 'archived',
    });
    expect(status.status).toBe(404);
    const slide = await postForm(t, `/samordnare/bildspel/${otherSlideId}/ta-bort`, vastmanland, {});
    expect(slide.status).toBe(404);
    const campaign = await (await t.request(`/api/v1/campaigns/${otherCampaignSlug}`)).json();
    expect(campaign.status).toBe('published');
    const [live] = await t.database.db.select({ n: count() }).from(slides);
    expect(live?.n).toBeGreaterThan(0);
    expect(
      (
        await (
          await t.request(`/api/v1/campaigns/${otherCampaignSlug}/slides`, { token: uppsala.token })
        ).json()
      ).items,
    ).toHaveLength(1);
  });

  it('refuse a form post without the CSRF token with 403 and write nothing', async () => {
    const before = await campaignCount();
    const created = await postForm(t, '/samordnare/kampanjer', vastmanland, campaignFields(), {
      csrf: false,
    });
    expect(created.status).toBe(403);
    // People read the answer: a page that says what happened and leads back, not problem+json.
    expect(created.headers.get('content-type')).toMatch(/^text\/html/);
    const page = textOf(await created.text());
    expect(page).toContain('Formuläret kunde inte skickas');
    expect(page).toContain('Inget har sparats.');
    expect(await campaignCount()).toBe(before);
    const wrong = await postForm(
      t,
      '/samordnare/kampanjer',
      { ...vastmanland, csrf: 'guessed' },
      campaignFields(),
    );
    expect(wrong.status).toBe(403);
    expect(await campaignCount()).toBe(before);
    const archived = await postForm(
      t,
      `/samordnare/kampanjer/${ownCampaignSlug}/status`,
      vastmanland,
      { status: 'archived' },
      { csrf: false },
    );
    expect(archived.status).toBe(403);
    expect((await (await t.request(`/api/v1/campaigns/${ownCampaignSlug}`)).json()).status).toBe('published');
  });

  it('refuse an upload without the CSRF token in its address and store nothing', async () => {
    const form = new FormData();
    form.append('language', 'sv');
    form.append('altText', 'Ring 020-50 50 50');
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])]), 'a.png');
    const response = await t.request(`/samordnare/kampanjer/${ownCampaignSlug}/bilder`, {
      method: 'POST',
      body: form,
      headers: { cookie: vastmanland.cookie },
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    const assets = await (
      await t.request(`/api/v1/campaigns/${ownCampaignSlug}/assets`, { token: vastmanland.token })
    ).json();
    expect(assets.items).toEqual([]);
  });
});
