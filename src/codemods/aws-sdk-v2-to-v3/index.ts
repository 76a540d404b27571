// Implements AWS/nodejs-aws-sdk-v2-to-v3: migrate from `aws-sdk` (v2) to the modular `@aws-sdk/*` v3
// clients (https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/migrating.html).
import { posix } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import { v2Specifier } from './bindings.js';
import { UnparsableFile, type Style } from './context.js';
import { convertFile, prepare, type Prepared } from './convert-file.js';
import { Flow, outsideRule } from './flow.js';
import { carryGlobals } from './shared-config.js';
import { emptyDecision } from './groups.js';
import { declaresDependenciesOf, owningManifest, updateManifest } from './package-json.js';
import { typescriptNeeds } from './typescript-needs.js';
import { code, isSource } from './paths.js';
import { stillOnV2 } from './still-v2.js';
import { restrictTo, type Restriction } from './unbundled.js';
import { v2LoadLine } from './v2-uses.js';

function styleOf(options: Record<string, unknown>): Style {
  const style = options.style ?? 'bare';
  // "command" is how the definitions and docs name the bare-client-and-command style
  if (style === 'command') return 'bare';
  if (style !== 'bare' && style !== 'aggregated') {
    throw new UsageError(
      `aws-sdk-v2-to-v3: option style must be 'command' (alias 'bare') or 'aggregated', not ${JSON.stringify(style)}`,
    );
  }
  return style;
}

function candidates(repo: RepoView, options: Record<string, unknown>): string[] {
  const only = restrictTo(repo, options);
  if (only) return [...only.files].filter((f) => v2Specifier.test(repo.read(f)));
  return repo.files.filter(
    (f) => (isSource(f) && repo.read(f).includes('aws-sdk')) || posix.basename(f) === 'package.json',
  );
}

function tryPrepare(path: string, text: string, style: Style, findings: Finding[]): Prepared | undefined {
  try {
    return prepare(path, text, style);
  } catch (error) {
    const line = error instanceof UnparsableFile ? error.line : 1;
    findings.push({
      file: path,
      line,
      rule: 'aws-sdk-v3/parse-error',
      message: `could not read this file: ${(error as Error).message}; it was left unchanged`,
      severity: 'warning',
    });
    return undefined;
  }
}

// What a converted call's surroundings would do wrong on v3: the clients it uses stay on v2 instead.
const breaksOnV3 = new Set(
  ['body-read-twice', 'body-stream', 'callback-this', 'error-field'].map((r) => `aws-sdk-v3/${r}`),
);

/** The first finding that says converted code would not work as before, worded for keeping v2. */
function brokenByConversion(found: readonly Finding[]): Finding | undefined {
  const broken = found.filter((f) => breaksOnV3.has(f.rule) && f.severity === 'manual');
  if (!broken.length) return undefined;
  const more =
    broken.length > 1
      ? ` (and ${broken.length - 1} more such use(s), at line ${broken
          .slice(1)
          .map((f) => f.line)
          .join(', ')})`
      : '';
  return { ...broken[0], message: `${broken[0].message}${more}; the clients this file uses stay on aws-sdk v2` };
}

interface Converted {
  changes: Map<string, string>;
  findings: Finding[];
  /** The packages each converted file now imports. */
  needs: Map<string, string[]>;
  /** Files whose conversion failed in this attempt, with the finding that says so. */
  failed: Map<string, Finding>;
}

/**
 * Follow every client through the repository, decide which convert, and convert them. The files a
 * client reaches are parsed on demand. Files in `failed` failed an earlier attempt: the clients
 * they touch stay v2 everywhere, so no other module converts a client they still hand on as v2.
 */
function convertRepo(
  repo: RepoView,
  style: Style,
  failed: ReadonlyMap<string, Finding>,
  only?: Restriction,
): Converted {
  const findings: Finding[] = [];
  const prepared = new Map<string, Prepared | null>();
  const load = (path: string) => {
    if (!prepared.has(path)) prepared.set(path, tryPrepare(path, repo.read(path), style, findings) ?? null);
    return prepared.get(path) ?? undefined;
  };
  const flow = new Flow({ files: repo.files.filter(isSource), read: (path) => repo.read(path), prepare: load });
  const seeds = (only ? [...only.files] : candidates(repo, {})).filter(
    (path) => isSource(path) && v2Specifier.test(repo.read(path)),
  );
  // parse first, follow after: the flow's short-lived objects then do not make the young ASTs copied
  for (const path of seeds) load(path);
  for (const path of seeds) flow.seed(path);
  const decisions = flow.decide(failed);
  findings.push(
    ...carryGlobals({ prepared, decisions, files: new Set(repo.files), read: (path) => repo.read(path), style }),
  );
  const out: Converted = { changes: new Map(), findings, needs: new Map(), failed: new Map() };
  // A restricted run converts only its files: a client they share with another module stays v2.
  if (only) {
    for (const [path, d] of decisions) {
      if (only.files.has(path) || failed.has(path) || !(d.names.length || d.calls.size || d.news.size)) continue;
      out.failed.set(path, {
        file: path,
        line: 1,
        rule: outsideRule,
        severity: 'manual',
        message: `left unchanged: it uses a client of the code of ${only.what}, which this step converts, and is not part of that code; the client stays on aws-sdk v2 there too`,
      });
    }
    if (out.failed.size) return out;
  }
  for (const [path, p] of prepared) {
    if (!p || (only && !only.files.has(path))) continue;
    const d = decisions.get(path) ?? emptyDecision();
    findings.push(...d.findings);
    // a file that failed an earlier attempt is left byte for byte: its finding says why
    if (failed.has(path) || (!p.ctx.names.size && !p.ctx.v2Imports.length && !d.calls.size && !d.news.size)) {
      findings.push(...p.ctx.findings);
      continue;
    }
    try {
      const { text, ctx } = convertFile(p, d, () => prepare(path, repo.read(path), style));
      const blocking = brokenByConversion(ctx.findings);
      if (blocking && !failed.has(path)) {
        out.failed.set(path, blocking);
        continue;
      }
      findings.push(...ctx.findings);
      if (text !== repo.read(path)) out.changes.set(path, text);
      // a repository module it now imports (shared AWS.config settings) is no package
      out.needs.set(
        path,
        [...ctx.values.keys(), ...ctx.types.keys()].filter((pkg) => !pkg.startsWith('.')),
      );
    } catch (error) {
      const finding: Finding = {
        file: path,
        line: 1,
        rule: 'aws-sdk-v3/internal',
        message: `left unchanged: ${(error as Error).message}`,
        severity: 'warning',
      };
      if (!failed.has(path)) out.failed.set(path, finding);
    }
  }
  return out;
}

function run(repo: RepoView, options: Record<string, unknown>): CodemodResult {
  const style = styleOf(options);
  const only = restrictTo(repo, options);
  if (only && !only.files.size) return { changes: new Map(), findings: [] };
  let failed = new Map<string, Finding>();
  let result = convertRepo(repo, style, failed, only);
  // a file that could not be converted keeps its clients on v2: convert again without them
  while (result.failed.size) {
    failed = new Map([...failed, ...result.failed]);
    result = convertRepo(repo, style, failed, only);
  }
  result.findings.push(...failed.values());
  const { changes, findings, needs } = result;
  const loads = v2Loads(repo, changes);
  updateManifests(repo, needs, loads, changes, findings, only);
  // a restricted run names the files it converts, and the ones that load them and v2 (test doubles)
  const reported = only
    ? new Map([...loads].filter(([path]) => only.files.has(path) || only.loadsConverted(path, changes)))
    : loads;
  findings.push(...stillOnV2(reported, changes, findings, (path) => repo.read(path)));
  return { changes, findings };
}

/** The line of each code file's first load of v2 after the conversion, for files that still load it. */
function v2Loads(repo: RepoView, changes: ReadonlyMap<string, string>): Map<string, number> {
  const loads = new Map<string, number>();
  for (const path of repo.files) {
    if (!code.test(path)) continue;
    const line = v2LoadLine(path, changes.get(path) ?? repo.read(path));
    if (line !== undefined) loads.set(path, line);
  }
  return loads;
}

/**
 * The packages each manifest gains: those its files now import, when it is their package. A
 * restricted run puts them in the `dependencies` of the package deployed with each function
 * (`into`), and says where a function has none.
 */
function packagesByManifest(
  repo: RepoView,
  manifests: Set<string>,
  needs: Map<string, string[]>,
  findings: Finding[],
  only?: Restriction,
) {
  const packages = new Map<string, Set<string>>();
  const into = new Set<string>();
  const add = (manifest: string, pkgs: string[]) => {
    const set = packages.get(manifest) ?? new Set<string>();
    for (const pkg of pkgs) set.add(pkg);
    packages.set(manifest, set);
  };
  for (const [file, pkgs] of needs) {
    if (!pkgs.length) continue;
    const deployed = only?.packages.get(file);
    if (deployed?.size) {
      for (const manifest of deployed) {
        add(manifest, pkgs);
        into.add(manifest);
      }
      continue;
    }
    if (only) findings.push(only.noPackage(file, pkgs));
    const manifest = owningManifest(file, manifests);
    let own = false;
    try {
      own = manifest !== undefined && declaresDependenciesOf(manifest, repo.read(manifest), file);
    } catch {
      continue; // reported as invalid JSON below
    }
    if (!own && manifests.size && !only) {
      const where = manifest ? `${manifest} only holds tooling` : 'there is no package.json above it';
      findings.push({
        file,
        line: 1,
        rule: 'aws-sdk-v3/no-package',
        severity: 'warning',
        message: `${where}: add ${pkgs.join(', ')} to the package that deploys this file`,
      });
      continue;
    }
    if (!own) continue;
    add(manifest!, pkgs);
  }
  return { packages, into };
}

/** Add the packages per manifest; drop aws-sdk when no source file it owns still imports v2. */
function updateManifests(
  repo: RepoView,
  needs: Map<string, string[]>,
  loads: ReadonlyMap<string, number>,
  changes: Map<string, string>,
  findings: Finding[],
  only?: Restriction,
): void {
  const manifests = new Set(repo.files.filter((f) => posix.basename(f) === 'package.json'));
  const { packages, into } = packagesByManifest(repo, manifests, needs, findings, only);
  const stillV2 = new Set([...loads.keys()].filter(isSource).map((f) => owningManifest(f, manifests) ?? ''));
  // a restricted run touches only the packages of the files it converted
  const touched =
    only && new Set([...packages.keys(), ...[...changes.keys()].map((f) => owningManifest(f, manifests) ?? '')]);
  for (const manifest of manifests) {
    if (touched && !touched.has(manifest)) continue;
    const add = packages.get(manifest) ?? new Set<string>();
    try {
      const text = updateManifest(
        repo.read(manifest),
        add,
        !stillV2.has(manifest),
        into.has(manifest) ? 'dependencies' : undefined,
      );
      if (text !== undefined) changes.set(manifest, text);
      if (text !== undefined && add.size > 0) findings.push(...typescriptNeeds(manifest, text, repo));
    } catch (error) {
      findings.push({
        file: manifest,
        line: 1,
        rule: 'aws-sdk-v3/package-json',
        message: `not valid JSON, dependencies not updated: ${(error as Error).message}`,
        severity: 'warning',
      });
    }
  }
}

export const codemod: Codemod = {
  name: 'aws-sdk-v2-to-v3',
  description: 'Migrate aws-sdk v2 code to the modular @aws-sdk/* v3 clients',
  candidates,
  run,
};
