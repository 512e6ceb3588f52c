import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR, type BenchResult } from './support/report.js';

/**
 * `npm run bench` runs every benchmark (bench/*.bench.ts), each in its own process so one cannot
 * skew another; `npm run bench -- <name>` runs one, `npm run bench -- --skip soak` all but the
 * ten-minute soak (shorten that with SOAK_SECONDS). Afterwards it writes a markdown summary of all
 * results (every ratio, setup, notes and figures) to bench/results/SUMMARY.md.
 */
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
// `--skip name` leaves a benchmark out (e.g. the ten-minute soak) without naming all the others.
const skipped = args.flatMap((arg, index) =>
  args[index - 1] === '--skip' ? [arg] : arg.startsWith('--skip=') ? [arg.slice(7)] : [],
);
const wanted = args.filter((arg, index) => !arg.startsWith('--skip') && args[index - 1] !== '--skip');
const all = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const chosen = (wanted.length ? all.filter((name) => wanted.includes(name)) : all).filter(
  (name) => !skipped.includes(name),
);
const unknown = [...wanted, ...skipped].filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.bench.ts`)], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${name}: failed to run (exit ${run.status})`);
  }
}
if (!existsSync(RESULTS_DIR)) mkdirSync(RESULTS_DIR, { recursive: true });
const results = readdirSync(RESULTS_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({
    ...(JSON.parse(readFileSync(path.join(RESULTS_DIR, file), 'utf8')) as BenchResult),
    file,
  }))
  .map(({ file, ...result }) => ({
    ...result,
    writtenAt: statSync(path.join(RESULTS_DIR, file)).mtime.toISOString(),
  }));
writeFileSync(path.join(RESULTS_DIR, 'SUMMARY.md'), summaryMarkdown(results));
console.log(`summary: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'SUMMARY.md'))}`);
process.exit(failed ? 1 : 0);

/** A number as the summary shows it: integers plain, small values with three significant digits. */
function figure(value: unknown): string {
  if (typeof value !== 'number') return typeof value === 'string' ? value : JSON.stringify(value);
  return Number.isInteger(value) || Math.abs(value) >= 100
    ? String(Math.round(value))
    : String(Number(value.toPrecision(3)));
}

/** The figures of `extra` worth a line: numbers and short values (series and tables stay in the JSON). */
function extraFigures(extra: Record<string, unknown> | undefined): string[] {
  return Object.entries(extra ?? {})
    .filter(
      ([, value]) =>
        typeof value === 'number' ||
        typeof value === 'string' ||
        (typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          JSON.stringify(value).length <= 300),
    )
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : figure(value)}`);
}

/** The markdown summary: one table of every result's ratio, then each benchmark's setup, notes and figures. */
function summaryMarkdown(results: Array<BenchResult & { writtenAt: string }>): string {
  const lines = [
    '# Benchmark summary',
    '',
    'Written by `npm run bench` from bench/results/*.json (each benchmark measures the real path and a reference in the same run).',
    '',
    '| benchmark | value | reference | ratio | target | met | run at |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${figure(r.value)} ${r.unit} | ${r.reference ? `${figure(r.reference.value)} (${r.reference.name})` : '–'} | ${r.ratio === null ? '–' : figure(r.ratio)} | ${r.target} | ${r.meets ? 'yes' : '**no**'} | ${r.writtenAt.slice(0, 16).replace('T', ' ')} |`,
    ),
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.name}`, '');
    lines.push(
      `- setup: ${Object.entries(r.setup)
        .map(([key, value]) => `${key} ${figure(value)}`)
        .join(', ')}`,
    );
    for (const note of r.notes ?? []) lines.push(`- ${note}`);
    for (const line of extraFigures(r.extra)) lines.push(`- ${line}`);
    lines.push('');
  }
  return lines.join('\n');
}
