// AWS/nodejs-version-upgrade: rewrites every place a repository names its Node.js major
// (Lambda runtimes, images, version files, package.json, CI) to the target, and nothing else
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
import { runtimeUpgradeCodemod } from '../runtime-upgrade/codemod.js';
import { buildspec } from '../runtime-upgrade/surfaces/buildspec.js';
import { cdkCode } from '../runtime-upgrade/surfaces/cdk.js';
import { cloudFormationJson } from '../runtime-upgrade/surfaces/cloudformation-json.js';
import { cloudFormationYaml } from '../runtime-upgrade/surfaces/cloudformation-yaml.js';
import { dockerfile } from '../runtime-upgrade/surfaces/dockerfile.js';
import { githubActions } from '../runtime-upgrade/surfaces/github-actions.js';
import { gitlabCi } from '../runtime-upgrade/surfaces/gitlab-ci.js';
import { serverlessYaml } from '../runtime-upgrade/surfaces/serverless.js';
import { terraform } from '../runtime-upgrade/surfaces/terraform.js';
import { versionFiles } from '../runtime-upgrade/surfaces/version-files.js';
import { nodejs } from './language.js';
import { packageJson } from './surfaces/package-json.js';
import { resolveOptions } from './target.js';
import { tsconfig } from './surfaces/tsconfig.js';

export const codemod = runtimeUpgradeCodemod({
  name: 'nodejs-runtime-upgrade',
  description:
    'Move every Node.js version a repository names (Lambda runtimes, images, CI, package.json, version files) to the target major',
  language: nodejs,
  surfaces: [
    versionFiles,
    packageJson,
    tsconfig,
    githubActions,
    gitlabCi,
    buildspec,
    serverlessYaml,
    cloudFormationYaml,
    cloudFormationJson,
    terraform,
    dockerfile,
    cdkCode,
  ],
  possibleName:
    /\.(ya?ml|json|template|tf|tfvars|[cm]?[jt]sx?)$|^\.(nvmrc|node-version|tool-versions)$|dockerfile|containerfile/i,
  resolveOptions,
});

export const surfaces = codemod.surfaces;
