// Node.js 24 behaviour changes in Lambda that atx reports but cannot fix by itself: pending
// promises after the handler returns, experimental module flags in NODE_OPTIONS
// (https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/); and
// functions that load aws-sdk v2 without shipping it, which Node.js 18+ runtimes no longer include;
// and the services of other providers (Azure, Google, …) the upgrade leaves alone, once each.
import { isOtherProvider, otherProviders, type OtherService } from '../providers.js';
import type { Codemod, Finding, RepoView } from '../types.js';
import { experimentalFlagFindings } from './behaviour/experimental-flags.js';
import { handlerNamesIn } from './behaviour/handlers.js';
import { unawaitedFindings } from './behaviour/unawaited.js';
import { unbundledSdkFindings, unbundledSdkFunctions } from '../../lambda/unbundled-sdk.js';
import { inPaths } from '../../util/glob.js';
import { baseName, isExcluded } from '../runtime-upgrade/scope.js';
import { resolveOptions } from './target.js';

const configName = /\.(ya?ml|json|template|tf|tfvars)$|^\.env(\..+)?$|dockerfile|containerfile/i;
const codeName = /\.(m|c)?(j|t)sx?$/i;
const testName = /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)(__tests__|__mocks__)\//;

function isConfig(path: string, text: string): boolean {
  return configName.test(baseName(path)) && /NODE_OPTIONS[^\n]*(\n[^\n]*)?--experimental-/.test(text);
}

function isHandlerCode(path: string, text: string, names: ReadonlySet<string>): boolean {
  if (!codeName.test(path) || /\.d\.[cm]?ts$/.test(path) || testName.test(path) || !/\basync\b/.test(text))
    return false;
  return /handler/i.test(text) || [...names].some((name) => text.includes(name));
}

function scoped(repo: RepoView, options: Record<string, unknown>): string[] {
  const { paths } = resolveOptions(options);
  const wanted = (path: string) => configName.test(baseName(path)) || codeName.test(path);
  return repo.files.filter(
    (path) => wanted(path) && inPaths(path, paths) && !isExcluded(path) && !isOtherProvider(repo, path),
  );
}

/** Services of other providers that hold Node.js code: the upgrade leaves them, and says so once each. */
function otherServices(repo: RepoView, options: Record<string, unknown>): OtherService[] {
  const { paths } = resolveOptions(options);
  return otherProviders(repo).services.filter((service) => {
    if (!inPaths(service.file, paths)) return false;
    const prefix = service.folder === '' ? '' : `${service.folder}/`;
    const inside = repo.files.filter((path) => path.startsWith(prefix) && !isExcluded(path));
    // A package.json alone is often only the Serverless plugins of a Python or Go service.
    return /\bnode(js)?[\s:._-]*\d/i.test(repo.read(service.file)) || inside.some((path) => codeName.test(path));
  });
}

function otherServiceFinding(service: OtherService): Finding {
  const folder = service.folder === '' ? 'the repository' : `${service.folder}/`;
  if (service.provider) {
    return {
      file: service.file,
      line: service.line,
      rule: 'nodejs24/other-provider',
      message: `${service.reason}: not an AWS Lambda service, so Lambda's nodejs24.x runtime and async handler conversion do not apply; ${folder} is left unchanged and not searched by the exit criteria. Upgrade it with ${service.provider}'s own runtime names if it needs a newer Node.js.`,
      severity: 'info',
    };
  }
  return {
    file: service.file,
    line: service.line,
    rule: 'nodejs24/unknown-provider',
    message: `${service.reason}: atx cannot tell whether it deploys to AWS, so ${folder} is left unchanged, and its runtimes and handlers still count in the exit criteria. If it deploys to AWS, write provider.name: aws and run again, or upgrade it by hand.`,
    severity: 'manual',
  };
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
    if (
      !/\.(ya?ml|json|template|tf)$/i.test(path) ||
      isExcluded(path) ||
      baseName(path) === 'package.json' ||
      otherProviders(repo).serviceOf(path)
    )
      continue;
    const text = repo.read(path);
    if (/handler/i.test(text)) for (const name of handlerNamesIn(text)) names.add(name);
  }
  return names;
}

export const codemod: Codemod = {
  name: 'nodejs24-behaviour-check',
  description:
    'Report Node.js 24 Lambda behaviour changes: promises left running after the handler returns, experimental module flags in NODE_OPTIONS, functions that load aws-sdk v2 without shipping it; and services of other providers left alone',
  candidates(repo, options) {
    const handlerNames = templateHandlerNames(repo);
    const files = scoped(repo, options).filter((path) => {
      const text = repo.read(path);
      return isConfig(path, text) || isHandlerCode(path, text, handlerNames);
    });
    const unshipped = unbundled(repo, options).map((f) => f.file);
    return [
      ...new Set([...files, ...unshipped, ...otherServices(repo, options).map((service) => service.file)]),
    ].sort();
  },
  run(repo, options) {
    const files = scoped(repo, options);
    const handlerNames = templateHandlerNames(repo);
    const findings: Finding[] = otherServices(repo, options).map(otherServiceFinding);
    for (const path of files) {
      const text = repo.read(path);
      if (isConfig(path, text)) findings.push(...experimentalFlagFindings(path, text));
      else if (isHandlerCode(path, text, handlerNames)) findings.push(...unawaitedFindings(path, text, handlerNames));
    }
    findings.push(...unbundled(repo, options));
    return { changes: new Map(), findings };
  },
};
