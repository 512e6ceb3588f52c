import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/http/define-route.js';
import { pairScreen } from '../screens/screen-fixtures.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/*
 * Property-based fuzzing of every operation of the API document (the list comes from the app's
 * own OpenAPI document, so new routes are fuzzed too): random and malformed bodies, queries, path
 * parameters and headers, sent by a caller the route admits so validation and services are
 * reached. Never a 5xx; and a refused request (4xx) changes no row count anywhere.
 * FUZZ_RUNS sets the runs per operation (CI keeps the default, which keeps this file under a minute or two).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

interface Operation {
  method: string;
  path: string;
  access: Access;
  queryNames: string[];
  bodyKeys: string[] | null;
}

let t: TestContext;
let operations: Operation[];
let callers: { admin: string; screen: string };
let countRows: () => Promise<Record<string, number>>;

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[] };

beforeAll(async () => {
  t = await createTestContext({ env: { TRUST_PROXY: 'true', UPLOAD_MAX_MB: '1' } });
  const admin = (await t.user({ role: 'admin' })).token;
  const screen = (await pairScreen(t, admin)).token;
  callers = { admin, screen };
  const document = t.app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'fuzz', version: '1' },
  }) as unknown as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-access': Access;
          parameters?: Array<{ in: string; name: string }>;
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''] : schema;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const jsonSchema = resolve(operation.requestBody?.content['application/json']?.schema);
      return {
        method: method.toUpperCase(),
        path,
        access: operation['x-access'],
        queryNames: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => parameter.name),
        bodyKeys: jsonSchema ? Object.keys(jsonSchema.properties ?? {}) : null,
      };
    }),
  );
  const tables = (await t.database.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows: Array<{ table_name: string }> } | Array<{ table_name: string }>;
  const names = (Array.isArray(tables) ? tables : tables.rows)
    .map((row) => row.table_name)
    .filter((name) => !name.startsWith('__drizzle'));
  const query = sql.raw(
    `select ${names.map((name) => `(select count(*) from "${name}")::int as "${name}"`).join(', ')}`,
  );
  countRows = async () => {
    const result = (await t.database.db.execute(query)) as unknown as
      | { rows: Array<Record<string, number>> }
      | Array<Record<string, number>>;
    return (Array.isArray(result) ? result[0] : result.rows[0]) ?? {};
  };
}, 120_000);
afterAll(() => t.close());

const hostileStrings = fc.constantFrom(
  '',
  '..',
  '../../etc/passwd',
  '%2e%2e%2f',
  '%00',
  'null',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '9'.repeat(400),
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '1e309',
  '-1',
  'scr_bogus',
);
const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  hostileStrings,
  fc.uuid(),
);
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    0,
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    [],
    {},
    { __proto__: { admin: true } },
    { constructor: { prototype: { x: 1 } } },
  ),
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

/** A body: random JSON, an object with the operation's own field names holding anything, or text that is not JSON. */
function bodyFor(operation: Operation) {
  const keys = operation.bodyKeys ?? [];
  return fc.oneof(
    anyJson.map((value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' })),
    (keys.length
      ? fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: keys.length + 1 })
      : fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 })
    ).map((value) => ({
      text: JSON.stringify(value),
      type: 'application/json',
    })),
    fc
      .constantFrom(
        '{',
        '{"a":',
        '[1,2',
        '\u0000',
        'true false',
        '{"__proto__":{"isAdmin":true}}',
        '{"a":1,"a":2}',
        `{"x":"${'a'.repeat(5000)}"}`,
      )
      .map((text) => ({ text, type: 'application/json' })),
    fc
      .tuple(
        anyString,
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'image/png',
        ),
      )
      .map(([text, type]) => ({ text, type })),
  );
}

function requestFor(operation: Operation) {
  const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return fc.record({
    params: fc.tuple(...pathNames.map(() => anyString)),
    query: fc.dictionary(
      fc.oneof(
        fc.constantFrom(...(operation.queryNames.length ? operation.queryNames : ['q'])),
        fc.string({ maxLength: 6 }),
      ),
      anyString,
      { maxKeys: 4 },
    ),
    body: fc.option(bodyFor(operation), { nil: undefined, freq: operation.bodyKeys ? 10 : 2 }),
    headers: fc.record(
      {
        'if-none-match': headerValue,
        'idempotency-key': headerValue,
        'accept-encoding': fc.constantFrom('gzip', 'br;q=0, gzip;q=0', '*', 'identity', 'x'.repeat(200)),
        range: fc.constantFrom(
          'bytes=0-0',
          'bytes=-1',
          'bytes=5-1',
          'bytes=0-99999999999999999999',
          'lines=1-2',
          'bytes=0-1,2-3',
        ),
        accept: fc.constantFrom('text/csv', 'application/json', '*/*', '\u0000'.replace('\u0000', '')),
        'x-request-id': headerValue,
      },
      { requiredKeys: [] },
    ),
  });
}

function callerFor(operation: Operation): string | undefined {
  if (operation.access.kind === 'screen') return callers.screen;
  if (operation.access.kind === 'public') return undefined;
  return callers.admin;
}

describe('fuzzing every JSON endpoint', () => {
  it('finds the operations in the API document', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it('never answers 5xx, and a refused request writes nothing', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      await fc
        .assert(
          fc.asyncProperty(requestFor(operation), async (input) => {
            let at = 0;
            const path = operation.path.replace(/\{\w+\}/g, () =>
              encodeURIComponent(String(input.params[at++] ?? '')),
            );
            const search = new URLSearchParams(Object.entries(input.query)).toString();
            const headers: Record<string, string> = {
              ...(input.headers as Record<string, string>),
              'x-forwarded-for': `10.66.${Math.floor(Math.random() * 250)}.1`,
            };
            if (input.body) headers['content-type'] = input.body.type;
            const before = await countRows();
            const response = await t.request(`${path}${search ? `?${search}` : ''}`, {
              method: operation.method,
              token: callerFor(operation),
              headers,
              body: input.body && !['GET', 'HEAD'].includes(operation.method) ? input.body.text : undefined,
            });
            await response.arrayBuffer();
            const where = `${operation.method} ${path}${search ? `?${search}` : ''} body=${input.body?.text.slice(0, 80)}`;
            if (response.status >= 500) {
              failures.push(`${response.status} for ${where}`);
              return false;
            }
            if (response.status >= 400) {
              const after = await countRows();
              const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
              if (changed.length) {
                failures.push(`${response.status} but rows changed in ${changed.join(', ')} for ${where}`);
                return false;
              }
            }
            return true;
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
        )
        .catch(() => {});
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
