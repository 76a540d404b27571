// AWS/python-version-upgrade, without a model: rewrites every place a repository names its
// Python version (Lambda runtimes, CDK, images, CI, version files, packaging and tool settings)
// to the target, and nothing else (https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html).
import type { RepoView } from '../types.js';
import { runtimeUpgradeCodemod } from '../runtime-upgrade/codemod.js';
import { cdkPython } from '../runtime-upgrade/surfaces/cdk-python.js';
import { sharedSurfaces, versionFiles } from '../runtime-upgrade/surfaces/index.js';
import { declaredVersions } from '../runtime-upgrade/declared.js';
import { python } from './language.js';
import { pyproject } from './surfaces/pyproject.js';
import { setupCfg } from './surfaces/setup-cfg.js';
import { setupPy } from './surfaces/setup-py.js';
import { resolvePythonOptions } from './target.js';

export const codemod = runtimeUpgradeCodemod({
  name: 'python-runtime-upgrade',
  description:
    'Move every Python version a repository names (Lambda runtimes, CDK, images, CI, version files, pyproject/setup/Pipfile/tox settings) to the target',
  language: python,
  surfaces: [versionFiles, pyproject, setupCfg, setupPy, ...sharedSurfaces, cdkPython],
  possibleName:
    /\.(ya?ml|json|template|tf|tfvars|[cm]?[jt]sx?|py|cfg|ini)$|^(\.python-version|\.tool-versions|runtime\.txt|pyproject\.toml|\.?ruff\.toml|Pipfile)$|dockerfile|containerfile/i,
  resolveOptions: resolvePythonOptions,
});

/** Files that declare a Python version; code (CDK apps, setup.py) is left out: a parse per file. */
const declaringName =
  /\.(ya?ml|json|template|tf|tfvars|cfg|ini)$|^(\.python-version|\.tool-versions|runtime\.txt|pyproject\.toml|Pipfile)$|dockerfile|containerfile/i;

/** Every Python version the repository declares (Lambda runtimes, images, requirements, CI), oldest first. */
export function declaredPythonVersions(repo: RepoView, target: number, paths: readonly string[] = []): number[] {
  const declaring = codemod.surfaces.filter((s) => !['cdk', 'cdk-python', 'setup-py'].includes(s.name));
  return declaredVersions(repo, python, declaring, declaringName, target, paths);
}
