import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from '@hono/zod-openapi';
import {
  type CampaignDefinition,
  CampaignDefinitionSchema,
  type DefinitionAsset,
} from './definition-schema.js';

/** The campaigns folder of this checkout. */
export const CAMPAIGNS_DIR = fileURLToPath(new URL('../../campaigns/', import.meta.url));

/** The name every definition file has inside its campaign folder. */
export const DEFINITION_FILE_NAME = 'campaign.json';

/** A definition asset with the absolute path of its file. */
export type LoadedAsset = DefinitionAsset & { path: string };

/** A validated definition, where it came from, and its assets with absolute paths. */
export type LoadedDefinition = Omit<CampaignDefinition, 'assets'> & {
  /** Absolute path of the campaign.json it was read from. */
  sourceFile: string;
  /** Absolute path of the campaign folder. */
  directory: string;
  assets: LoadedAsset[];
};

/** One thing wrong in one definition file: `field` is a dotted path such as `assets[2].altText`. */
export type DefinitionProblem = { file: string; field: string; message: string };

/** Thrown when any definition is broken; lists every problem in every file, not just the first. */
export class CampaignDefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(
      `invalid campaign definitions:\n${problems.map((p) => `  ${p.file}: ${p.field || '(file)'}: ${p.message}`).join('\n')}`,
    );
    this.name = 'CampaignDefinitionError';
  }
}

export type DefinitionCheck =
  | { ok: true; definition: CampaignDefinition }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Reads every `<dir>/<slug>/campaign.json`, validates it, checks that each referenced asset file
 * exists, and returns the definitions sorted by slug. Folders starting with `_` or `.` are not
 * campaigns (shared sources, tooling). Throws CampaignDefinitionError naming file and field.
 */
export async function loadCampaignDefinitions(dir: string = CAMPAIGNS_DIR): Promise<LoadedDefinition[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const loaded: LoadedDefinition[] = [];
  const problems: DefinitionProblem[] = [];
  for (const folder of folders) {
    const result = await loadDefinitionFolder(join(dir, folder), folder);
    if (result.ok) loaded.push(result.definition);
    else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new CampaignDefinitionError(problems);
  return loaded;
}

/** Validates parsed JSON as a campaign definition; `file` only labels the problems. */
export function checkCampaignDefinition(raw: unknown, file: string): DefinitionCheck {
  const parsed = CampaignDefinitionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => problemFromIssue(file, issue)) };
}

type FolderResult = { ok: true; definition: LoadedDefinition } | { ok: false; problems: DefinitionProblem[] };

/** Reads, validates and resolves one campaign folder. */
async function loadDefinitionFolder(directory: string, folder: string): Promise<FolderResult> {
  const sourceFile = join(directory, DEFINITION_FILE_NAME);
  const parsed = await readJson(sourceFile);
  if (!parsed.ok) return { ok: false, problems: [{ file: sourceFile, field: '', message: parsed.message }] };

  const checked = checkCampaignDefinition(parsed.value, sourceFile);
  if (!checked.ok) return checked;
  const { definition } = checked;

  const problems: DefinitionProblem[] = [];
  if (definition.slug !== folder) {
    problems.push({
      file: sourceFile,
      field: 'slug',
      message: `slug "${definition.slug}" differs from folder "${folder}"`,
    });
  }
  const assets = definition.assets.map((asset) => ({ ...asset, path: join(directory, asset.file) }));
  for (const [index, asset] of assets.entries()) {
    const missing = await fileProblem(asset.path);
    if (missing)
      problems.push({
        file: sourceFile,
        field: `assets[${index}].file`,
        message: `${asset.file}: ${missing}`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, definition: { ...definition, sourceFile, directory, assets } };
}

/** Parses a JSON file, reporting a missing file or bad JSON as a message. */
async function readJson(
  file: string,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { ok: false, message: `missing ${DEFINITION_FILE_NAME}` };
    throw error;
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
  }
}

/** Why a referenced asset cannot be used, or undefined when it is a readable file. */
async function fileProblem(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? undefined : 'is not a file';
  } catch (error) {
    if (isNotFound(error)) return 'file does not exist';
    throw error;
  }
}

function problemFromIssue(file: string, issue: z.core.$ZodIssue): DefinitionProblem {
  return { file, field: formatPath(issue.path), message: issue.message };
}

/** `['assets', 2, 'altText']` → `assets[2].altText`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
