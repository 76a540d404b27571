// AWS/nodejs-version-upgrade: rewrites every place a repository names its Node.js major
// (Lambda runtimes, images, version files, package.json, CI) to the target, and nothing else
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
import { isOtherProvider } from '../providers.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import { inPaths } from '../../util/glob.js';
import { baseName, isExcluded } from '../runtime-upgrade/scope.js';
import { SurfaceContext, type Surface } from '../runtime-upgrade/surface.js';
import { resolveOptions } from './target.js';
import { buildspec } from '../runtime-upgrade/surfaces/buildspec.js';
import { cdkCode } from '../runtime-upgrade/surfaces/cdk.js';
import { cloudFormationJson } from '../runtime-upgrade/surfaces/cloudformation-json.js';
import { cloudFormationYaml } from '../runtime-upgrade/surfaces/cloudformation-yaml.js';
import { dockerfile } from '../runtime-upgrade/surfaces/dockerfile.js';
import { githubActions } from '../runtime-upgrade/surfaces/github-actions.js';
import { packageJson } from './surfaces/package-json.js';
import { serverlessYaml } from '../runtime-upgrade/surfaces/serverless.js';
import { terraform } from '../runtime-upgrade/surfaces/terraform.js';
import { tsconfig } from './surfaces/tsconfig.js';
import { versionFiles } from '../runtime-upgrade/surfaces/version-files.js';

/** In priority order: a file is handled by the first surface that matches it. */
export const surfaces: readonly Surface[] = [
  versionFiles,
  packageJson,
  tsconfig,
  githubActions,
  buildspec,
  serverlessYaml,
  cloudFormationYaml,
  cloudFormationJson,
  terraform,
  dockerfile,
  cdkCode,
];

/** Cheapest test, on the name alone, before a file is read. */
const possibleName =
  /\.(ya?ml|json|template|tf|tfvars|[cm]?[jt]sx?)$|^\.(nvmrc|node-version|tool-versions)$|dockerfile|containerfile/i;

function surfaceFor(path: string, text: string): Surface | undefined {
  return surfaces.find((surface) => surface.matches(path, text));
}

/** Services of other providers (Azure, Google, …) keep their own runtimes: nodejs24.x is Lambda's. */
function scopedFiles(repo: RepoView, paths: readonly string[]): string[] {
  return repo.files.filter(
    (path) =>
      inPaths(path, paths) && !isExcluded(path) && possibleName.test(baseName(path)) && !isOtherProvider(repo, path),
  );
}

export const codemod: Codemod = {
  name: 'nodejs-runtime-upgrade',
  description:
    'Move every Node.js version a repository names (Lambda runtimes, images, CI, package.json, version files) to the target major',
  candidates(repo, options) {
    const { paths } = resolveOptions(options);
    return scopedFiles(repo, paths).filter((path) => surfaceFor(path, repo.read(path)) !== undefined);
  },
  run(repo, options): CodemodResult {
    const { targetVersion, paths } = resolveOptions(options);
    const changes = new Map<string, string>();
    const findings: Finding[] = [];
    for (const path of scopedFiles(repo, paths)) {
      const text = repo.read(path);
      const surface = surfaceFor(path, text);
      if (!surface) continue;
      const ctx = new SurfaceContext(path, targetVersion, text, repo);
      try {
        const next = surface.apply(text, ctx);
        if (next !== text) changes.set(path, next);
      } catch (error) {
        // A file we cannot handle is reported and left alone; it never stops the run.
        const reason = error instanceof Error ? error.message : String(error);
        ctx.report(0, 'parse-error', `could not process (${surface.name}): ${reason}; left alone`, 'warning');
      }
      findings.push(...ctx.findings);
    }
    return { changes, findings };
  },
};
