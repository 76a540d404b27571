// Implements AWS/nodejs-aws-sdk-v2-to-v3: migrate from `aws-sdk` (v2) to the modular `@aws-sdk/*` v3
// clients (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html).
import { posix } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import { v2Specifier } from './bindings.js';
import type { Style } from './context.js';
import { convertFile, prepare, type Prepared } from './convert-file.js';
import { Flow } from './flow.js';
import { emptyDecision } from './groups.js';
import { owningManifest, updateManifest } from './package-json.js';
import { loadsV2Sdk } from './v2-uses.js';

const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const skipped = /(?:^|\/)(?:node_modules|dist|build|coverage|\.aws-sam|cdk\.out)\/|\.d\.[cm]?ts$/;

function isSource(path: string): boolean {
  return sourceFile.test(path) && !skipped.test(path);
}

function styleOf(options: Record<string, unknown>): Style {
  const style = options.style ?? 'bare';
  // "command" is how the definitions and docs name the bare-client-and-command style
  if (style === 'command') return 'bare';
  if (style !== 'bare' && style !== 'aggregated') {
    throw new UsageError(`aws-sdk-v2-to-v3: option style must be 'command' (alias 'bare') or 'aggregated', not ${JSON.stringify(style)}`);
  }
  return style;
}

function candidates(repo: RepoView): string[] {
  return repo.files.filter((f) => (isSource(f) && repo.read(f).includes('aws-sdk')) || posix.basename(f) === 'package.json');
}

function tryPrepare(path: string, text: string, style: Style, findings: Finding[]): Prepared | undefined {
  try {
    return prepare(path, text, style);
  } catch (error) {
    findings.push({ file: path, line: 1, rule: 'aws-sdk-v3/parse-error', message: `could not read this file: ${(error as Error).message}`, severity: 'warning' });
    return undefined;
  }
}

interface Converted {
  changes: Map<string, string>;
  findings: Finding[];
  packages: Map<string, Set<string>>;
  /** Files whose conversion failed in this attempt, with the finding that says so. */
  failed: Map<string, Finding>;
}

/**
 * Follow every client through the repository, decide which convert, and convert them. The files a
 * client reaches are parsed on demand. Files in `failed` failed an earlier attempt: the clients
 * they touch stay v2 everywhere, so no other module converts a client they still hand on as v2.
 */
function convertRepo(repo: RepoView, style: Style, manifests: Set<string>, failed: ReadonlyMap<string, Finding>): Converted {
  const findings: Finding[] = [];
  const prepared = new Map<string, Prepared | null>();
  const load = (path: string) => {
    if (!prepared.has(path)) prepared.set(path, tryPrepare(path, repo.read(path), style, findings) ?? null);
    return prepared.get(path) ?? undefined;
  };
  const flow = new Flow({ files: repo.files.filter(isSource), read: (path) => repo.read(path), prepare: load });
  const seeds = candidates(repo).filter((path) => isSource(path) && v2Specifier.test(repo.read(path)));
  // parse first, follow after: the flow's short-lived objects then do not make the young ASTs copied
  for (const path of seeds) load(path);
  for (const path of seeds) flow.seed(path);
  const decisions = flow.decide(failed);
  const out: Converted = { changes: new Map(), findings, packages: new Map(), failed: new Map() };
  for (const [path, p] of prepared) {
    if (!p) continue;
    const d = decisions.get(path) ?? emptyDecision();
    findings.push(...d.findings);
    if (!p.ctx.names.size && !p.ctx.v2Imports.length && !d.calls.size && !d.news.size) {
      findings.push(...p.ctx.findings);
      continue;
    }
    try {
      const { text, ctx } = convertFile(p, d, () => prepare(path, repo.read(path), style));
      findings.push(...ctx.findings);
      if (text !== repo.read(path)) out.changes.set(path, text);
      const manifest = owningManifest(path, manifests);
      if (manifest) {
        const set = out.packages.get(manifest) ?? new Set<string>();
        for (const pkg of [...ctx.values.keys(), ...ctx.types.keys()]) set.add(pkg);
        out.packages.set(manifest, set);
      }
    } catch (error) {
      const finding: Finding = { file: path, line: 1, rule: 'aws-sdk-v3/internal', message: `left unchanged: ${(error as Error).message}`, severity: 'warning' };
      if (!failed.has(path)) out.failed.set(path, finding);
    }
  }
  return out;
}

function run(repo: RepoView, options: Record<string, unknown>): CodemodResult {
  const style = styleOf(options);
  const manifests = new Set(repo.files.filter((f) => posix.basename(f) === 'package.json'));
  let failed = new Map<string, Finding>();
  let result = convertRepo(repo, style, manifests, failed);
  // a file that could not be converted keeps its clients on v2: convert again without them
  while (result.failed.size) {
    failed = new Map([...failed, ...result.failed]);
    result = convertRepo(repo, style, manifests, failed);
  }
  result.findings.push(...failed.values());
  const { changes, findings, packages } = result;
  updateManifests(repo, manifests, packages, changes, findings);
  return { changes, findings };
}

/** Add the packages per manifest; drop aws-sdk when no source file it owns still imports v2. */
function updateManifests(repo: RepoView, manifests: Set<string>, packages: Map<string, Set<string>>, changes: Map<string, string>, findings: Finding[]): void {
  const stillV2 = new Set<string>();
  for (const f of repo.files) {
    if (!isSource(f)) continue;
    if (loadsV2Sdk(f, changes.get(f) ?? repo.read(f))) stillV2.add(owningManifest(f, manifests) ?? '');
  }
  for (const manifest of manifests) {
    const add = packages.get(manifest) ?? new Set<string>();
    try {
      const text = updateManifest(repo.read(manifest), add, !stillV2.has(manifest));
      if (text !== undefined) changes.set(manifest, text);
    } catch (error) {
      findings.push({ file: manifest, line: 1, rule: 'aws-sdk-v3/package-json', message: `not valid JSON, dependencies not updated: ${(error as Error).message}`, severity: 'warning' });
    }
  }
}

export const codemod: Codemod = {
  name: 'aws-sdk-v2-to-v3',
  description: 'Migrate aws-sdk v2 code to the modular @aws-sdk/* v3 clients',
  candidates: (repo) => candidates(repo),
  run,
};
