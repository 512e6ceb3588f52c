import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderWorld,
  createProduct,
  type OrderWorld,
  orderBody,
  organisationWithMember,
  postOrder,
} from '../../orders/order-fixtures.js';
import { getPage, postForm, type Session, session, textOf } from './coordinator-fixtures.js';

/* A county coordinator decides on the orders of organisations in the county and sends them to print. */

let world: OrderWorld;
let me: Session;
let productId: string;

async function placeOrder(municipalityCode: string, name: string): Promise<string> {
  const { token } = await organisationWithMember(world, municipalityCode, name);
  const response = await postOrder(world, token, orderBody(world.campaignId, [[productId, 25]]));
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

async function orderStatus(id: string): Promise<string> {
  return (await (await world.t.request(`/api/v1/orders/${id}`, { token: world.admin })).json()).status;
}

beforeAll(async () => {
  world = await createOrderWorld();
  const board = await world.t.organisation({ kind: 'county_board', countyCode: '19' });
  me = await session(world.t, {
    role: 'coordinator',
    scope: 'county',
    scopeCountyCode: '19',
    organisationId: board.id,
  });
  productId = (await createProduct(world)).id;
});
afterAll(async () => world?.t.close());

describe('the orders page', () => {
  it('lists only the orders of organisations in the coordinator’s scope', async () => {
    await placeOrder('1980', 'Fritidsgården Åsen');
    await placeOrder('0380', 'Ungdomens hus Uppsala');
    const text = textOf(await (await getPage(world.t, '/samordnare/bestallningar', me)).text());
    expect(text).toContain('Fritidsgården Åsen');
    expect(text).not.toContain('Ungdomens hus Uppsala');
    expect(text).toContain('25 × Affisch A3 – Svartsjuka är inte romantiskt (svenska)');
  });

  it('approves an order and rejects another with its reason', async () => {
    const approved = await placeOrder('1980', 'Elevrådet Arboga');
    const rejected = await placeOrder('1984', 'Kyrkans unga Arboga');
    const approve = await postForm(world.t, `/samordnare/bestallningar/${approved}/godkann`, me, {});
    expect(approve.status).toBe(303);
    expect(approve.headers.get('location')).toBe('/samordnare/bestallningar?klart=godkand');
    expect(await orderStatus(approved)).toBe('approved');
    const withoutReason = await postForm(world.t, `/samordnare/bestallningar/${rejected}/avsla`, me, {
      [`note.${rejected}`]: '',
    });
    expect(withoutReason.status).toBe(400);
    expect(await withoutReason.text()).toContain(`id="f-note-${rejected}-error"`);
    expect(await orderStatus(rejected)).toBe('submitted');
    const reject = await postForm(world.t, `/samordnare/bestallningar/${rejected}/avsla`, me, {
      [`note.${rejected}`]: 'Affischerna är slut för i år.',
    });
    expect(reject.status).toBe(303);
    const order = await (await world.t.request(`/api/v1/orders/${rejected}`, { token: world.admin })).json();
    expect(order.status).toBe('rejected');
    expect(order.events.at(-1).note).toBe('Affischerna är slut för i år.');
  });

  it('refuses to decide on another county’s order and writes nothing', async () => {
    const uppsala = await placeOrder('0380', 'Fältgruppen Uppsala');
    const response = await postForm(world.t, `/samordnare/bestallningar/${uppsala}/godkann`, me, {});
    expect(response.status).toBe(404);
    expect(await orderStatus(uppsala)).toBe('submitted');
  });

  it('makes a print batch of the approved orders and links its order sheet and CSV', async () => {
    const made = await postForm(world.t, '/samordnare/tryckomgangar', me, {});
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/samordnare/bestallningar?klart=tryckomgang');
    const html = await (await getPage(world.t, '/samordnare/bestallningar?klart=tryckomgang', me)).text();
    expect(textOf(html)).toContain('Tryckomgången är skapad.');
    const pdf = /href="(\/api\/v1\/print-batches\/[0-9a-f-]+\/order-sheet\.pdf)"/.exec(html)?.[1];
    const csv = /href="(\/api\/v1\/print-batches\/[0-9a-f-]+\/orders\.csv)"/.exec(html)?.[1];
    expect(pdf).toBeDefined();
    const pdfResponse = await getPage(world.t, pdf ?? '', me);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    const csvText = await (await getPage(world.t, csv ?? '', me)).text();
    expect(csvText).toContain('Elevrådet Arboga');
    expect(csvText).not.toContain('Kyrkans unga Arboga');
  });

  it('says so next to the button when there is nothing approved to print', async () => {
    const response = await postForm(world.t, '/samordnare/tryckomgangar', me, {});
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('href="#f-batch"');
    expect(textOf(html)).toContain('Det finns inga godkända beställningar att trycka i ditt område.');
  });
});
