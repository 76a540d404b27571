// The repository's own sample events, and which function each belongs to.
//
// Which files are samples: JSON files in a folder named `events` (SAM's `sam init` layout, at the
// root or under a function's folder), files named `event.json`, `*-event.json`, `*_event.json` or
// `*.event.json` anywhere, and JSON files a test file loads through a path written in it
// (`require('../events/x.json')`, `import e from './fixtures/e.json'`,
// `readFileSync(path.join(__dirname, 'event.json'))`). Only paths in RepoView.files count: a path
// that climbs out of the repository, or names a file the view does not hold, is never read.
//
// Which function a sample belongs to, first rule that decides:
// 1. A test file that imports the function's handler file gives the JSON it loads to that function.
// 2. A sample whose file name names functions (the function's id, its handler file's name or folder,
//    its export, without a `Function`/`Handler`/`Lambda` ending; compared lower-case, letters and
//    digits only; the longest name wins) belongs to those functions, when they are near it (rule 3's folders).
// 3. Otherwise by folder: a sample's place is its folder without trailing `events`, `fixtures`, `test`…
//    segments; a function's homes are its handler's folder, its code folder and its declaration's
//    folder. Among the functions with a home on the same branch of the tree as the sample's place
//    (one inside the other), those whose home is fewest levels away get it; a tie gives it to each.
import { posix } from 'node:path';
import { insideRepo, type LambdaFunction } from '../../lambda/functions.js';
import { SOURCE_EXTENSIONS } from '../../lambda/handler-files.js';
import type { RepoView } from '../../codemods/types.js';
import {
  buildOutputFolders,
  dependencyFolders,
  deployStateFolders,
  insideFolders,
} from '../../util/excluded-folders.js';
import { ts } from '../../util/typescript.cjs';

export interface Sample {
  file: string;
  event: unknown;
  /** Where the sample lives, for rule 3. */
  place: string;
  /** Handler files of the test files that load it (rule 1). */
  loadedBy: Set<string>;
}

const skipped = insideFolders([...dependencyFolders, ...buildOutputFolders, ...deployStateFolders]);
const testFile = /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(test|tests|__tests__)\/.*\.[cm]?[jt]sx?$/;
const eventName = /(^|[-_.])event\.json$/i;
const notEvents = /^(package(-lock)?|tsconfig.*|jsconfig|env|\.?eslintrc|cdk|tslint|.*\.schema)\.json$/i;
const placeSegments = new Set([
  'events',
  'event',
  'fixtures',
  '__fixtures__',
  'test',
  'tests',
  '__tests__',
  'testdata',
  'test-data',
  'data',
  'samples',
  'mocks',
  '__mocks__',
  'unit',
  'integration',
]);
const maxBytes = 256 * 1024;

/** A folder without its trailing test and event segments: `hello/tests/unit` → `hello`. */
export function placeOf(folder: string): string {
  const parts = folder === '.' ? [] : folder.split('/');
  while (parts.length && placeSegments.has(parts[parts.length - 1].toLowerCase())) parts.pop();
  return parts.join('/') || '.';
}

function parseJson(repo: RepoView, file: string): unknown {
  const text = repo.read(file);
  if (text.length > maxBytes) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every sample event of the repository (computed once per view). */
export function repositorySamples(repo: RepoView): Sample[] {
  const cached = cache.get(repo);
  if (cached) return cached;
  const files = new Set(repo.files);
  const found = new Map<string, Sample>();
  const add = (file: string, place: string): Sample | undefined => {
    if (found.has(file)) return found.get(file);
    if (notEvents.test(posix.basename(file))) return undefined;
    const event = parseJson(repo, file);
    if (event === undefined || event === null || typeof event !== 'object') return undefined;
    const sample: Sample = { file, event, place, loadedBy: new Set() };
    found.set(file, sample);
    return sample;
  };
  for (const file of repo.files) {
    if (skipped.test(file) || !file.toLowerCase().endsWith('.json')) continue;
    const dir = posix.dirname(file);
    if (eventName.test(posix.basename(file)) || dir.split('/').some((part) => /^events$/i.test(part)))
      add(file, placeOf(dir));
  }
  for (const file of repo.files) {
    if (skipped.test(file) || !testFile.test(file) || file.endsWith('.d.ts')) continue;
    const { json, modules } = testReferences(repo, files, file);
    for (const path of json) {
      const sample = add(path, placeOf(posix.dirname(file)));
      for (const module of modules) sample?.loadedBy.add(module);
    }
  }
  const out = [...found.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  cache.set(repo, out);
  return out;
}

const cache = new WeakMap<RepoView, Sample[]>();

/** The package folder a test runner runs in (nearest package.json above), where relative file reads start. */
function packageRoot(files: ReadonlySet<string>, file: string): string {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (files.has(dir === '.' ? 'package.json' : `${dir}/package.json`)) return dir;
    if (dir === '.' || dir === '') return '.';
  }
}

/** JSON files a test file loads and the source modules it imports, as repository paths that exist. */
function testReferences(
  repo: RepoView,
  files: ReadonlySet<string>,
  file: string,
): { json: string[]; modules: string[] } {
  const text = repo.read(file);
  if (!/\.json\b/.test(text)) return { json: [], modules: [] };
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  } catch {
    return { json: [], modules: [] };
  }
  const here = posix.dirname(file);
  const cwd = packageRoot(files, file);
  const json = new Set<string>();
  const modules = new Set<string>();
  const existing = (path: string | undefined) => (path !== undefined && files.has(path) ? path : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) {
      const target = literalPath(node, here, cwd);
      if (target && /\.json$/i.test(target)) {
        const path = existing(target);
        if (path) json.add(path);
      } else if (target && isImportLike(node)) {
        const path = [target, ...SOURCE_EXTENSIONS.map((ext) => target + ext)].find((p) => files.has(p));
        if (path) modules.add(path);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { json: [...json], modules: [...modules] };
}

function isImportLike(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
  if (ts.isExternalModuleReference(parent)) return true;
  if (!ts.isCallExpression(parent)) return false;
  const callee = parent.expression.getText();
  // require(), import(), and the module mocks and loaders tests use
  return (
    parent.expression.kind === ts.SyntaxKind.ImportKeyword || /^(require|jest\.mock|vi\.mock|proxyquire)$/.test(callee)
  );
}

/**
 * The repository path a string literal names, or undefined: a `./` or `../` path of an import or
 * require (from the test's folder), a part of `path.join/resolve(__dirname, …)` with only literal
 * parts (from the test's folder), or another literal path (from the folder tests run in).
 */
function literalPath(node: ts.StringLiteralLike, here: string, cwd: string): string | undefined {
  const parent = node.parent;
  if (ts.isCallExpression(parent) && /(^|\.)(join|resolve)$/.test(parent.expression.getText())) {
    if (parent.arguments[parent.arguments.length - 1] !== node) return undefined;
    const [head, ...rest] = parent.arguments;
    const fromHere = head?.getText() === '__dirname';
    const parts: string[] = [];
    for (const arg of fromHere ? rest : parent.arguments) {
      if (!ts.isStringLiteralLike(arg)) return undefined;
      parts.push(arg.text);
    }
    return insideRepo(fromHere ? here : cwd, parts.join('/'));
  }
  const text = node.text;
  if (!text || /^[a-z][a-z0-9+.-]*:/i.test(text)) return undefined;
  if (isImportLike(node)) return text.startsWith('.') ? insideRepo(here, text) : undefined;
  return insideRepo(cwd, text);
}

const genericNames = new Set([
  'index',
  'app',
  'handler',
  'main',
  'lambda',
  'function',
  'src',
  'lib',
  'functions',
  'handlers',
  'dist',
  'build',
]);

function norm(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(function|handler|lambda|fn)$/, '');
}

/** The names a sample's file name may use for the function (rule 2). */
export function namesOf(fn: LambdaFunction): string[] {
  const names = [fn.name];
  if (fn.handlerFile) {
    names.push(posix.basename(fn.handlerFile).replace(/\.[^.]+$/, ''), posix.basename(posix.dirname(fn.handlerFile)));
  }
  if (fn.exportName) names.push(fn.exportName);
  return [
    ...new Set(
      names
        .filter((n) => !genericNames.has(n.toLowerCase()))
        .map(norm)
        .filter((n) => n.length >= 3),
    ),
  ];
}

function homesOf(fn: LambdaFunction): string[] {
  const homes = [posix.dirname(fn.file)];
  if (fn.codeRoot) homes.push(fn.codeRoot);
  if (fn.handlerFile) homes.push(posix.dirname(fn.handlerFile));
  return homes;
}

function depth(folder: string): number {
  return folder === '.' ? 0 : folder.split('/').length;
}

function within(outer: string, inner: string): boolean {
  return outer === '.' || inner === outer || inner.startsWith(`${outer}/`);
}

/** Levels between a function's nearest home and a place on its branch; undefined when on another branch. */
export function distance(fn: LambdaFunction, place: string): number | undefined {
  let best: number | undefined;
  for (const home of homesOf(fn)) {
    if (!within(home, place) && !within(place, home)) continue;
    const d = Math.abs(depth(home) - depth(place));
    if (best === undefined || d < best) best = d;
  }
  return best;
}

/** The functions (of `all`) a sample belongs to, by the rules above. */
export function ownersOf(sample: Sample, all: readonly LambdaFunction[]): LambdaFunction[] {
  const linked = all.filter((fn) => fn.handlerFile && sample.loadedBy.has(fn.handlerFile));
  if (linked.length) return linked;
  const near = all.filter((fn) => distance(fn, sample.place) !== undefined);
  const stem = norm(
    posix
      .basename(sample.file)
      .replace(/\.json$/i, '')
      .replace(/(^|[-_.])events?$/i, ''),
  );
  const match = (fn: LambdaFunction) =>
    Math.max(
      0,
      ...namesOf(fn)
        .filter((n) => stem.includes(n))
        .map((n) => n.length),
    );
  const longest = Math.max(0, ...near.map(match));
  if (longest > 0) return near.filter((fn) => match(fn) === longest);
  const closest = Math.min(...near.map((fn) => distance(fn, sample.place)!));
  return near.filter((fn) => distance(fn, sample.place) === closest);
}
