// The versions a project runs on before an upgrade, as its own files declare them: the runtime
// upgrade's surfaces read every declaration (Lambda runtimes, images, version files, manifests,
// CI) and hand each version they find to `shouldUpgrade`; recording those versions instead of
// rewriting them gives the declarations without a second parser.
import { inPaths } from '../../util/glob.js';
import type { RepoView } from '../types.js';
import type { RuntimeLanguage } from './language.js';
import { baseName, isExcluded } from './scope.js';
import { SurfaceContext, type Surface } from './surface.js';

class Recorder extends SurfaceContext {
  readonly versions: number[] = [];

  override shouldUpgrade(found: number, _offset: number, what: string): boolean {
    // Type packages follow the code's needs, not the runtime's version.
    if (!/^@(types|tsconfig)\//.test(what)) this.versions.push(found);
    return false;
  }

  override declares(lowest: number): void {
    this.versions.push(lowest);
  }
}

/**
 * Every version of `language` the repository declares, oldest first, read by `surfaces` from the
 * files whose names `declaring` matches (code surfaces, a parse per file, are better left out).
 */
export function declaredVersions(
  repo: RepoView,
  language: RuntimeLanguage,
  surfaces: readonly Surface[],
  declaring: RegExp,
  target: number,
  paths: readonly string[] = [],
): number[] {
  const found = new Set<number>();
  for (const path of repo.files) {
    if (!declaring.test(baseName(path)) || isExcluded(path) || !inPaths(path, paths)) continue;
    const text = repo.read(path);
    const surface = surfaces.find((s) => s.matches(path, text, language));
    if (!surface) continue;
    const recorder = new Recorder(path, language, target, text);
    try {
      surface.apply(text, recorder);
    } catch {
      // A file the runtime upgrade cannot read declares nothing here; that step reports it.
      continue;
    }
    for (const version of recorder.versions) found.add(version);
  }
  return [...found].sort((a, b) => a - b);
}
