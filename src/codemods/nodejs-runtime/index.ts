// AWS/nodejs-version-upgrade: rewrites every place a repository names its Node.js major
// (Lambda runtimes, images, version files, package.json, CI) to the target, and nothing else
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
import { runtimeUpgradeCodemod } from '../runtime-upgrade/codemod.js';
import { sharedSurfaces, versionFiles } from '../runtime-upgrade/surfaces/index.js';
import { nodejs } from './language.js';
import { packageJson } from './surfaces/package-json.js';
import { resolveOptions } from './target.js';
import { tsconfig } from './surfaces/tsconfig.js';

export const codemod = runtimeUpgradeCodemod({
  name: 'nodejs-runtime-upgrade',
  description:
    'Move every Node.js version a repository names (Lambda runtimes, images, CI, package.json, version files) to the target major',
  language: nodejs,
  surfaces: [versionFiles, packageJson, tsconfig, ...sharedSurfaces],
  possibleName:
    /\.(ya?ml|json|template|tf|tfvars|[cm]?[jt]sx?)$|^\.(nvmrc|node-version|tool-versions)$|dockerfile|containerfile/i,
  resolveOptions,
});

export const surfaces = codemod.surfaces;
