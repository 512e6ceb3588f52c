import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PLAYER_ROOT } from './player-modules.js';

/** Every file of the player, by path below player/. */
const files = readdirSync(PLAYER_ROOT, { recursive: true, encoding: 'utf8' })
  .filter((name) => statSync(path.join(PLAYER_ROOT, name)).isFile())
  .map((name) => name.split(path.sep).join('/'))
  .sort();
const read = (name: string) => readFileSync(path.join(PLAYER_ROOT, name), 'utf8');
const scripts = files.filter((name) => name.endsWith('.js'));

const PLAYER_BUDGET_BYTES = 50 * 1024;

/** The script as TypeScript prints it for a target; equal for ES2020 and ESNext only when nothing needed lowering. */
function printedFor(source: string, target: ts.ScriptTarget): string {
  return ts.transpileModule(source, {
    compilerOptions: { target, module: ts.ModuleKind.ESNext, removeComments: true },
  }).outputText;
}

function hasTopLevelAwait(source: string): boolean {
  const file = ts.createSourceFile('player.js', source, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}

describe('the player files', () => {
  it(`weigh at most ${PLAYER_BUDGET_BYTES / 1024} KB together before compression`, () => {
    const bytes = files.reduce((sum, name) => sum + statSync(path.join(PLAYER_ROOT, name)).size, 0);
    expect(files.length).toBeGreaterThan(5);
    expect(bytes).toBeLessThanOrEqual(PLAYER_BUDGET_BYTES);
  });

  it.each(scripts)('%s uses no syntax newer than ES2020 (older Chromium runs it unbuilt)', (name) => {
    const source = read(name);
    expect(printedFor(source, ts.ScriptTarget.ES2020)).toBe(printedFor(source, ts.ScriptTarget.ESNext));
    expect(hasTopLevelAwait(source)).toBe(false);
  });

  it('make no object URLs, which would leak over weeks of playback (cached media play by their URLs)', () => {
    for (const name of scripts) expect(read(name), name).not.toMatch(/createObjectURL|revokeObjectURL/);
  });

  it('keep CSS flat and free of properties Chromium 80 lacks', () => {
    for (const name of files.filter((file) => file.endsWith('.css'))) {
      const css = read(name).replace(/\/\*[\s\S]*?\*\//g, '');
      let depth = 0;
      for (const char of css) {
        if (char === '{') depth += 1;
        if (char === '}') depth -= 1;
        expect(depth, `${name} nests rules`).toBeLessThanOrEqual(1);
      }
      expect(css, `${name} uses inset or gap`).not.toMatch(/(^|[;{\s])(inset|gap)\s*:/);
      expect(css).not.toContain('&');
    }
  });

  it('are all precached by the service worker, so the shell starts offline', () => {
    const worker = read('sw.js');
    const list = /const SHELL = \[([^\]]*)\]/.exec(worker)?.[1] ?? '';
    const listed = [...list.matchAll(/'([^']+)'/g)].map((match) => match[1] as string);
    const shell = files
      .filter((name) => name !== 'sw.js')
      .map((name) => (name === 'index.html' ? './' : name));
    expect([...listed].sort()).toEqual([...shell].sort());
  });
});
