import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CampaignDefinitionSchema } from './definition-schema.js';
import {
  CAMPAIGNS_DIR,
  CampaignDefinitionError,
  checkCampaignDefinition,
  type DefinitionProblem,
  loadCampaignDefinitions,
} from './load-definitions.js';

/** A small valid definition to break in one place per test. */
function validDefinition(slug = 'test-kampanj'): Record<string, unknown> {
  return {
    slug,
    title: { sv: 'Testkampanj', en: 'Test campaign' },
    summary: { sv: 'En rad om kampanjen.', en: 'One line about the campaign.' },
    description: { sv: 'Längre text om kampanjen.' },
    tier: 'county',
    owner: {
      slug: 'lansstyrelsen-vastmanland',
      name: 'Länsstyrelsen Västmanland',
      kind: 'county_board',
      countyCode: '19',
    },
    languages: ['sv', 'en'],
    audience: ['allmänheten'],
    airing: { spans: [{ kind: 'isoWeek', week: 48 }] },
    ordering: { spans: [{ kind: 'yearly', from: '12-15', to: '03-31' }] },
    support: [{ name: { sv: 'Kvinnofridslinjen' }, phone: '020-50 50 50' }],
    assets: [
      {
        file: 'artwork/bild-sv.svg',
        language: 'sv',
        altText: 'Mörkblå bild med texten Testkampanj.',
        purpose: ['screen'],
        orientation: 'landscape',
        rightsExpiry: '2030-12-31',
        focalPoint: { x: 0.5, y: 0.4 },
      },
    ],
  };
}

/** Writes campaign folders into a fresh temp campaigns folder; `files` are created empty. */
function campaignsFolder(campaigns: { folder: string; json: unknown | string; files?: string[] }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'campaigns-'));
  for (const campaign of campaigns) {
    const folder = join(dir, campaign.folder);
    mkdirSync(join(folder, 'artwork'), { recursive: true });
    const text = typeof campaign.json === 'string' ? campaign.json : JSON.stringify(campaign.json);
    writeFileSync(join(folder, 'campaign.json'), text);
    for (const file of campaign.files ?? [])
      writeFileSync(join(folder, file), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  }
  return dir;
}

/** The problems a load reports, or fails the test when it loads. */
async function problemsOf(dir: string): Promise<DefinitionProblem[]> {
  try {
    await loadCampaignDefinitions(dir);
  } catch (error) {
    if (error instanceof CampaignDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected the definitions to be rejected');
}

/** The dotted fields a definition fails on, via the schema alone. */
function failingFields(definition: unknown): string[] {
  const result = checkCampaignDefinition(definition, 'campaign.json');
  return result.ok ? [] : result.problems.map((problem) => problem.field);
}

describe('loadCampaignDefinitions on the campaigns folder of the repository', () => {
  it('loads every campaign, sorted by slug, with absolute asset paths', async () => {
    const loaded = await loadCampaignDefinitions();
    expect(loaded.map((definition) => definition.slug)).toEqual([
      'en-vecka-fri-fran-vald',
      'lat-inte-tystnaden-tala',
      'svartsjuka-ar-inte-romantiskt',
      'tillsammans-mot-vald',
      'tillsammans-mot-vald-vastmanland',
    ]);
    for (const definition of loaded) {
      expect(definition.sourceFile).toBe(join(CAMPAIGNS_DIR, definition.slug, 'campaign.json'));
      for (const asset of definition.assets) {
        expect(isAbsolute(asset.path)).toBe(true);
        expect(asset.path).toBe(join(CAMPAIGNS_DIR, definition.slug, asset.file));
      }
    }
  });

  it('reads the windows of the real campaigns as written', async () => {
    const bySlug = new Map(
      (await loadCampaignDefinitions()).map((definition) => [definition.slug, definition]),
    );
    expect(bySlug.get('svartsjuka-ar-inte-romantiskt')?.airing.spans).toEqual([
      { kind: 'yearly', from: '02-01', to: '03-31' },
    ]);
    expect(bySlug.get('svartsjuka-ar-inte-romantiskt')?.ordering?.spans).toEqual([
      { kind: 'yearly', from: '12-15', to: '03-31' },
    ]);
    expect(bySlug.get('en-vecka-fri-fran-vald')?.airing.spans).toEqual([{ kind: 'isoWeek', week: 48 }]);
    expect(bySlug.get('tillsammans-mot-vald-vastmanland')?.owner.countyCode).toBe('19');
  });
});

describe('loadCampaignDefinitions on broken definitions', () => {
  it('names the file and the field of a schema failure', async () => {
    const broken = validDefinition();
    const assets = broken.assets as Record<string, unknown>[];
    delete assets[0]?.altText;
    const dir = campaignsFolder([{ folder: 'test-kampanj', json: broken, files: ['artwork/bild-sv.svg'] }]);

    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      {
        file: join(dir, 'test-kampanj', 'campaign.json'),
        field: 'assets[0].altText',
        message: 'an image needs alt text',
      },
    ]);
  });

  it('puts file and field in the error message', async () => {
    const broken = { ...validDefinition(), tier: 'regional' };
    const dir = campaignsFolder([{ folder: 'test-kampanj', json: broken, files: ['artwork/bild-sv.svg'] }]);
    await expect(loadCampaignDefinitions(dir)).rejects.toThrow(
      new RegExp(`${join(dir, 'test-kampanj', 'campaign.json')}: tier: `),
    );
  });

  it('reports an asset file that does not exist', async () => {
    const dir = campaignsFolder([{ folder: 'test-kampanj', json: validDefinition() }]);
    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      {
        file: join(dir, 'test-kampanj', 'campaign.json'),
        field: 'assets[0].file',
        message: 'artwork/bild-sv.svg: file does not exist',
      },
    ]);
  });

  it('reports invalid JSON and a missing campaign.json, and keeps going to list them all', async () => {
    const dir = campaignsFolder([
      { folder: 'a-trasig', json: '{ "slug": ' },
      { folder: 'b-hel', json: validDefinition('b-hel'), files: ['artwork/bild-sv.svg'] },
    ]);
    mkdirSync(join(dir, 'c-utan-fil'));
    const problems = await problemsOf(dir);
    expect(problems.map((problem) => [problem.file, problem.field])).toEqual([
      [join(dir, 'a-trasig', 'campaign.json'), ''],
      [join(dir, 'c-utan-fil', 'campaign.json'), ''],
    ]);
    expect(problems[0]?.message).toMatch(/^not valid JSON/);
    expect(problems[1]?.message).toBe('missing campaign.json');
  });

  it('rejects a slug that differs from its folder', async () => {
    const dir = campaignsFolder([
      { folder: 'annan-mapp', json: validDefinition(), files: ['artwork/bild-sv.svg'] },
    ]);
    const problems = await problemsOf(dir);
    expect(problems.map((problem) => problem.field)).toEqual(['slug']);
  });

  it('skips folders starting with an underscore or a dot', async () => {
    const dir = campaignsFolder([
      { folder: 'test-kampanj', json: validDefinition(), files: ['artwork/bild-sv.svg'] },
    ]);
    mkdirSync(join(dir, '_artwork'));
    mkdirSync(join(dir, '.cache'));
    const loaded = await loadCampaignDefinitions(dir);
    expect(loaded.map((definition) => definition.slug)).toEqual(['test-kampanj']);
    expect(loaded[0]?.assets[0]?.path).toBe(join(dir, 'test-kampanj', 'artwork', 'bild-sv.svg'));
  });
});

describe('CampaignDefinitionSchema', () => {
  it('accepts the valid example', () => {
    expect(CampaignDefinitionSchema.safeParse(validDefinition()).success).toBe(true);
  });

  it('rejects an unknown field instead of dropping it', () => {
    expect(failingFields({ ...validDefinition(), airng: {} })).toEqual(['']);
    const result = checkCampaignDefinition({ ...validDefinition(), airng: {} }, 'campaign.json');
    expect(result.ok ? '' : result.problems[0]?.message).toMatch(/airng/);
  });

  it('requires kebab-case slugs', () => {
    expect(failingFields({ ...validDefinition(), slug: 'Svartsjuka är' })).toEqual(['slug']);
    expect(failingFields({ ...validDefinition(), slug: 'a--b' })).toEqual(['slug']);
  });

  it('requires the owner county for a county campaign and the municipality for a local one', () => {
    const owner = { slug: 'vasteras-stad', name: 'Västerås stad', kind: 'association' };
    expect(failingFields({ ...validDefinition(), owner })).toEqual(['owner.countyCode']);
    expect(
      failingFields({ ...validDefinition(), tier: 'local', owner: { ...owner, countyCode: '19' } }),
    ).toEqual(['owner.municipalityCode']);
    expect(
      failingFields({
        ...validDefinition(),
        tier: 'local',
        owner: { ...owner, countyCode: '19', municipalityCode: '1980' },
      }),
    ).toEqual([]);
  });

  it('rejects a municipality outside the owner county and codes not on the official list', () => {
    const owner = { slug: 'x', name: 'X', kind: 'municipality', countyCode: '19', municipalityCode: '0180' };
    expect(failingFields({ ...validDefinition(), owner })).toEqual(['owner.municipalityCode']);
    const badCounty = { ...owner, countyCode: '26', municipalityCode: undefined };
    expect(failingFields({ ...validDefinition(), owner: badCounty })).toContain('owner.countyCode');
    const unknownMunicipality = { ...owner, municipalityCode: '1999' };
    expect(failingFields({ ...validDefinition(), owner: unknownMunicipality })).toEqual([
      'owner.municipalityCode',
    ]);
  });

  it('requires a title and a summary in every declared language', () => {
    const definition = { ...validDefinition(), languages: ['sv', 'en', 'ar'] };
    expect(failingFields(definition)).toEqual(['title.ar', 'summary.ar']);
  });

  it('takes the first language as primary and forbids repeats', () => {
    expect(failingFields({ ...validDefinition(), languages: ['sv', 'sv'] })).toEqual(['languages']);
    expect(failingFields({ ...validDefinition(), languages: [] })).toContain('languages');
  });

  it('keeps a summary to one line', () => {
    const summary = { sv: 'Första raden.\nAndra raden.', en: 'One line.' };
    expect(failingFields({ ...validDefinition(), summary })).toEqual(['summary']);
  });

  it('checks asset paths, languages, purposes, focal points and rights dates', () => {
    const asset = (validDefinition().assets as Record<string, unknown>[])[0] ?? {};
    const withAsset = (changes: Record<string, unknown>) => ({
      ...validDefinition(),
      assets: [{ ...asset, ...changes }],
    });
    expect(failingFields(withAsset({ file: '../annan/bild.svg' }))).toEqual(['assets[0].file']);
    expect(failingFields(withAsset({ file: '/etc/passwd' }))).toEqual(['assets[0].file']);
    expect(failingFields(withAsset({ language: 'ar' }))).toEqual(['assets[0].language']);
    expect(failingFields(withAsset({ purpose: [] }))).toEqual(['assets[0].purpose']);
    expect(failingFields(withAsset({ purpose: ['billboard'] }))).toEqual(['assets[0].purpose[0]']);
    expect(failingFields(withAsset({ focalPoint: { x: 1.2, y: 0 } }))).toEqual(['assets[0].focalPoint.x']);
    expect(failingFields(withAsset({ rightsExpiry: '2030-02-30' }))).toEqual(['assets[0].rightsExpiry']);
    expect(failingFields(withAsset({ orientation: 'square' }))).toEqual(['assets[0].orientation']);
  });

  it('needs alt text for images but not for a print PDF', () => {
    const asset = (validDefinition().assets as Record<string, unknown>[])[0] ?? {};
    const pdf = { file: 'print/affisch.pdf', language: 'sv', purpose: ['print'] };
    expect(failingFields({ ...validDefinition(), assets: [asset, pdf] })).toEqual([]);
    expect(failingFields({ ...validDefinition(), assets: [{ ...asset, altText: '  ' }] })).toEqual([
      'assets[0].altText',
    ]);
  });

  it('rejects the same file listed twice', () => {
    const asset = (validDefinition().assets as Record<string, unknown>[])[0] ?? {};
    expect(failingFields({ ...validDefinition(), assets: [asset, asset] })).toEqual(['assets[1].file']);
  });

  it('accepts support lines with a phone number or an https address only', () => {
    const line = { name: { sv: 'Stödlinje' } };
    expect(failingFields({ ...validDefinition(), support: [{ ...line, phone: '112' }] })).toEqual([]);
    expect(failingFields({ ...validDefinition(), support: [{ ...line, phone: 'ring oss' }] })).toEqual([
      'support[0].phone',
    ]);
    expect(failingFields({ ...validDefinition(), support: [{ ...line, url: 'http://example.se' }] })).toEqual(
      ['support[0].url'],
    );
  });
});
