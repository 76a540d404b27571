// AWS/nodejs-version-upgrade, when its definition runs this step: the TypeScript devDependency is
// raised to the lowest release that reads the type packages the target brings (`@types/node`,
// `@tsconfig/nodeNN`, the `@aws-sdk/*` v3 packages' needs), and `@serverless/typescript` to the
// first release whose runtime type lists the target, before the runtime upgrade moves them
// (https://github.com/DefinitelyTyped/DefinitelyTyped#support-window). Its own step, so its own
// commit and lockfile refresh; without it the runtime upgrade caps `@types/node` and says what to raise.
import { inPaths } from '../../util/glob.js';
import { isExcluded } from '../runtime-upgrade/scope.js';
import { SurfaceContext } from '../runtime-upgrade/surface.js';
import {
  SERVERLESS_TYPESCRIPT_NODEJS,
  serverlessTypesLack,
  serverlessTypesPackage,
  typedServerless,
} from '../runtime-upgrade/serverless-typescript.js';
import { projectOf } from '../runtime-upgrade/installed.js';
import { parseVersion, satisfiesRange } from '../runtime-upgrade/version-numbers.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import { nodejs } from './language.js';
import { upgradeRange } from './surfaces/package-json.js';
import { resolveOptions } from './target.js';
import { reachOf, tsconfigBaseNeeds, typescriptOf, typesNodeNeeds } from './typescript-support.js';
import {
  declaredRange,
  lowestOf,
  meets,
  raiseRange,
  releaseFor,
  setRange,
  strictestNeed,
  type TypeScriptNeed,
} from './typescript-raise.js';

const rule = (name: string) => `nodejs-runtime/${name}`;

/** What a package.json declares that will need a newer TypeScript once the runtime moves to `target`. */
export function typescriptNeedsFor(text: string, file: string, target: number): TypeScriptNeed[] {
  const needs: TypeScriptNeed[] = [];
  const typesNode = declaredRange(text, file, '@types/node');
  const typesNodeMajor = typesNode && lowestOf(typesNode.range)?.[0];
  if (typesNode && typesNodeMajor !== undefined && typesNodeMajor < target) {
    const reach = reachOf(typesNode.range);
    const moved = upgradeRange(typesNode.range, target)?.text ?? `^${target}`;
    needs.push({ needs: typesNodeNeeds(target, reach), why: `@types/node "${moved}" (Node.js ${target})` });
  }
  for (const name of Object.keys(dependencies(text))) {
    const base = /^@tsconfig\/node(\d+)$/.exec(name);
    if (base && Number(base[1]) < target)
      needs.push({ needs: tsconfigBaseNeeds(target), why: `@tsconfig/node${target} (its lib and target options)` });
  }
  return needs;
}

function dependencies(text: string): Record<string, unknown> {
  try {
    const json = JSON.parse(text) as Record<string, Record<string, unknown> | undefined>;
    return { ...json.dependencies, ...json.devDependencies, ...json.peerDependencies, ...json.optionalDependencies };
  } catch {
    return {};
  }
}

function raiseTypeScript(repo: RepoView, file: string, text: string, target: number, findings: Finding[]): string {
  const declared = declaredRange(text, file, 'typescript');
  const need = strictestNeed(typescriptNeedsFor(text, file, target));
  if (!declared || !need) return text;
  const ctx = new SurfaceContext(file, nodejs, target, text, repo);
  const have = typescriptOf(ctx, declared.range);
  if (have && meets(have.version, need.needs)) return text;
  const raised = raiseRange(declared.range, releaseFor(need.needs));
  const found = have ? `the project has ${have.label}` : `"${declared.range}" says no version`;
  if (!raised) {
    findings.push({
      file,
      line: declared.line,
      rule: rule('typescript-not-raised'),
      message: `${need.why} needs TypeScript ${need.needs} or later and ${found}; "${declared.range}" is not a range atx raises: set typescript to ${need.needs} or later by hand`,
      severity: 'manual',
    });
    return text;
  }
  findings.push({
    file,
    line: declared.line,
    rule: rule('typescript-raised'),
    message: `typescript "${declared.range}" → "${raised}": ${need.why} needs TypeScript ${need.needs} or later and ${found}. A newer compiler can report errors the old one did not: the type-check compares with the start`,
    severity: 'warning',
  });
  const tools = peersShuttingOut(repo, file, releaseFor(need.needs));
  if (tools.length)
    findings.push({
      file,
      line: declared.line,
      rule: rule('typescript-peers'),
      message: `TypeScript ${releaseFor(need.needs)} is outside the TypeScript range these installed packages accept (package-lock.json): ${tools.join(', ')}; raise them with it, or the install reports a peer conflict`,
      severity: 'manual',
    });
  return setRange(text, file, 'typescript', raised) ?? text;
}

/** Installed packages (npm lockfile v2/v3 `packages`) whose `peerDependencies.typescript` excludes `version`: `ts-jest 26.5.6 (>=3.8 <5.0)`. */
function peersShuttingOut(repo: RepoView, file: string, version: string): string[] {
  const lockfile = file.replace(/package\.json$/, 'package-lock.json');
  if (!repo.files.includes(lockfile)) return [];
  let packages: Record<string, { version?: string; peerDependencies?: Record<string, string> }> = {};
  try {
    packages = (JSON.parse(repo.read(lockfile)) as { packages?: typeof packages }).packages ?? {};
  } catch {
    return [];
  }
  return Object.entries(packages).flatMap(([path, entry]) => {
    const range = entry.peerDependencies?.typescript;
    if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0 || !range) return [];
    if (satisfiesRange(parseVersion(version)!, range)) return [];
    const name = path.slice('node_modules/'.length);
    return [`${name}${entry.version ? ` ${entry.version}` : ''} (${range})`];
  });
}

/** `@serverless/typescript` raised to the first release whose runtime type lists the target, when a serverless.ts of the package uses it. */
function raiseServerlessTypes(repo: RepoView, file: string, text: string, target: number, findings: Finding[]): string {
  const declared = declaredRange(text, file, serverlessTypesPackage);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const config = repo.files.find(
    (path) => path.startsWith(dir) && !path.slice(dir.length).includes('/') && typedServerless(path, repo.read(path)),
  );
  const first = SERVERLESS_TYPESCRIPT_NODEJS[target];
  if (!declared || !config || !first) return text;
  const lacks = serverlessTypesLack(projectOf(repo), config, target);
  if (!lacks) return text;
  const raised = raiseRange(declared.range, first);
  if (!raised) {
    findings.push({
      file,
      line: declared.line,
      rule: rule('serverless-types-not-raised'),
      message: `${lacks}; "${declared.range}" is not a range atx raises: set ${serverlessTypesPackage} to ${first} or later by hand`,
      severity: 'manual',
    });
    return text;
  }
  findings.push({
    file,
    line: declared.line,
    rule: rule('serverless-types-raised'),
    message: `${serverlessTypesPackage} "${declared.range}" → "${raised}": ${lacks}, which ${config} names after the upgrade`,
    severity: 'warning',
  });
  return setRange(text, file, serverlessTypesPackage, raised) ?? text;
}

function manifests(repo: RepoView, paths: readonly string[]): string[] {
  return repo.files.filter((path) => /(^|\/)package\.json$/.test(path) && inPaths(path, paths) && !isExcluded(path));
}

export const codemod: Codemod = {
  name: 'typescript-upgrade',
  description:
    'Raise the TypeScript devDependency (and @serverless/typescript) to the lowest release that reads the types the target Node.js brings',
  candidates(repo, options) {
    const { paths } = resolveOptions(options);
    return manifests(repo, paths).filter((path) => /"(typescript|@serverless\/typescript)"/.test(repo.read(path)));
  },
  run(repo, options): CodemodResult {
    const { targetVersion, paths } = resolveOptions(options);
    const changes = new Map<string, string>();
    const findings: Finding[] = [];
    for (const file of manifests(repo, paths)) {
      const text = repo.read(file);
      let next = raiseTypeScript(repo, file, text, targetVersion, findings);
      next = raiseServerlessTypes(repo, file, next, targetVersion, findings);
      if (next !== text) changes.set(file, next);
    }
    return { changes, findings };
  },
};
