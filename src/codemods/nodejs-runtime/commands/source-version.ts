// The Node.js major a project runs on before the upgrade, as its own files declare it: the
// runtime upgrade's surfaces read every declaration (Lambda runtimes, images, .nvmrc, engines,
// CI node-version) and hand each major they find to `shouldUpgrade`; recording those majors
// instead of rewriting them gives the declarations without a second parser.
import type { RepoView } from '../../types.js';
import { declaredVersions } from '../../runtime-upgrade/declared.js';
import { surfaces } from '../index.js';
import { nodejs } from '../language.js';

/** Files that declare a version: templates, CI, version files, images. CDK code is left out (a TypeScript parse per file). */
const declaringName =
  /\.(ya?ml|json|template|tf|tfvars)$|^\.(nvmrc|node-version|tool-versions)$|dockerfile|containerfile/i;

/** Every Node.js major the repository declares, oldest first. */
export function declaredMajors(repo: RepoView, target: number, paths: readonly string[] = []): number[] {
  const declaring = surfaces.filter((s) => s.name !== 'cdk' && s.name !== 'tsconfig');
  return declaredVersions(repo, nodejs, declaring, declaringName, target, paths);
}
