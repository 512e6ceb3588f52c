import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderUpcomingPacks } from '../../../src/packs/pack-jobs.js';
import { insertSocialAsset, makeArtwork } from '../../packs/pack-fixtures.js';
import {
  createShopWorld,
  getPage,
  orderFields,
  postForm,
  publishCampaign,
  type Session,
  type ShopWorld,
  signInWithForm,
} from './public-fixtures.js';

let world: ShopWorld;
let session: Session;
let orderDetailPath: string;
/** Orders open now; for schools; in Swedish and Arabic; with support lines. */
let schools: { id: string; slug: string };
/** Orders open from 1 March 2027 only. */
let later: { id: string; slug: string };

beforeAll(async () => {
  world = await createShopWorld();
  session = await signInWithForm(world.t, world.member.user.email);
  const form = await (await getPage(world.t, `/kampanjer/${world.slug}/bestall`, session.cookie)).text();
  const placed = await postForm(
    world.t,
    `/kampanjer/${world.slug}/bestall`,
    { _csrf: session.csrf, ...orderFields(world, form, { poster: 2 }) },
    session.cookie,
  );
  orderDetailPath = (placed.headers.get('location') ?? '').replace(/\?.*$/, '');
  schools = await publishCampaign(world.world, {
    title: { sv: 'Prata om det i skolan', en: 'Talk about it at school' },
    languages: ['sv', 'ar'],
    audience: ['skolor'],
    ordering: { spans: [{ kind: 'dates', from: '2026-12-01', to: '2027-01-31' }] },
    support: [
      {
        name: { sv: 'Kvinnofridslinjen' },
        phone: '020-50 50 50',
        url: 'https://kvinnofridslinjen.se',
        hours: { sv: 'dygnet runt', en: 'day and night' },
      },
    ],
  });
  later = await publishCampaign(world.world, {
    title: { sv: 'Senare i vår' },
    ordering: { spans: [{ kind: 'dates', from: '2027-03-01', to: '2027-03-31' }] },
  });
  // Social artwork for the packs of the first campaign, rendered as the nightly job would.
  await insertSocialAsset(world.t, world.world.campaignId, await makeArtwork(1200, 1200), {
    language: 'sv',
    altText: 'Två unga i en park, text: Svartsjuka är inte romantiskt',
  });
  await renderUpcomingPacks(world.t.deps, world.t.clock.now());
});
afterAll(() => world.t.close());

describe('every page answers in Swedish by default and in English on request', () => {
  const pages = () => [
    { path: '/', cookie: undefined },
    { path: '/logga-in', cookie: undefined },
    { path: '/katalog', cookie: undefined },
    { path: `/kampanjer/${world.slug}`, cookie: undefined },
    { path: `/produkter/${world.poster.id}`, cookie: undefined },
    { path: `/kampanjer/${world.slug}/bestall`, cookie: session.cookie },
    { path: '/mina-bestallningar', cookie: session.cookie },
    { path: orderDetailPath, cookie: session.cookie },
  ];

  it('answers 200 with lang="sv"', async () => {
    for (const { path, cookie } of pages()) {
      const response = await getPage(world.t, path, cookie);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text(), path).toMatch(/^<!doctype html><html lang="sv">/);
    }
  });

  it('answers 200 with lang="en" for ?lang=en and remembers the choice in a cookie', async () => {
    for (const { path, cookie } of pages()) {
      const response = await getPage(world.t, `${path}?lang=en`, cookie);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toMatch(/^<!doctype html><html lang="en">/);
      expect(response.headers.getSetCookie().some((header) => header.startsWith('hub_lang=en'))).toBe(true);
    }
  });

  it('switches back with the link every page carries', async () => {
    const html = await (await getPage(world.t, '/katalog?lang=en')).text();
    expect(html).toContain('<a href="/katalog?lang=sv" lang="sv" hreflang="sv">På svenska</a>');
  });
});

describe('the catalogue', () => {
  it('lists the campaigns taking orders now, with products, and not those opening later', async () => {
    const html = await (await getPage(world.t, '/katalog')).text();
    expect(html).toContain(`href="/kampanjer/${world.slug}"`);
    expect(html).toContain(`href="/kampanjer/${schools.slug}"`);
    expect(html).not.toContain(`href="/kampanjer/${later.slug}"`);
    expect(html).toContain(`href="/produkter/${world.poster.id}"`);
    expect(html).toContain(`href="/kampanjer/${world.slug}/bestall"`);
  });

  it('filters by language and audience with a plain GET form', async () => {
    const form = await (await getPage(world.t, '/katalog')).text();
    expect(form).toMatch(/<form method="get" action="\/katalog"/);
    expect(form).toContain('<option value="ar">arabiska</option>');
    expect(form).toContain('<option value="skolor">skolor</option>');

    const arabic = await (await getPage(world.t, '/katalog?language=ar')).text();
    expect(arabic).toContain(`href="/kampanjer/${schools.slug}"`);
    expect(arabic).not.toContain(`href="/kampanjer/${world.slug}"`);
    expect(arabic).toContain('<option value="ar" selected="">arabiska</option>');

    const forSchools = await (await getPage(world.t, '/katalog?audience=skolor&language=sv')).text();
    expect(forSchools).toContain(`href="/kampanjer/${schools.slug}"`);
    expect(forSchools).not.toContain(`href="/kampanjer/${world.slug}"`);
    expect(forSchools).toContain('1 kampanj som passar filtret.');
  });

  it('ignores a language it does not know rather than failing', async () => {
    const response = await getPage(world.t, '/katalog?language=xx');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`href="/kampanjer/${world.slug}"`);
  });
});

describe('the campaign page', () => {
  it('describes the campaign, its windows in words, and its artwork with alt texts', async () => {
    const html = await (await getPage(world.t, `/kampanjer/${world.slug}`)).text();
    expect(html).toContain('<h1>Svartsjuka är inte romantiskt</h1>');
    expect(html).toContain('1 feb–31 mar varje år.');
    expect(html).toContain('Öppnar 1 februari 2027.');
    expect(html).toContain('Öppet nu, till och med 31 mars 2027.');
    expect(html).toContain('alt="Affisch: Svartsjuka är inte romantiskt"');
    expect(html).toContain('alt="Två unga i en park, text: Svartsjuka är inte romantiskt"');
  });

  it('links the packs with their sizes for signed-in people inside the download window', async () => {
    const html = await (await getPage(world.t, `/kampanjer/${world.slug}`, session.cookie)).text();
    expect(html).toContain(`href="/api/v1/campaigns/${world.world.campaignId}/packs/sv.zip"`);
    expect(html).toMatch(
      /Ladda ner paketet på svenska<\/a> <span class="meta">\(zip: 1 bild, \d+ filer, [\d,]+\s(kB|MB)\)/,
    );
    const download = await getPage(
      world.t,
      `/api/v1/campaigns/${world.world.campaignId}/packs/sv.zip`,
      session.cookie,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
  });

  it('asks anonymous visitors to sign in before downloading', async () => {
    const html = await (await getPage(world.t, `/kampanjer/${world.slug}`)).text();
    expect(html).not.toContain('/packs/sv.zip');
    expect(html).toContain(`href="/logga-in?next=${encodeURIComponent(`/kampanjer/${world.slug}`)}"`);
  });

  it('says when the packs open instead of linking them outside the window', async () => {
    await insertSocialAsset(world.t, later.id, await makeArtwork(800, 800), {
      language: 'sv',
      altText: 'Ett ljus i mörkret',
    });
    const html = await (await getPage(world.t, `/kampanjer/${later.slug}`, session.cookie)).text();
    expect(html).not.toContain('.zip"');
    expect(html).toContain(
      'Paketen kan laddas ner när nedladdningen är öppen: <span class="window-text">1–31 mar 2027.</span> <strong class="state-closed">Öppnar 1 mars 2027.</strong> Finns på svenska.',
    );
  });

  it('shows the support lines with a phone link', async () => {
    const html = await (await getPage(world.t, `/kampanjer/${schools.slug}`)).text();
    expect(html).toContain(
      '<strong>Kvinnofridslinjen</strong>: <a href="tel:020505050">020-50 50 50</a> – dygnet runt',
    );
    const english = await (await getPage(world.t, `/kampanjer/${schools.slug}?lang=en`)).text();
    expect(english).toContain('<strong><span lang="sv">Kvinnofridslinjen</span></strong>');
    expect(english).toContain('day and night');
  });

  it('answers 404 for campaigns that do not exist or are not published', async () => {
    const missing = await getPage(world.t, '/kampanjer/finns-inte');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Sidan finns inte</h1>');
    const draft = await world.t.request('/api/v1/campaigns', {
      method: 'POST',
      token: world.world.national,
      json: {
        slug: 'utkast-som-inte-syns',
        title: { sv: 'Utkast' },
        summary: { sv: 'x' },
        description: { sv: 'x' },
        tier: 'national',
        languages: ['sv'],
        airing: { spans: [{ kind: 'always' }] },
      },
    });
    expect(draft.status).toBe(201);
    expect((await getPage(world.t, '/kampanjer/utkast-som-inte-syns')).status).toBe(404);
  });
});

describe('the product page', () => {
  it('shows the preview with its alt text, the stock left and the most per order', async () => {
    const html = await (await getPage(world.t, `/produkter/${world.poster.id}`)).text();
    expect(html).toMatch(/<img src="\/media\/[0-9a-f]+\.\w+" alt="Affisch: Svartsjuka är inte romantiskt"/);
    expect(html).toMatch(/<dt>I lager<\/dt><dd>\d[\d\u00a0]* ex\. kvar<\/dd>/);
    expect(html).toContain('<dt>Högst per beställning</dt><dd>50 ex.</dd>');
    expect(html).toContain('<dt>Kvot per organisation och säsong</dt><dd>80 ex.</dd>');
    expect(html).toContain(`href="/kampanjer/${world.slug}/bestall"`);
  });

  it('answers 404 for unknown ids and inactive products', async () => {
    expect((await getPage(world.t, '/produkter/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getPage(world.t, '/produkter/nonsense')).status).toBe(404);
    const patched = await world.t.request(`/api/v1/products/${world.flyer.id}`, {
      method: 'PATCH',
      token: world.world.national,
      json: { active: false },
    });
    expect(patched.status).toBe(200);
    expect((await getPage(world.t, `/produkter/${world.flyer.id}`, session.cookie)).status).toBe(404);
    const form = await (await getPage(world.t, `/kampanjer/${world.slug}/bestall`, session.cookie)).text();
    expect(form).not.toContain(`quantity.${world.flyer.id}`);
  });
});
