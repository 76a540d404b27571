// A runtime upgrade codemod for one language: every file a surface of that language matches is
// rewritten to name the target version, and nothing else. The surfaces and this runner know a
// language only through its RuntimeLanguage (language.ts).
import type { PythonParser } from '../../util/python-syntax.js';
import { inPaths } from '../../util/glob.js';
import { isOtherProvider } from '../providers.js';
import type { Codemod, CodemodResult, Finding, RepoView } from '../types.js';
import type { RuntimeLanguage } from './language.js';
import { baseName, isExcluded } from './scope.js';
import { SurfaceContext, type Surface } from './surface.js';

export interface RuntimeUpgrade {
  name: string;
  description: string;
  language: RuntimeLanguage;
  /** In priority order: a file is handled by the first surface that matches it. */
  surfaces: readonly Surface[];
  /** Cheapest test, on the file's name alone, before it is read. */
  possibleName: RegExp;
  /** The target and the folders to limit the run to, from the step's options (a bad value throws UsageError). */
  resolveOptions(options: Record<string, unknown>): { targetVersion: number; paths: string[] };
}

/** Services of other providers (Azure, Google, …) keep their own runtimes: nodejs24.x is Lambda's. */
function scopedFiles(repo: RepoView, paths: readonly string[], possibleName: RegExp): string[] {
  return repo.files.filter(
    (path) =>
      inPaths(path, paths) && !isExcluded(path) && possibleName.test(baseName(path)) && !isOtherProvider(repo, path),
  );
}

export function runtimeUpgradeCodemod(spec: RuntimeUpgrade): Codemod & { surfaces: readonly Surface[] } {
  const { language, surfaces, possibleName } = spec;
  const surfaceFor = (path: string, text: string) => surfaces.find((surface) => surface.matches(path, text, language));

  function upgrade(repo: RepoView, files: readonly string[], target: number, python?: PythonParser): CodemodResult {
    const changes = new Map<string, string>();
    const findings: Finding[] = [];
    for (const path of files) {
      const text = repo.read(path);
      const surface = surfaceFor(path, text);
      if (!surface) continue;
      const ctx = new SurfaceContext(path, language, target, text, repo, python);
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
  }

  return {
    name: spec.name,
    description: spec.description,
    surfaces,
    candidates(repo, options) {
      const { paths } = spec.resolveOptions(options);
      return scopedFiles(repo, paths, possibleName).filter((path) => surfaceFor(path, repo.read(path)) !== undefined);
    },
    run(repo, options) {
      const { targetVersion, paths } = spec.resolveOptions(options);
      const files = scopedFiles(repo, paths, possibleName);
      // Python files are read with the kept parser, loaded (module and grammar) only when there are some.
      if (!files.some((path) => path.endsWith('.py'))) return upgrade(repo, files, targetVersion);
      return import('../../util/python-syntax.js')
        .then(({ loadPython }) => loadPython())
        .then((python) => upgrade(repo, files, targetVersion, python));
    },
  };
}
