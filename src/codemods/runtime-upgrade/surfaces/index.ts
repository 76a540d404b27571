// The surfaces every language's runtime upgrade reads, in priority order after its own
// (version files and manifests first): CI, templates, infrastructure code, images, CDK.
import type { Surface } from '../surface.js';
import { buildspec } from './buildspec.js';
import { cdkCode } from './cdk.js';
import { cloudFormationJson } from './cloudformation-json.js';
import { cloudFormationYaml } from './cloudformation-yaml.js';
import { dockerfile } from './dockerfile.js';
import { githubActions } from './github-actions.js';
import { gitlabCi } from './gitlab-ci.js';
import { serverlessYaml } from './serverless.js';
import { terraform } from './terraform.js';

export { versionFiles } from './version-files.js';

export const sharedSurfaces: readonly Surface[] = [
  githubActions,
  gitlabCi,
  buildspec,
  serverlessYaml,
  cloudFormationYaml,
  cloudFormationJson,
  terraform,
  dockerfile,
  cdkCode,
];
