// The Node.js major a project runs on before the upgrade, as its own files declare it: the
// runtime upgrade's surfaces read every declaration (Lambda runtimes, images, .nvmrc, engines,
// CI node-version) and hand each major they find to `shouldUpgrade`; recording those majors
// instead of rewriting them gives the declarations without a second parser.
import type { RepoView } from '../../types.js';
import { inPaths } from '../../../util/glob.js';
import { surfaces } from '../index.js';
import { baseName, isExcluded } from '../../runtime-upgrade/scope.js';
import { SurfaceContext } from '../../runtime-upgrade/surface.js';

/** Files that declare a version: templates, CI, version files, images. CDK code is left out (a TypeScript parse per file). */
const declaringName =
  /\.(ya?ml|json|template|tf|tfvars)$|^\.(nvmrc|node-version|tool-versions)$|dockerfile|containerfile/i;

class Recorder extends SurfaceContext {
  readonly majors: number[] = [];

  override shouldUpgrade(found: number, _offset: number, what: string): boolean {
    // Type packages follow the code's needs, not the runtime's version.
    if (!/^@(types|tsconfig)\//.test(what)) this.majors.push(found);
    return false;
  }

  override declares(lowest: number): void {
    this.majors.push(lowest);
  }
}

/** Every Node.js major the repository declares, oldest first. */
export function declaredMajors(repo: RepoView, target: number, paths: readonly string[] = []): number[] {
  const found = new Set<number>();
  for (const path of repo.files) {
    if (!declaringName.test(baseName(path)) || isExcluded(path) || !inPaths(path, paths)) continue;
    const text = repo.read(path);
    const surface = surfaces.find((s) => s.name !== 'cdk' && s.name !== 'tsconfig' && s.matches(path, text));
    if (!surface) continue;
    const recorder = new Recorder(path, target, text);
    try {
      surface.apply(text, recorder);
    } catch {
      // A file the runtime upgrade cannot read declares nothing here; that step reports it.
      continue;
    }
    for (const major of recorder.majors) found.add(major);
  }
  return [...found].sort((a, b) => a - b);
}
