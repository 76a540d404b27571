// Functions that load the AWS SDK v2 (`aws-sdk`) without shipping it. Lambda's Node.js 16 and older
// runtimes included SDK v2, so such code worked; Node.js 18 and later include only SDK v3, and the
// function fails at cold start with "Cannot find module 'aws-sdk'"
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included).
// Shipped means: a package.json between the handler's folder and the folder the function's code is
// deployed from lists aws-sdk in `dependencies` or `optionalDependencies` (what `sam build`,
// `npm install --omit=dev` and serverless packaging deploy; a package.json above that folder is
// not zipped with it), a layer declared beside the function does, or, for bundled code, the
// bundler can find it (installed anywhere up the tree) and does not leave it out.
import { posix } from 'node:path';
import { v2LoadLine } from '../codemods/aws-sdk-v2-to-v3/v2-uses.js';
import type { Finding, RepoView } from '../codemods/types.js';
import { isNodeRuntime, lambdaFunctions, majorAfterUpgrade, type LambdaFunction } from './functions.js';
import { ModuleGraph } from './modules.js';

export const unbundledRule = 'nodejs-runtime/unbundled-sdk-v2';

/** The first Lambda Node.js runtime without SDK v2. */
export const FIRST_V3_ONLY_MAJOR = 18;

export interface SdkLoad {
  file: string;
  line: number;
}

export interface UnbundledFunction {
  fn: LambdaFunction;
  /** The Node.js major it runs on once upgraded. */
  major: number;
  /** Where its code loads aws-sdk (for inline code: in the declaring file). */
  loads: SdkLoad[];
  /** Why nothing ships aws-sdk with it. */
  why: string;
  /** The modules of its code (empty for inline code). */
  modules: string[];
  /** The package.json deployed with its code (between its handler's folder and its code root, inclusive), if any. */
  pkg?: string;
}

const code = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const manifestName = 'package.json';

type Deps = Partial<
  Record<'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies', Record<string, unknown>>
>;

/** package.json files from `dir` up to the repository root, nearest first. */
function manifestsUp(files: ReadonlySet<string>, dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = posix.dirname(d)) {
    const path = d === '.' || d === '' ? manifestName : `${d}/${manifestName}`;
    if (files.has(path)) out.push(path);
    if (d === '.' || d === '' || d === '/') return out;
  }
}

function sectionsListing(json: Deps, name: string): string[] {
  return (['dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies'] as const).filter((s) => {
    const deps = json[s];
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, name);
  });
}

class Manifests {
  private readonly parsed = new Map<string, Deps | null>();
  constructor(private readonly repo: RepoView) {}

  read(path: string): Deps | null {
    if (!this.parsed.has(path)) {
      try {
        const json: unknown = JSON.parse(this.repo.read(path));
        this.parsed.set(path, typeof json === 'object' && json !== null ? (json as Deps) : null);
      } catch {
        this.parsed.set(path, null);
      }
    }
    return this.parsed.get(path)!;
  }
}

/** Whether an esbuild external list leaves `aws-sdk` out (`aws-sdk`, `aws-sdk/*`, `*`). */
function leftOut(externals: readonly string[]): boolean {
  return externals.some(
    (e) =>
      e === 'aws-sdk' || e === '*' || (e.endsWith('*') && 'aws-sdk'.startsWith(e.slice(0, -1)) && !e.startsWith('@')),
  );
}

/** Undefined when aws-sdk ships with the function; else why not, in words. */
function whyUnshipped(fn: LambdaFunction, files: ReadonlySet<string>, manifests: Manifests): string | undefined {
  const up = manifestsUp(files, posix.dirname(fn.handlerFile!));
  const notes: string[] = [];
  if (fn.bundler) {
    if (fn.bundler.externals && leftOut(fn.bundler.externals))
      return `its bundling leaves aws-sdk out (external modules: ${fn.bundler.externals.join(', ')})`;
    // the bundler takes whatever is installed, development dependencies too
    if (up.some((m) => sectionsListing(manifests.read(m) ?? {}, 'aws-sdk').some((s) => s !== 'peerDependencies')))
      return undefined;
    return 'no package.json on the way up from its entry lists aws-sdk, so the bundler cannot include it';
  }
  for (const m of up) {
    const json = manifests.read(m);
    if (!json) {
      notes.push(`${m} is not valid JSON`);
      continue;
    }
    const sections = sectionsListing(json, 'aws-sdk');
    if (sections.includes('dependencies') || sections.includes('optionalDependencies')) {
      if (deployedWith(fn, m)) return undefined;
      notes.push(`${m} lists it but is not deployed with the function, whose code is the folder ${fn.codeRoot}`);
      continue;
    }
    if (sections.includes('devDependencies'))
      notes.push(`${m} lists it only in devDependencies, which \`sam build\` and Serverless packaging do not deploy`);
    else if (sections.includes('peerDependencies'))
      notes.push(`${m} lists it only in peerDependencies, which are not installed`);
  }
  for (const layer of fn.layers) {
    if (!layer.contentRoot) continue;
    const candidates = [`${layer.contentRoot}/nodejs/${manifestName}`, `${layer.contentRoot}/${manifestName}`].map(
      (p) => p.replace(/^\.\//, ''),
    );
    if (
      candidates.some(
        (m) =>
          files.has(m) &&
          sectionsListing(manifests.read(m) ?? {}, 'aws-sdk').some(
            (s) => s === 'dependencies' || s === 'optionalDependencies',
          ),
      )
    )
      return undefined;
  }
  if (!notes.length)
    notes.push('no package.json between its handler and the repository root lists aws-sdk in dependencies');
  const unknown = fn.layers.filter((l) => !l.contentRoot).map((l) => l.name);
  if (unknown.length)
    notes.push(
      `unless its layer${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} provide${unknown.length > 1 ? '' : 's'} it`,
    );
  return notes.join('; ');
}

/**
 * Whether a package.json is deployed with the function: it lies in the folder its code is deployed
 * from (`CodeUri`, the asset folder, the service folder), which `sam build`, CDK's `fromAsset` and
 * serverless zip; one above is not (when that folder is unknown, any is taken to be).
 */
function deployedWith(fn: LambdaFunction, manifest: string): boolean {
  const root = fn.codeRoot;
  return root === undefined || root === '.' || posix.dirname(manifest) === root || manifest.startsWith(`${root}/`);
}

/** The package.json deployed with the function's code: the nearest one from its handler's folder up to its code root. */
function deployedPackage(fn: LambdaFunction, files: ReadonlySet<string>): string | undefined {
  const up = manifestsUp(files, posix.dirname(fn.handlerFile!));
  if (fn.bundler) return up[0];
  return up.find((m) => deployedWith(fn, m));
}

function mentionsV2(repo: RepoView): boolean {
  return repo.files.some(
    (f) =>
      (code.test(f) || /\.(ya?ml|json|template)$/i.test(f)) &&
      f !== manifestName &&
      !f.endsWith(`/${manifestName}`) &&
      repo.read(f).includes('aws-sdk'),
  );
}

/**
 * Node.js functions that will run on Node.js 18 or later once upgraded to `target` and load
 * aws-sdk v2 without shipping it. `functions` defaults to the repository's inventory.
 */
export function unbundledSdkFunctions(
  repo: RepoView,
  target: number,
  functions?: readonly LambdaFunction[],
  graph: ModuleGraph = new ModuleGraph(repo),
): UnbundledFunction[] {
  if (!mentionsV2(repo)) return [];
  const files = new Set(repo.files);
  const manifests = new Manifests(repo);
  const out: UnbundledFunction[] = [];
  for (const fn of functions ?? lambdaFunctions(repo)) {
    if (!isNodeRuntime(fn)) continue;
    const major = majorAfterUpgrade(fn, target);
    if (major < FIRST_V3_ONLY_MAJOR) continue;
    if (fn.inline) {
      const line = v2LoadLine('inline.js', fn.inline.text);
      if (line === undefined) continue;
      const at = fn.inline.exact ? fn.inline.line + line - 1 : fn.inline.line;
      out.push({
        fn,
        major,
        loads: [{ file: fn.inline.file, line: at }],
        why: 'its code is written inline, so no package can ship aws-sdk with it',
        modules: [],
      });
      continue;
    }
    if (!fn.handlerFile) continue;
    const modules = graph.modulesOf(fn.handlerFile);
    const loads: SdkLoad[] = [];
    for (const file of modules) {
      const line = v2LoadLine(file, repo.read(file));
      if (line !== undefined) loads.push({ file, line });
    }
    if (!loads.length) continue;
    const why = whyUnshipped(fn, files, manifests);
    if (why === undefined) continue;
    const pkg = deployedPackage(fn, files);
    out.push({ fn, major, loads, why, modules, ...(pkg ? { pkg } : {}) });
  }
  return out;
}

/** `Name (template.yaml:12, handler src/app.js)`. */
export function describeFunction(fn: LambdaFunction): string {
  const handler = fn.handlerFile ? `, handler ${fn.handlerFile}` : fn.inline ? ', inline code' : '';
  return `${fn.name} (${fn.file}:${fn.line}${handler})`;
}

/** One finding per place that loads aws-sdk v2, naming every function that loads it there. */
export function unbundledSdkFindings(list: readonly UnbundledFunction[]): Finding[] {
  const sites = new Map<string, { load: SdkLoad; functions: UnbundledFunction[] }>();
  for (const u of list) {
    for (const load of u.loads) {
      const key = `${load.file}\0${load.line}`;
      const site = sites.get(key) ?? sites.set(key, { load, functions: [] }).get(key)!;
      if (!site.functions.includes(u)) site.functions.push(u);
    }
  }
  return [...sites.values()].map(({ load, functions }) => {
    const many = functions.length > 1;
    const names = functions.map((u) => describeFunction(u.fn)).join(many ? ' and ' : '');
    const whys = [...new Set(functions.map((u) => u.why))].join('; ');
    const runtimes = [...new Set(functions.map((u) => `nodejs${u.major}.x`))].join(' and ');
    const remedy = functions.every((u) => u.fn.inline)
      ? `convert ${many ? 'them' : 'it'} to SDK v3 by hand: inline code can use only the SDK v3 the runtime includes`
      : `convert ${many ? 'them' : 'it'} to SDK v3, or add aws-sdk to the dependencies of the package deployed with ${many ? 'them' : 'it'}`;
    return {
      file: load.file,
      line: load.line,
      rule: unbundledRule,
      severity: 'manual' as const,
      message:
        `${names} load${many ? '' : 's'} aws-sdk v2 here and nothing ships it: ${whys}. Lambda's Node.js 18 and later runtimes include only SDK v3, ` +
        `so on ${runtimes} ${many ? 'each' : 'it'} fails at cold start with "Cannot find module 'aws-sdk'"; ${remedy}`,
    };
  });
}
