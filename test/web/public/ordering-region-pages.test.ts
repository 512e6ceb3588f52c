import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRowCounts, organisationWithMember } from '../../orders/order-fixtures.js';
import {
  createShopWorld,
  getPage,
  hiddenField,
  postForm,
  regionalCampaign,
  type Session,
  type ShopWorld,
  signInWithForm,
} from './public-fixtures.js';

/*
 * The organisation pages follow the ordering rule: a national campaign's material is for every
 * organisation, a county campaign's for organisations in that county, a local campaign's for
 * organisations in that municipality. A signed-in member is not offered an order form they would
 * be refused: the pages say whom the material is for instead; visitors still browse everything.
 * The clock stands on 16 December 2026, inside every campaign's ordering window.
 */

let world: ShopWorld;
/** A county-19 campaign and a campaign of Arboga (1984), each with a poster. */
let county19: { id: string; slug: string; productId: string };
let arboga: { id: string; slug: string; productId: string };
/** Members of organisations in Västerås (1980, county 19), Uppsala (0380) and Arboga (1984). */
let vasteras: Session;
let uppsala: Session;
let inArboga: Session;

const orderLink = (slug: string) => `href="/kampanjer/${slug}/bestall"`;
const FOR_COUNTY =
  'Det tryckta materialet är till för organisationer i Västmanlands län, så Ungdomens hus Uppsala kan inte beställa det.';
const FOR_ARBOGA = 'Det tryckta materialet är till för organisationer i Arboga kommun, så';

async function pageFor(path: string, who?: Session): Promise<{ status: number; html: string }> {
  const response = await getPage(world.t, path, who?.cookie);
  return { status: response.status, html: await response.text() };
}

/** The fields of a filled-in order form for one product, delivered to the organisation's address. */
function orderFieldsFor(productId: string, idempotencyKey: string, quantity = 3) {
  return {
    idempotencyKey,
    [`quantity.${productId}`]: String(quantity),
    delivery: 'organisation_default',
    'contact.name': 'Åsa Öberg',
    'contact.email': 'asa.oberg@example.se',
    'contact.phone': '0589-870 00',
  };
}

beforeAll(async () => {
  world = await createShopWorld();
  county19 = await regionalCampaign(
    world.world,
    { tier: 'county', countyCode: '19' },
    'Västmanland mot våld',
  );
  arboga = await regionalCampaign(
    world.world,
    { tier: 'local', municipalityCode: '1984' },
    'Arboga mot våld',
  );
  const uppsalaMember = await organisationWithMember(world.world, '0380', 'Ungdomens hus Uppsala');
  const arbogaMember = await organisationWithMember(world.world, '1984', 'Elevrådet Arboga');
  vasteras = await signInWithForm(world.t, world.member.user.email);
  uppsala = await signInWithForm(world.t, uppsalaMember.user.email);
  inArboga = await signInWithForm(world.t, arbogaMember.user.email);
}, 120_000);
afterAll(() => world.t.close());

describe('the catalogue', () => {
  it('offers a member only the material their organisation may order, and says whom the rest is for', async () => {
    const { html } = await pageFor('/katalog', uppsala);
    expect(html).toContain(orderLink(world.slug));
    expect(html).not.toContain(orderLink(county19.slug));
    expect(html).not.toContain(orderLink(arboga.slug));
    expect(html).toContain(FOR_COUNTY);
    expect(html).toContain(`${FOR_ARBOGA} Ungdomens hus Uppsala kan inte beställa det.`);
    // The material is still there to look at and download.
    expect(html).toContain(`href="/produkter/${county19.productId}"`);
    expect(html).toContain(`href="/kampanjer/${county19.slug}"`);
  });

  it('says so in English on the English page', async () => {
    const { html } = await pageFor('/katalog?lang=en', uppsala);
    expect(html).toContain(
      'The printed material is for organisations in Västmanland County, so Ungdomens hus Uppsala cannot order it.',
    );
    expect(html).toContain('The printed material is for organisations in Arboga Municipality, so');
  });

  it("offers a county's material to its organisations, and a municipality's to its own", async () => {
    const west = (await pageFor('/katalog', vasteras)).html;
    expect(west).toContain(orderLink(world.slug));
    expect(west).toContain(orderLink(county19.slug));
    expect(west).not.toContain(orderLink(arboga.slug));
    expect(west).not.toContain('för organisationer i Västmanlands län');
    const own = (await pageFor('/katalog', inArboga)).html;
    for (const slug of [world.slug, county19.slug, arboga.slug]) expect(own).toContain(orderLink(slug));
    expect(own).not.toContain('Det tryckta materialet är till för organisationer');
  });

  it('lets visitors who are not signed in browse everything, each with its order button', async () => {
    const { html } = await pageFor('/katalog');
    for (const slug of [world.slug, county19.slug, arboga.slug]) expect(html).toContain(orderLink(slug));
    expect(html).not.toContain('Det tryckta materialet är till för organisationer');
  });
});

describe('the campaign and product pages', () => {
  it('say whom the material is for in place of the order button', async () => {
    for (const path of [`/kampanjer/${county19.slug}`, `/produkter/${county19.productId}`]) {
      const { status, html } = await pageFor(path, uppsala);
      expect(status, path).toBe(200);
      expect(html, path).not.toContain(orderLink(county19.slug));
      expect(html, path).toContain(FOR_COUNTY);
    }
  });

  it('keep the order button for organisations in the region and for visitors', async () => {
    for (const who of [vasteras, undefined]) {
      for (const path of [`/kampanjer/${county19.slug}`, `/produkter/${county19.productId}`]) {
        const { html } = await pageFor(path, who);
        expect(html, path).toContain(orderLink(county19.slug));
        expect(html, path).not.toContain('Det tryckta materialet är till för organisationer');
      }
    }
  });
});

describe('the order form', () => {
  it('answers an organisation outside the region with 403, saying why, and no form', async () => {
    const { status, html } = await pageFor(`/kampanjer/${county19.slug}/bestall`, uppsala);
    expect(status).toBe(403);
    expect(html).toContain(FOR_COUNTY);
    expect(html).not.toContain('name="idempotencyKey"');
    const english = await pageFor(`/kampanjer/${arboga.slug}/bestall?lang=en`, vasteras);
    expect(english.status).toBe(403);
    expect(english.html).toContain('The printed material is for organisations in Arboga Municipality');
  });

  it('refuses a posted order from outside the region with 403 and writes nothing', async () => {
    const before = await orderRowCounts(world.world);
    const response = await postForm(
      world.t,
      `/kampanjer/${county19.slug}/bestall`,
      { _csrf: uppsala.csrf, ...orderFieldsFor(county19.productId, randomUUID()) },
      uppsala.cookie,
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain(FOR_COUNTY);
    expect(await orderRowCounts(world.world)).toEqual(before);
  });

  it("takes the order of an organisation in the campaign's municipality", async () => {
    const form = await pageFor(`/kampanjer/${arboga.slug}/bestall`, inArboga);
    expect(form.status).toBe(200);
    const response = await postForm(
      world.t,
      `/kampanjer/${arboga.slug}/bestall`,
      { _csrf: inArboga.csrf, ...orderFieldsFor(arboga.productId, hiddenField(form.html, 'idempotencyKey')) },
      inArboga.cookie,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/mina-bestallningar\/[0-9a-f-]{36}\?skickad=1$/);
  });
});
