import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderWorld,
  createProduct,
  orderBody,
  type OrderWorld,
  organisationWithMember,
  postOrder,
} from './order-fixtures.js';

const run = promisify(execFile);

let world: OrderWorld;
beforeAll(async () => {
  world = await createOrderWorld();
});
afterAll(() => world.t.close());

/** Parses the print shop's CSV (no quoted commas in these rows except where quoted). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  for (const line of text.slice(1).split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i];
      if (quoted && char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += char;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

describe('an order from placing to the print shop', () => {
  it('goes submitted → approved → sent_to_print → shipped with a PDF that opens, a matching CSV and e-mails', async () => {
    const { t } = world;
    const poster = await createProduct(world, { kind: 'poster_a3', stock: 200, maxPerOrder: 50 });
    const flyer = await createProduct(world, {
      kind: 'flyer_a5',
      stock: null,
      maxPerOrder: 500,
      title: 'Flygblad A5',
    });
    const school = await organisationWithMember(world, '1980', 'Skälbyskolan, Västerås');
    const club = await organisationWithMember(world, '1984', 'Ungdomsgården "Ön" i Arboga');

    const placed = await postOrder(
      world,
      school.token,
      orderBody(world.campaignId, [
        [poster.id, 20],
        [flyer.id, 100],
      ]),
    );
    expect(placed.status).toBe(201);
    const order = await placed.json();
    expect(order.status).toBe('submitted');
    expect(order.seasonKey).toBe('2026-12-15');
    expect(order.deliveryAddress).toMatchObject({ street: 'Storgatan 1', city: 'Västerås' });
    expect(order.events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'submitted' })]);

    const oneOff = {
      recipient: 'Ungdomsgården Ön',
      careOf: 'Kim Ek',
      street: 'Kapellgatan 3',
      postalCode: '732 30',
      city: 'Arboga',
    };
    const second = await postOrder(
      world,
      club.token,
      orderBody(world.campaignId, [[poster.id, 5]], { delivery: { kind: 'address', address: oneOff } }),
    );
    expect(second.status).toBe(201);
    const secondOrder = await second.json();
    expect(secondOrder.addressSource).toBe('one_off');
    const clubAfter = await t.request(`/api/v1/organisations/${club.organisation.id}`, { token: club.token });
    expect((await clubAfter.json()).defaultAddress.street).toBe('Storgatan 1');

    t.clock.advance(60 * 60 * 1000);
    for (const id of [order.id, secondOrder.id]) {
      const approved = await t.request(`/api/v1/orders/${id}/approve`, {
        method: 'POST',
        token: world.vastmanland,
        json: {},
      });
      expect(approved.status).toBe(200);
      expect((await approved.json()).status).toBe('approved');
    }

    t.clock.advance(60 * 60 * 1000);
    const batchResponse = await t.request('/api/v1/print-batches', { method: 'POST', token: world.national });
    expect(batchResponse.status).toBe(201);
    const batch = await batchResponse.json();
    expect(batch).toMatchObject({ orderCount: 2, lineCount: 3, copies: 125 });

    const pdf = await t.request(batch.pdf.url, { token: world.national });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfPath = path.join(t.dataDir, 'batch.pdf');
    await writeFile(pdfPath, new Uint8Array(await pdf.arrayBuffer()));
    const info = await run('pdfinfo', [pdfPath]);
    expect(info.stdout).toMatch(/Pages:\s+2\n/);
    const text = await run('pdftotext', ['-layout', pdfPath, '-']);
    expect(text.stdout).toContain('Skälbyskolan, Västerås');
    expect(text.stdout).toContain('c/o Kim Ek');
    expect(text.stdout).toContain('732 30 Arboga');

    const csv = await t.request(batch.csv.url, { token: world.national });
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer()),
    );
    expect(header).toEqual([
      'order_id',
      'organisation',
      'recipient',
      'street',
      'postal_code',
      'city',
      'product_code',
      'language',
      'quantity',
    ]);
    const expected = [
      ...order.lines.map((line: { productCode: string; quantity: number }) => [
        order.id,
        'Skälbyskolan, Västerås',
        'Skälbyskolan, Västerås',
        'Storgatan 1',
        '721 87',
        'Västerås',
        line.productCode,
        'sv',
        String(line.quantity),
      ]),
      [
        secondOrder.id,
        'Ungdomsgården "Ön" i Arboga',
        'Ungdomsgården Ön c/o Kim Ek',
        'Kapellgatan 3',
        '732 30',
        'Arboga',
        poster.code,
        'sv',
        '5',
      ],
    ];
    expect(rows).toEqual(expect.arrayContaining(expected));
    expect(rows).toHaveLength(expected.length);

    const detail = await (
      await t.request(`/api/v1/print-batches/${batch.id}`, { token: world.national })
    ).json();
    expect(new Set(detail.orderIds)).toEqual(new Set([order.id, secondOrder.id]));
    const printed = await (await t.request(`/api/v1/orders/${order.id}`, { token: school.token })).json();
    expect(printed.status).toBe('sent_to_print');
    expect(printed.printBatchId).toBe(batch.id);

    const shipped = await t.request(`/api/v1/orders/${order.id}/ship`, {
      method: 'POST',
      token: world.vastmanland,
    });
    expect(shipped.status).toBe(200);
    const history = (await shipped.json()).events.map(
      (event: { toStatus: string; actor: { id: string } | null }) => event.toStatus,
    );
    expect(history).toEqual(['submitted', 'approved', 'sent_to_print', 'shipped']);

    const outbox = await t.request(`/api/v1/dev/outbox?relatedTo=order:${order.id}`, { token: world.admin });
    expect(outbox.status).toBe(200);
    const mails = (await outbox.json()).items;
    expect(mails).toHaveLength(4);
    expect(
      mails.every(
        (mail: { to: string; status: string }) =>
          mail.to === 'asa.oberg@example.se' && mail.status === 'pending',
      ),
    ).toBe(true);
    const subjects = mails.map((mail: { subject: string }) => mail.subject).join('\n');
    for (const words of [
      'Vi har tagit emot din beställning',
      'Din beställning är godkänd',
      'skickad till tryck',
      'Din beställning är på väg',
    ]) {
      expect(subjects).toContain(words);
    }
    const receipt = mails.find((mail: { subject: string }) => mail.subject.startsWith('Vi har tagit emot'));
    expect(receipt.text.indexOf('Hej Åsa Öberg!')).toBeLessThan(receipt.text.indexOf('Hello Åsa Öberg,'));
    expect(receipt.text).toContain('20 × Affisch A3');
  });

  it('shows the outbox to admins only', async () => {
    expect((await world.t.request('/api/v1/dev/outbox', { token: world.national })).status).toBe(403);
    expect((await world.t.request('/api/v1/dev/outbox')).status).toBe(401);
  });

  it('lists an organisation its own orders only, and a county coordinator the orders of their county', async () => {
    const product = await createProduct(world, { stock: null });
    const vasteras = await organisationWithMember(world, '1980');
    const uppsala = await organisationWithMember(world, '0380');
    const ours = await (
      await postOrder(world, vasteras.token, orderBody(world.campaignId, [[product.id, 1]]))
    ).json();
    const theirs = await (
      await postOrder(world, uppsala.token, orderBody(world.campaignId, [[product.id, 1]]))
    ).json();
    const ids = async (token: string) =>
      (await (await world.t.request('/api/v1/orders?limit=500', { token })).json()).items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids(vasteras.token)).toEqual([ours.id]);
    const county = await ids(world.vastmanland);
    expect(county).toContain(ours.id);
    expect(county).not.toContain(theirs.id);
    expect(await ids(world.national)).toEqual(expect.arrayContaining([ours.id, theirs.id]));
  });
});
