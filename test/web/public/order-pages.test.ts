import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRowCounts, organisationWithMember, postOrder, orderBody } from '../../orders/order-fixtures.js';
import {
  createShopWorld,
  defaultAddressOf,
  getPage,
  orderFields,
  postForm,
  type Session,
  type ShopWorld,
  signInWithForm,
} from './public-fixtures.js';

let world: ShopWorld;
let session: Session;
let orderPath: string;

beforeAll(async () => {
  world = await createShopWorld();
  session = await signInWithForm(world.t, world.member.user.email);
  orderPath = `/kampanjer/${world.slug}/bestall`;
});
afterAll(() => world.t.close());

/** The order form's HTML for the signed-in member. */
async function orderForm(): Promise<string> {
  const response = await getPage(world.t, orderPath, session.cookie);
  expect(response.status).toBe(200);
  return response.text();
}

/** Posts the order form with the session's CSRF token. */
async function submit(fields: Record<string, string>) {
  return postForm(world.t, orderPath, { _csrf: session.csrf, ...fields }, session.cookie);
}

describe('the order form', () => {
  it('shows the ordering window, the quota left and the limits before anything is typed', async () => {
    const html = await orderForm();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toContain('15 dec–31 mar varje år.');
    expect(html).toContain('Öppet nu, till och med 31 mars 2027.');
    expect(html).toContain(
      'Högst 50 ex. per beställning. 1\u00a0000 ex. kvar. Kvar av er kvot: 80 av 80 ex.',
    );
    expect(html).toMatch(/name="idempotencyKey" value="[0-9a-f-]{36}"/);
    expect(html).toContain('Storgatan 1');
  });

  it('makes a new Idempotency-Key each time the form is rendered', async () => {
    const key = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
    expect(key(await orderForm())).not.toBe(key(await orderForm()));
  });

  it('sends anonymous visitors to sign in first, coming back to the form', async () => {
    const response = await getPage(world.t, orderPath);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/logga-in?next=${encodeURIComponent(orderPath)}`);
  });

  it('refuses a posted form without the CSRF token (403) and writes nothing', async () => {
    const before = await orderRowCounts(world.world);
    const fields = orderFields(world, await orderForm(), { poster: 5 });
    const response = await postForm(world.t, orderPath, fields, session.cookie);
    expect(response.status).toBe(403);
    const wrongToken = await postForm(
      world.t,
      orderPath,
      { ...fields, _csrf: 'not-the-token' },
      session.cookie,
    );
    expect(wrongToken.status).toBe(403);
    expect(await orderRowCounts(world.world)).toEqual(before);
  });

  it('places the order and redirects (303) to it, shown as submitted', async () => {
    const response = await submit(orderFields(world, await orderForm(), { poster: 10, flyer: 25 }));
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/mina-bestallningar\/[0-9a-f-]{36}\?skickad=1$/);
    const html = await (await getPage(world.t, location, session.cookie)).text();
    expect(html).toContain('Tack! Beställningen är skickad.');
    expect(html).toContain('<span class="status status-submitted">Inskickad</span>');
    expect(html).toMatch(
      /Affisch A3 – Svartsjuka är inte romantiskt<\/a><\/td><td>svenska<\/td><td class="number">10</,
    );
    expect(html).toContain('Avbeställ');
  });

  it('creates one order when the same form is sent twice (same Idempotency-Key)', async () => {
    const fields = orderFields(world, await orderForm(), { flyer: 3 });
    const before = await orderRowCounts(world.world);
    const first = await submit(fields);
    const second = await submit(fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const after = await orderRowCounts(world.world);
    expect(after.orders).toBe(before.orders + 1);
  });

  it('counts earlier orders against the quota shown', async () => {
    // 10 posters were ordered above; the quota is 80 per season.
    expect(await orderForm()).toContain('Kvar av er kvot: 70 av 80 ex.');
  });

  it('refuses too many copies with the error next to that field and in the summary, writing nothing', async () => {
    const before = await orderRowCounts(world.world);
    const response = await submit(orderFields(world, await orderForm(), { poster: 51 }));
    expect(response.status).toBe(422);
    const html = await response.text();
    const field = `f-quantity-${world.poster.id}`;
    expect(html).toContain(`<a href="#${field}">Du kan beställa högst 50 ex. per beställning.</a>`);
    expect(html).toContain(
      `<span class="field-error" id="${field}-error">Du kan beställa högst 50 ex. per beställning.</span>`,
    );
    expect(html).toMatch(new RegExp(`<input id="${field}"[^>]*value="51"[^>]*aria-invalid="true"`));
    expect(await orderRowCounts(world.world)).toEqual(before);
  });

  it('refuses more than the quota left, saying how many are left', async () => {
    const response = await submit(orderFields(world, await orderForm(), { poster: 50 }));
    expect(response.status).toBe(303);
    const refused = await submit(orderFields(world, await orderForm(), { poster: 30 }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Er organisation har 20 ex. kvar av kvoten den här säsongen.');
  });

  it('asks for at least one quantity, whole numbers and a valid contact, in the form’s language', async () => {
    const empty = await submit(orderFields(world, await orderForm(), {}));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(
      '<a href="#f-lines">Skriv hur många exemplar du vill ha av minst en produkt.</a>',
    );

    const bad = await submit(
      orderFields(
        world,
        await orderForm(),
        { flyer: 2 },
        { [`quantity.${world.poster.id}`]: 'tio', 'contact.email': 'inte en adress', 'contact.phone': '' },
      ),
    );
    const html = await bad.text();
    expect(html).toContain(
      `<a href="#f-quantity-${world.poster.id}">Skriv antalet som ett heltal, till exempel 10.</a>`,
    );
    expect(html).toContain(
      '<a href="#f-contact-email">Skriv en e-postadress, till exempel namn@skola.se.</a>',
    );
    expect(html).toContain(
      '<a href="#f-contact-phone">Skriv ett telefonnummer, till exempel 021-39 00 00.</a>',
    );
  });

  it('answers errors in English on the English form', async () => {
    const response = await postForm(
      world.t,
      `${orderPath}?lang=en`,
      { _csrf: session.csrf, ...orderFields(world, await orderForm(), { poster: 51 }) },
      session.cookie,
    );
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('You can order at most 50 copies per order.');
  });

  it('delivers a one-off address without changing the organisation’s default', async () => {
    const before = await defaultAddressOf(world.world, world.member.organisation.id);
    const response = await submit(
      orderFields(
        world,
        await orderForm(),
        { flyer: 5 },
        {
          delivery: 'address',
          'address.recipient': 'Åsens skola, expeditionen',
          'address.street': 'Skolvägen 4',
          'address.postalCode': '722 11',
          'address.city': 'Västerås',
        },
      ),
    );
    expect(response.status).toBe(303);
    const html = await (
      await getPage(world.t, response.headers.get('location') ?? '', session.cookie)
    ).text();
    expect(html).toContain('Skolvägen 4');
    expect(html).toContain('En egen adress för den här beställningen.');
    expect(await defaultAddressOf(world.world, world.member.organisation.id)).toEqual(before);
  });

  it('checks the one-off address fields, naming each', async () => {
    const response = await submit(
      orderFields(world, await orderForm(), { flyer: 5 }, { delivery: 'address', 'address.postalCode': '7' }),
    );
    const html = await response.text();
    expect(response.status).toBe(422);
    for (const field of ['address-recipient', 'address-street', 'address-postalCode', 'address-city']) {
      expect(html).toContain(`<a href="#f-${field}">`);
    }
  });
});

describe('my orders', () => {
  it('lists the organisation’s orders with their status in words', async () => {
    const response = await getPage(world.t, '/mina-bestallningar', session.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<caption>Er organisations beställningar, senaste först</caption>');
    expect(html).toContain('Inskickad');
  });

  it('sends anonymous visitors to sign in (list and detail)', async () => {
    for (const path of ['/mina-bestallningar', '/mina-bestallningar/00000000-0000-4000-8000-000000000000']) {
      const response = await getPage(world.t, path);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/logga-in?next=${encodeURIComponent(path)}`);
    }
  });

  it('answers 404 for another organisation’s order, and for ids that are not orders', async () => {
    const other = await organisationWithMember(world.world, '1984', 'Arboga ungdomsråd');
    const placed = await postOrder(
      world.world,
      other.token,
      orderBody(world.world.campaignId, [[world.flyer.id, 4]]),
    );
    expect(placed.status).toBe(201);
    const theirs = (await placed.json()).id as string;
    const response = await getPage(world.t, `/mina-bestallningar/${theirs}`, session.cookie);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Arboga ungdomsråd');
    const cancel = await postForm(
      world.t,
      `/mina-bestallningar/${theirs}/avbestall`,
      { _csrf: session.csrf },
      session.cookie,
    );
    expect(cancel.status).toBe(404);
    expect((await getPage(world.t, '/mina-bestallningar/not-an-id', session.cookie)).status).toBe(404);
  });

  it('shows the status history and cancels a submitted order (CSRF-checked)', async () => {
    const placed = await submit(orderFields(world, await orderForm(), { flyer: 7 }));
    const detail = (placed.headers.get('location') ?? '').replace(/\?.*$/, '');
    expect((await postForm(world.t, `${detail}/avbestall`, {}, session.cookie)).status).toBe(403);
    const cancelled = await postForm(world.t, `${detail}/avbestall`, { _csrf: session.csrf }, session.cookie);
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(`${detail}?avbestalld=1`);
    const html = await (await getPage(world.t, `${detail}?avbestalld=1`, session.cookie)).text();
    expect(html).toContain('Beställningen är avbeställd.');
    expect(html).toMatch(/<ol class="history">.*Inskickad.*Avbeställd.*<\/ol>/s);
    expect(html).not.toContain('>Avbeställ<');
    const again = await postForm(world.t, `${detail}/avbestall`, { _csrf: session.csrf }, session.cookie);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Beställningen kan inte avbeställas längre');
  });
});
