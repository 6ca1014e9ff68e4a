// DESIGN section 2: one direction of dependency, transports → bot → flows → {cards, rules,
// store} → domain. This test reads every import in src/ and names each one that points the
// wrong way, so a shortcut shows up in review instead of in a tangle later. Circles are
// found by dpdm (`npx dpdm --no-tree 'src/**/*.ts'` shows the same).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * Each folder (or top-level file) of src/ and its row; a module imports only from rows
 * below its own, or from its own folder. Folders DESIGN does not draw sit where their
 * imports put them: the emulator and playground are the local transport; csv (import and
 * export) is used by flows and uses rules and store; i18n, demo and config sit just above
 * domain; the logger reads config.
 */
const ROW: Record<string, number> = {
  'main.ts': 9,
  transports: 8,
  emulator: 8,
  playground: 8,
  bot: 7,
  flows: 6,
  csv: 5,
  cards: 4,
  rules: 4,
  store: 4,
  'logger.ts': 3,
  i18n: 2,
  demo: 2,
  'config.ts': 2,
  domain: 1,
};

/** Folders that form one layer and may import each other (the local transport is three). */
const LAYER: Record<string, string> = { emulator: 'transports', playground: 'transports' };
const layerOf = (group: string): string => LAYER[group] ?? group;

interface Import {
  from: string; // path relative to src/
  group: string;
  specifier: string;
  target?: { path: string; group: string }; // for imports of our own files
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const groupOf = (relative: string): string => relative.split(path.sep)[0] ?? relative;

function importsOf(file: string): Import[] {
  const from = path.relative(SRC, file);
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from, group: groupOf(from), specifier };
    const targetPath = path.relative(SRC, path.resolve(path.dirname(file), specifier));
    return { from, group: groupOf(from), specifier, target: { path: targetPath, group: groupOf(targetPath.replace(/\.js$/, '.ts')) } };
  });
}

const sourceFiles = filesUnder(SRC);
const allImports = sourceFiles.flatMap(importsOf);
const ownImports = allImports.filter((i): i is Import & { target: NonNullable<Import['target']> } => i.target !== undefined);
const show = (i: Import) => `${i.from} imports '${i.specifier}'`;

describe('layers (DESIGN section 2)', () => {
  it('knows the row of every folder in src/', () => {
    const unknown = [...new Set(sourceFiles.map((file) => groupOf(path.relative(SRC, file))))].filter((g) => ROW[g] === undefined);
    expect(unknown, 'add the new folder to ROW in this test, in the row its imports put it').toEqual([]);
  });

  it('imports only from rows below, or from the same folder', () => {
    const wrong = ownImports.filter(
      ({ group, target }) => layerOf(target.group) !== layerOf(group) && (ROW[target.group] ?? 0) >= (ROW[group] ?? 0),
    );
    expect(wrong.map(show)).toEqual([]);
  });

  it('cards, rules and store never import each other', () => {
    const side = new Set(['cards', 'rules', 'store']);
    const wrong = ownImports.filter(({ group, target }) => side.has(group) && side.has(target.group) && group !== target.group);
    expect(wrong.map(show)).toEqual([]);
  });

  it('domain imports nothing of ours', () => {
    const wrong = ownImports.filter(({ group, target }) => group === 'domain' && target.group !== 'domain');
    expect(wrong.map(show)).toEqual([]);
  });

  it('rules are pure: no node: modules, no logger, no clock', () => {
    const rules = filesUnder(path.join(SRC, 'rules'));
    const wrongImports = allImports.filter(
      (i) => i.group === 'rules' && (i.specifier.startsWith('node:') || i.target?.path === 'logger.js' || i.specifier === 'winston'),
    );
    const clock = rules.filter((file) => /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|performance\.now\s*\(/.test(readFileSync(file, 'utf8')));
    expect(wrongImports.map(show)).toEqual([]);
    expect(clock.map((file) => path.relative(SRC, file))).toEqual([]);
  });

  it('has no import circle (type imports included)', async () => {
    const tree = await parseDependencyTree('src/**/*.ts', { context: path.resolve(SRC, '..'), onProgress: () => undefined });
    expect(parseCircular(tree).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('the emulator plays Webex on its own: it imports nothing of ours outside src/emulator', () => {
    const wrong = ownImports.filter(({ group, target }) => group === 'emulator' && target.group !== 'emulator');
    expect(wrong.map(show)).toEqual([]);
  });

  it('only local mode (the playground and its wiring in transports/) imports the emulator', () => {
    const LOCAL_MODE = new Set(['transports/local-mode.ts', 'transports/people-from-store.ts', 'transports/org-from-store.ts']);
    const wrong = ownImports.filter(
      ({ from, group, target }) => target.group === 'emulator' && group !== 'emulator' && group !== 'playground' && !LOCAL_MODE.has(from.split(path.sep).join('/')),
    );
    expect(wrong.map(show)).toEqual([]);
  });

  it('card builders (src/flows/**/cards.ts) get what they show: they read neither the store nor the views, and ask the rules nothing', () => {
    const builders = sourceFiles.filter((file) => path.relative(SRC, file).startsWith(`flows${path.sep}`) && path.basename(file) === 'cards.ts');
    expect(builders.length).toBeGreaterThan(3);
    const wrongImports = ownImports.filter(
      (i) => builders.includes(path.join(SRC, i.from)) && (i.target.group === 'store' || /(^|\/)(org-)?views?\.js$|org-view\.js$/.test(i.specifier)),
    );
    const asking = builders.filter((file) => /\b(evaluate|evaluateReassign|attendeeOptions|freeUnits|can)\(|\.store\b/.test(readFileSync(file, 'utf8')));
    expect(wrongImports.map(show)).toEqual([]);
    expect(asking.map((file) => path.relative(SRC, file))).toEqual([]);
  });

  it('keeps every file under src/ at 300 lines or fewer, except the message catalogs', () => {
    const long = sourceFiles
      .filter((file) => !file.includes(`${path.sep}i18n${path.sep}`))
      .map((file) => ({ file: path.relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});
