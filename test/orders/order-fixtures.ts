import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import { runOncePerSlot, slotKey } from '../../src/jobs/run-once-per-slot.js';
import { jobDefinitions } from '../../src/jobs/start-jobs.js';
import { outboxMessages } from '../../src/mail/schema.js';
import {
  orderEvents,
  orderIdempotencyKeys,
  orderLines,
  orders,
  printBatches,
  products,
} from '../../src/orders/schema.js';
import { makePng, uploadForm } from '../support/files.js';
import { createTestContext, type TestContext, TestClock, unique } from '../support/test-app.js';

/** 16 December 2026, 10:00 in Stockholm: the ordering window (15 Dec–31 Mar) is open. */
export const IN_WINDOW = '2026-12-16T09:00:00Z';

/** A campaign with an ordering window, its files, and people around it, for order tests. */
export interface OrderWorld {
  t: TestContext;
  admin: string;
  /** National coordinator (owns the campaign). */
  national: string;
  /** County coordinators of Västmanland (19) and Uppsala (03). */
  vastmanland: string;
  uppsala: string;
  campaignId: string;
  pdfAssetId: string;
  imageAssetId: string;
}

/** A small real PDF, as a print-ready file would be. */
export async function makePdf(text: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([420, 595]);
  page.drawText(text, { x: 40, y: 500, size: 24, font: await document.embedFont(StandardFonts.Helvetica) });
  return document.save();
}

/** Starts an app at IN_WINDOW with a published "Svartsjuka är inte romantiskt" and its artwork. */
export async function createOrderWorld(env: Record<string, string> = {}): Promise<OrderWorld> {
  const t = await createTestContext({ clock: new TestClock(new Date(IN_WINDOW)), env });
  const agency = await t.organisation({ kind: 'national_agency', name: 'Jämställdhetsmyndigheten' });
  const admin = (await t.user({ role: 'admin' })).token;
  const national = (await t.user({ role: 'coordinator', scope: 'national', organisationId: agency.id }))
    .token;
  const vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19' })).token;
  const uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  const slug = unique('svartsjuka');
  const created = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token: national,
    json: {
      slug,
      title: { sv: 'Svartsjuka är inte romantiskt', en: 'Jealousy is not romantic' },
      summary: { sv: 'Om våld i ungas parrelationer' },
      description: { sv: 'Årlig kampanj om våld i ungas parrelationer.' },
      tier: 'national',
      languages: ['sv', 'en'],
      airing: { spans: [{ kind: 'yearly', from: '02-01', to: '03-31' }] },
      ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
    },
  });
  expect(created.status).toBe(201);
  const campaignId = (await created.json()).id as string;
  expect(
    (await t.request(`/api/v1/campaigns/${campaignId}/publish`, { method: 'POST', token: national })).status,
  ).toBe(200);

  const pdf = await t.request(`/api/v1/campaigns/${campaignId}/assets`, {
    method: 'POST',
    token: national,
    body: uploadForm(await makePdf('Svartsjuka är inte romantiskt'), 'affisch-a3.pdf', {
      language: 'sv',
      title: 'Affisch A3',
    }),
  });
  expect(pdf.status).toBe(201);
  const image = await t.request(`/api/v1/campaigns/${campaignId}/assets`, {
    method: 'POST',
    token: national,
    body: uploadForm(await makePng(600, 848), 'affisch-a3.png', {
      language: 'sv',
      altText: 'Affisch: Svartsjuka är inte romantiskt',
    }),
  });
  expect(image.status).toBe(201);
  return {
    t,
    admin,
    national,
    vastmanland,
    uppsala,
    campaignId,
    pdfAssetId: (await pdf.json()).id,
    imageAssetId: (await image.json()).id,
  };
}

/** A product of the world's campaign, made through the API; answers its JSON. */
export async function createProduct(
  world: OrderWorld,
  fields: {
    kind?: string;
    maxPerOrder?: number;
    quotaPerOrganisation?: number | null;
    stock?: number | null;
    language?: string;
    title?: string;
  } = {},
) {
  const response = await world.t.request(`/api/v1/campaigns/${world.campaignId}/products`, {
    method: 'POST',
    token: world.national,
    json: {
      code: unique('sir').toLowerCase().replaceAll('_', '-'),
      kind: fields.kind ?? 'poster_a3',
      language: fields.language ?? 'sv',
      title: { sv: fields.title ?? 'Affisch A3 – Svartsjuka är inte romantiskt', en: 'Poster A3' },
      printAssetId: world.pdfAssetId,
      previewAssetId: world.imageAssetId,
      maxPerOrder: fields.maxPerOrder ?? 50,
      quotaPerOrganisation: fields.quotaPerOrganisation ?? null,
      stock: fields.stock === undefined ? 1000 : fields.stock,
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; code: string; language: string; stockLeft: number | null };
}

/** An organisation in a municipality with a default address, and a member's token. */
export async function organisationWithMember(
  world: OrderWorld,
  municipalityCode = '1980',
  name = unique('Fritidsgården Åsen'),
) {
  const organisation = await world.t.organisation({
    kind: 'association',
    name,
    municipalityCode,
    defaultAddress: { recipient: name, street: 'Storgatan 1', postalCode: '721 87', city: 'Västerås' },
  });
  const { token, user } = await world.t.user({ role: 'member', organisationId: organisation.id });
  return { organisation, token, user };
}

/** A valid order body; lines as [productId, quantity]. */
export function orderBody(
  campaignId: string,
  lines: Array<[string, number]>,
  overrides: Record<string, unknown> = {},
) {
  return {
    campaignId,
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
    delivery: { kind: 'organisation_default' },
    contact: { name: 'Åsa Öberg', email: 'asa.oberg@example.se', phone: '021-39 00 00' },
    ...overrides,
  };
}

/** Places an order through the API. */
export function postOrder(world: OrderWorld, token: string, body: unknown, idempotencyKey?: string) {
  return world.t.request('/api/v1/orders', {
    method: 'POST',
    token,
    json: body,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
}

/** Row counts of everything an order writes, to prove a refusal wrote nothing. */
export async function orderRowCounts(world: OrderWorld) {
  const db = world.t.database.db;
  const n = async (table: PgTable) => {
    const [row] = await db.select({ n: count() }).from(table);
    return row?.n ?? 0;
  };
  return {
    orders: await n(orders),
    lines: await n(orderLines),
    events: await n(orderEvents),
    outbox: await n(outboxMessages),
    idempotencyKeys: await n(orderIdempotencyKeys),
    batches: await n(printBatches),
  };
}

/** A product's stock as stored. */
export async function stockOf(world: OrderWorld, productId: string): Promise<number | null> {
  const [row] = await world.t.database.db
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  return row?.stock ?? null;
}

/** Runs a scheduled job as the scheduler would at the clock's instant: at most once per slot. */
export function runScheduledJob(t: TestContext, name: string) {
  const job = jobDefinitions(t.deps.config).find((definition) => definition.name === name);
  if (!job) throw new Error(`no job ${name}`);
  const now = t.clock.now();
  return runOncePerSlot(t.database.db, t.deps.log, job.name, slotKey(now, job.slot), () =>
    job.run(t.deps, now),
  );
}
