// Node.js 24 behaviour changes in Lambda that atx reports but cannot fix by itself: pending
// promises after the handler returns, experimental module flags in NODE_OPTIONS
// (https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/); and
// functions that load aws-sdk v2 without shipping it, which Node.js 18+ runtimes no longer include.
import type { Codemod, Finding, RepoView } from '../types.js';
import { experimentalFlagFindings } from './behaviour/experimental-flags.js';
import { handlerNamesIn } from './behaviour/handlers.js';
import { unawaitedFindings } from './behaviour/unawaited.js';
import { unbundledSdkFindings, unbundledSdkFunctions } from '../../lambda/unbundled-sdk.js';
import { baseName, inPaths, isExcluded } from './scope.js';
import { resolveOptions } from './target.js';

const configName = /\.(ya?ml|json|template|tf|tfvars)$|^\.env(\..+)?$|dockerfile|containerfile/i;
const codeName = /\.(m|c)?(j|t)sx?$/i;
const testName = /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(__tests__|__mocks__)\//;

function isConfig(path: string, text: string): boolean {
  return configName.test(baseName(path)) && /NODE_OPTIONS[^\n]*(\n[^\n]*)?--experimental-/.test(text);
}

function isHandlerCode(path: string, text: string, names: ReadonlySet<string>): boolean {
  if (!codeName.test(path) || /\.d\.[cm]?ts$/.test(path) || testName.test(path) || !/\basync\b/.test(text)) return false;
  return /handler/i.test(text) || [...names].some((name) => text.includes(name));
}

function scoped(repo: RepoView, options: Record<string, unknown>): string[] {
  const { paths } = resolveOptions(options);
  const wanted = (path: string) => configName.test(baseName(path)) || codeName.test(path);
  return repo.files.filter((path) => wanted(path) && inPaths(path, paths) && !isExcluded(path));
}

/** Where functions load aws-sdk v2 without shipping it, within `paths` (read after the steps before this one). */
function unbundled(repo: RepoView, options: Record<string, unknown>): Finding[] {
  const { targetVersion, paths } = resolveOptions(options);
  return unbundledSdkFindings(unbundledSdkFunctions(repo, targetVersion)).filter((f) => inPaths(f.file, paths));
}

/** Handler function names the repository's templates point at (also templates outside `paths`). */
function templateHandlerNames(repo: RepoView): Set<string> {
  const names = new Set<string>();
  for (const path of repo.files) {
    if (!/\.(ya?ml|json|template|tf)$/i.test(path) || isExcluded(path) || baseName(path) === 'package.json') continue;
    const text = repo.read(path);
    if (/handler/i.test(text)) for (const name of handlerNamesIn(text)) names.add(name);
  }
  return names;
}

export const codemod: Codemod = {
  name: 'nodejs24-behaviour-check',
  description: 'Report Node.js 24 Lambda behaviour changes: promises left running after the handler returns, experimental module flags in NODE_OPTIONS, functions that load aws-sdk v2 without shipping it',
  candidates(repo, options) {
    const handlerNames = templateHandlerNames(repo);
    const found = scoped(repo, options).filter((path) => {
      const text = repo.read(path);
      return isConfig(path, text) || isHandlerCode(path, text, handlerNames);
    });
    return [...new Set([...found, ...unbundled(repo, options).map((f) => f.file)])];
  },
  run(repo, options) {
    const files = scoped(repo, options);
    const handlerNames = templateHandlerNames(repo);
    const findings: Finding[] = [];
    for (const path of files) {
      const text = repo.read(path);
      if (isConfig(path, text)) findings.push(...experimentalFlagFindings(path, text));
      else if (isHandlerCode(path, text, handlerNames)) findings.push(...unawaitedFindings(path, text, handlerNames));
    }
    findings.push(...unbundled(repo, options));
    return { changes: new Map(), findings };
  },
};
