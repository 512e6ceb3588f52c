import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../results');

/** One benchmark's result, in the shape DESIGN.md describes. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  reference: { name: string; value: number } | null;
  /** value / reference.value (or reference / value for "lower is better" units, see `better`). */
  ratio: number | null;
  target: string;
  meets: boolean;
  setup: Record<string, unknown>;
  notes?: string[];
  extra?: Record<string, unknown>;
}

/**
 * Writes bench/results/<name>.json and prints the one-line summary, e.g.
 * `manifest-304: 41250 req/s = 0.79 x reference (target >= 0.70) ok`.
 */
export async function reportResult(result: BenchResult): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const value = formatNumber(result.value);
  const ratio = result.ratio === null ? '' : ` = ${result.ratio.toFixed(2)} x reference`;
  console.log(`${result.name}: ${value} ${result.unit}${ratio} (target ${result.target}) ${result.meets ? 'ok' : 'NOT MET'}`);
}

/** Compares a ratio or value with a target written as ">= 0.70" or "<= 1.5". */
export function meetsTarget(value: number, target: string): boolean {
  const match = /^(>=|<=)\s*([\d.]+)/.exec(target.trim());
  if (!match) throw new Error(`unreadable target ${target}`);
  const bound = Number(match[2]);
  return match[1] === '>=' ? value >= bound : value <= bound;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(3);
}
