import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset, slideBody } from '../../screens/screen-fixtures.js';
import { createTestContext, type TestContext, unique } from '../../support/test-app.js';

/* The API refuses to publish the way the page does: 422 publish_gate_failed with every problem. */

let t: TestContext;
let token: string;

beforeAll(async () => {
  t = await createTestContext();
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  token = (
    await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })
  ).token;
});
afterAll(async () => t?.close());

async function draft(languages: string[]): Promise<string> {
  const response = await t.request('/api/v1/campaigns', {
    method: 'POST',
    token,
    json: {
      slug: unique('gate'),
      title: { sv: 'Kampanj' },
      summary: { sv: 'S' },
      description: { sv: 'B' },
      tier: 'county',
      countyCode: '19',
      languages,
      airing: { spans: [{ kind: 'always' }] },
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

const publish = (id: string) => t.request(`/api/v1/campaigns/${id}/publish`, { method: 'POST', token });

describe('POST /api/v1/campaigns/{id}/publish', () => {
  it('answers 422 publish_gate_failed with one error per problem, and leaves the campaign a draft', async () => {
    const id = await draft(['sv', 'en']);
    const silent = await insertAsset(t, id, { language: 'sv', altText: '' });
    const slide = await t.request(`/api/v1/campaigns/${id}/slides`, {
      method: 'POST',
      token,
      json: slideBody([silent.id], { name: 'Stödlinjen', durationSeconds: 4 }),
    });
    expect(slide.status).toBe(201);
    const slideId = (await slide.json()).id;
    const response = await publish(id);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 422, code: 'publish_gate_failed' });
    expect(problem.errors).toEqual([
      expect.objectContaining({
        code: 'alt_text_missing',
        field: `assets.${silent.id}.altText`,
        assetId: silent.id,
        language: 'sv',
        message: expect.any(String),
      }),
      expect.objectContaining({
        code: 'language_variant_missing',
        field: `slides.${slideId}.variants.en`,
        slideId,
        language: 'en',
      }),
      expect.objectContaining({
        code: 'duration_too_short',
        field: `slides.${slideId}.durationSeconds`,
        slideId,
        durationSeconds: 4,
        neededSeconds: 5,
      }),
    ]);
    expect((await (await t.request(`/api/v1/campaigns/${id}`, { token })).json()).status).toBe('draft');
  });

  it('publishes once alt text, duration and a recorded reason for the missing language are in place', async () => {
    const id = await draft(['sv', 'en']);
    const art = await insertAsset(t, id, { language: 'sv', altText: 'Ring Kvinnofridslinjen 020-50 50 50.' });
    expect(
      (
        await t.request(`/api/v1/campaigns/${id}/slides`, {
          method: 'POST',
          token,
          json: slideBody([art.id], { durationSeconds: 6 }),
        })
      ).status,
    ).toBe(201);
    expect((await publish(id)).status).toBe(422);
    const reason = await t.request(`/api/v1/campaigns/${id}`, {
      method: 'PATCH',
      token,
      json: { languageExemptions: { en: 'Bara svensktalande besökare i den här butiken.' } },
    });
    expect(reason.status).toBe(200);
    expect((await reason.json()).languageExemptions).toEqual({
      en: 'Bara svensktalande besökare i den här butiken.',
    });
    const published = await publish(id);
    expect(published.status).toBe(200);
    expect((await published.json()).status).toBe('published');
  });

  it('refuses a blank reason for a missing language', async () => {
    const id = await draft(['sv', 'en']);
    const response = await t.request(`/api/v1/campaigns/${id}`, {
      method: 'PATCH',
      token,
      json: { languageExemptions: { en: ' ' } },
    });
    expect(response.status).toBe(400);
  });

  it('lets an already published campaign be published again without a new check', async () => {
    const id = await draft(['sv']);
    expect((await publish(id)).status).toBe(200);
    await insertAsset(t, id, { language: 'sv', altText: '' });
    expect((await publish(id)).status).toBe(200);
  });
});
