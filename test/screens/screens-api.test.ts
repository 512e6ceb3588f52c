import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { insertAsset, pairingEnv, pairScreen, publishedCampaign, screenSettings, slideBody } from './screen-fixtures.js';

let t: TestContext;
let national: string;
let vastmanland: string;
let uppsala: string;
let arboga: string;
let member: string;
let vasteras: { screenId: string; token: string };
let arbogaScreen: { screenId: string; token: string };
let uppsalaScreen: { screenId: string; token: string };

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);
const json = async (response: Response | Promise<Response>) => (await response).json();

beforeAll(async () => {
  t = await createTestContext({ env: pairingEnv });
  const board = await t.organisation({ kind: 'county_board', countyCode: '19' });
  national = (await t.user({ role: 'coordinator', scope: 'national' })).token;
  vastmanland = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '19', organisationId: board.id })).token;
  uppsala = (await t.user({ role: 'coordinator', scope: 'county', scopeCountyCode: '03' })).token;
  arboga = (await t.user({ role: 'coordinator', scope: 'municipality', scopeMunicipalityCode: '1984' })).token;
  member = (await t.user({ role: 'member', organisationId: board.id })).token;
  vasteras = await pairScreen(t, vastmanland, { tags: ['entrance', 'pilot'], chain: 'ica' });
  arbogaScreen = await pairScreen(t, vastmanland, { municipalityCode: '1984', chain: 'coop', orientation: 'portrait', width: 1080, height: 1920 });
  uppsalaScreen = await pairScreen(t, uppsala, { municipalityCode: '0380', tags: ['entrance'] });
});
afterAll(() => t.close());

describe('listing and changing screens', () => {
  it("lists only the screens in the caller's scope, with filters", async () => {
    const county = await json(t.request('/api/v1/screens', { token: vastmanland }));
    expect(ids(county)).toEqual(expect.arrayContaining([vasteras.screenId, arbogaScreen.screenId]));
    expect(ids(county)).not.toContain(uppsalaScreen.screenId);
    expect(ids(await json(t.request('/api/v1/screens', { token: arboga })))).toEqual([arbogaScreen.screenId]);
    expect(ids(await json(t.request('/api/v1/screens?chain=coop', { token: vastmanland })))).toEqual([arbogaScreen.screenId]);
    expect(ids(await json(t.request('/api/v1/screens?tag=entrance', { token: national })))).toEqual(
      expect.arrayContaining([vasteras.screenId, uppsalaScreen.screenId]),
    );
    const paged = await json(t.request('/api/v1/screens?county=19&limit=1', { token: vastmanland }));
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(2);
    expect((await t.request('/api/v1/screens?county=03', { token: vastmanland })).status).toBe(403);
    expect((await t.request('/api/v1/screens', { token: member })).status).toBe(403);
    expect((await t.request('/api/v1/screens')).status).toBe(401);
  });

  it("hides another county's screen (404) and refuses members (403)", async () => {
    expect((await t.request(`/api/v1/screens/${vasteras.screenId}`, { token: uppsala })).status).toBe(404);
    expect((await t.request(`/api/v1/screens/${vasteras.screenId}`, { token: arboga })).status).toBe(404);
    expect((await t.request(`/api/v1/screens/${vasteras.screenId}`, { token: member })).status).toBe(403);
    expect((await t.request(`/api/v1/screens/${vasteras.screenId}`, { method: 'PATCH', token: uppsala, json: { name: 'Mine now' } })).status).toBe(404);
    expect((await t.request('/api/v1/screens/not-a-uuid', { token: vastmanland })).status).toBe(400);
  });

  it('changes settings within scope, refuses moves out of it, and changes the manifest', async () => {
    const path = `/api/v1/screens/${vasteras.screenId}`;
    const before = (await t.request('/api/v1/screens/me/manifest', { token: vasteras.token })).headers.get('etag') as string;
    const moved = await t.request(path, { method: 'PATCH', token: vastmanland, json: { municipalityCode: '0380' } });
    expect(moved.status).toBe(403);
    expect((await t.request(path, { method: 'PATCH', token: vastmanland, json: { languages: ['sv', 'sv'] } })).status).toBe(400);
    expect((await t.request(path, { method: 'PATCH', token: vastmanland, json: {} })).status).toBe(400);
    expect((await json(t.request(path, { token: vastmanland }))).municipalityCode).toBe('1980');
    const changed = await t.request(path, { method: 'PATCH', token: vastmanland, json: { languages: ['ar', 'sv'], name: 'Entrén' } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ languages: ['ar', 'sv'], name: 'Entrén', municipalityCode: '1980' });
    const after = await t.request('/api/v1/screens/me/manifest', { token: vasteras.token, headers: { 'if-none-match': before } });
    expect(after.status).toBe(200);
    expect((await after.json()).screen.languages).toEqual(['ar', 'sv']);
  });

  it('deletes a screen, after which its token no longer works', async () => {
    const doomed = await pairScreen(t, vastmanland);
    expect((await t.request(`/api/v1/screens/${doomed.screenId}`, { method: 'DELETE', token: uppsala })).status).toBe(404);
    expect((await t.request('/api/v1/screens/me/manifest', { token: doomed.token })).status).toBe(200);
    expect((await t.request(`/api/v1/screens/${doomed.screenId}`, { method: 'DELETE', token: vastmanland })).status).toBe(204);
    expect((await t.request('/api/v1/screens/me/manifest', { token: doomed.token })).status).toBe(401);
    expect((await t.request(`/api/v1/screens/${doomed.screenId}`, { token: vastmanland })).status).toBe(404);
  });
});

describe('screen groups', () => {
  it('keeps static members inside the group region and the scope of whoever adds them', async () => {
    const created = await t.request('/api/v1/screen-groups', {
      method: 'POST',
      token: vastmanland,
      json: { name: 'Västmanlands stormarknader', kind: 'static', countyCode: '19', screenIds: [vasteras.screenId] },
    });
    expect(created.status).toBe(201);
    const group = await created.json();
    expect(group).toMatchObject({ kind: 'static', memberCount: 1, countyCode: '19' });
    const members = `/api/v1/screen-groups/${group.id}/members`;
    const outside = await t.request(members, { method: 'POST', token: national, json: { screenIds: [uppsalaScreen.screenId] } });
    expect(outside.status).toBe(422);
    expect((await t.request(members, { method: 'POST', token: uppsala, json: { screenIds: [uppsalaScreen.screenId] } })).status).toBe(404);
    expect((await json(t.request(`/api/v1/screen-groups/${group.id}`, { token: vastmanland }))).memberCount).toBe(1);
    expect((await t.request(members, { method: 'POST', token: vastmanland, json: { screenIds: [arbogaScreen.screenId] } })).status).toBe(200);
    expect(ids(await json(t.request(`/api/v1/screens?group=${group.id}`, { token: vastmanland }))).sort()).toEqual(
      [vasteras.screenId, arbogaScreen.screenId].sort(),
    );
    expect((await t.request(`${members}/${arbogaScreen.screenId}`, { method: 'DELETE', token: vastmanland })).status).toBe(200);
    expect((await json(t.request(`/api/v1/screens/${arbogaScreen.screenId}`, { token: vastmanland }))).groupIds).not.toContain(group.id);
  });

  it('puts screens in dynamic groups by rule, the same in lists as for manifests', async () => {
    const refused = await t.request('/api/v1/screen-groups', { method: 'POST', token: vastmanland, json: { name: 'Alla entréer', kind: 'dynamic', rule: { tags: ['entrance'] } } });
    expect(refused.status).toBe(403);
    const created = await t.request('/api/v1/screen-groups', { method: 'POST', token: national, json: { name: 'Alla entréer', kind: 'dynamic', rule: { tags: ['entrance'] } } });
    expect(created.status).toBe(201);
    const group = await created.json();
    expect(group.memberCount).toBeNull();
    expect((await t.request('/api/v1/screen-groups', { method: 'POST', token: national, json: { name: 'x', kind: 'dynamic' } })).status).toBe(400);
    const listed = ids(await json(t.request(`/api/v1/screens?group=${group.id}`, { token: national })));
    expect(listed.sort()).toEqual([vasteras.screenId, uppsalaScreen.screenId].sort());
    for (const screen of [vasteras, arbogaScreen, uppsalaScreen]) {
      const shown = await json(t.request(`/api/v1/screens/${screen.screenId}`, { token: national }));
      expect(shown.groupIds.includes(group.id)).toBe(listed.includes(screen.screenId));
    }
    const groups = ids(await json(t.request('/api/v1/screen-groups', { token: uppsala })));
    expect(groups).toContain(group.id);
    expect((await t.request(`/api/v1/screen-groups/${group.id}`, { method: 'PATCH', token: uppsala, json: { name: 'Nej' } })).status).toBe(403);
  });

  it('lets a slide aimed at a group reach only the screens in it', async () => {
    const group = await json(
      t.request('/api/v1/screen-groups', { method: 'POST', token: vastmanland, json: { name: 'Coop', kind: 'dynamic', countyCode: '19', rule: { chains: ['coop'] } } }),
    );
    const campaign = await publishedCampaign(t, vastmanland, { tier: 'county', countyCode: '19', airing: { spans: [{ kind: 'always' }] } });
    const asset = await insertAsset(t, campaign, { orientation: 'any' });
    const slide = await json(
      t.request(`/api/v1/campaigns/${campaign}/slides`, { method: 'POST', token: vastmanland, json: slideBody([asset.id], { targeting: { groups: [group.id] } }) }),
    );
    expect(slide.targeting).toEqual({ groups: [group.id], counties: ['19'] });
    const playing = async (screenId: string) =>
      (await json(t.request(`/api/v1/screens/${screenId}/playlist?at=2026-11-25T12:00:00Z`, { token: vastmanland }))).items.map(
        (item: { slideId: string }) => item.slideId,
      );
    expect(await playing(arbogaScreen.screenId)).toContain(slide.id);
    expect(await playing(vasteras.screenId)).not.toContain(slide.id);
    expect((await t.request(`/api/v1/screen-groups/${group.id}`, { method: 'DELETE', token: vastmanland })).status).toBe(204);
    expect(await playing(arbogaScreen.screenId)).not.toContain(slide.id);
  });

  it('refuses claims that name a group the coordinator cannot use, writing nothing', async () => {
    const group = await json(t.request('/api/v1/screen-groups', { method: 'POST', token: uppsala, json: { name: 'Uppsala', kind: 'static', countyCode: '03' } }));
    const before = (await json(t.request('/api/v1/screens', { token: vastmanland }))).total;
    const { code } = await json(t.request('/api/v1/pairing', { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.7' } }));
    const claimed = await t.request(`/api/v1/pairing/${code}/claim`, { method: 'POST', token: vastmanland, json: screenSettings({ groupIds: [group.id] }) });
    expect(claimed.status).toBe(422);
    expect((await json(t.request('/api/v1/screens', { token: vastmanland }))).total).toBe(before);
  });
});
