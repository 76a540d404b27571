// Repository analysis, done once per run: the file index and the facts steps and validators use.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { resolveInside } from '../util/confine.js';
import { gitOutput, gitStep } from '../util/git.js';
import { parseJsonText } from '../util/text-file.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

/** The lockfiles atx knows, with the package manager each belongs to, in the order one is chosen. */
export const lockfiles: readonly (readonly [name: string, manager: PackageManager])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The lockfile of the folder `dir` on disk and its package manager, if it has one. */
export function lockfileIn(dir: string): readonly [name: string, manager: PackageManager] | undefined {
  return lockfiles.find(([name]) => existsSync(join(dir, name)));
}

export interface RepoAnalysis {
  /** Tracked files in scope, relative to the scope folder, POSIX, sorted. */
  files: string[];
  languages: Record<string, number>;
  packageJson?: { name?: string; hasDependencies: boolean; testScript?: string; engines?: string };
  packageManager?: PackageManager;
  lockfile?: string;
  templates: string[];
  hasTypeScript: boolean;
}

const languageByExtension: Record<string, string> = {
  '.js': 'javascript',
  '.cjs': 'javascript',
  '.mjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
  '.py': 'python',
  '.java': 'java',
  '.kt': 'kotlin',
  '.go': 'go',
  '.cs': 'csharp',
  '.rb': 'ruby',
  '.tf': 'terraform',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
};

const templateName = /(^|\/)(template\.ya?ml|[^/]*\.template\.(json|ya?ml)|serverless\.ya?ml|cdk\.json|[^/]*\.tf)$/;

/**
 * Tracked files under `scope` of the checkout at `root`, relative to the scope. A submodule
 * (a gitlink, mode 160000) is a commit of another repository, not a file: it is left out.
 */
export async function listTrackedFiles(root: string, scope: string): Promise<string[]> {
  // `-s`: `<mode> <object> <stage>\t<path>`, once per stage for a path with a merge conflict.
  const out = await gitStep('ls-files', () => gitOutput(root, ['ls-files', '-s', '-z', '--', scope || '.']));
  const prefix = scope ? `${scope}/` : '';
  const paths = new Set<string>();
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab === -1 || entry.startsWith('160000 ')) continue;
    const path = entry.slice(tab + 1);
    if (!path.split('/').includes('node_modules'))
      paths.add(prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path);
  }
  return [...paths].sort();
}

/** `listed`: listTrackedFiles(root, scope) when already asked for. */
export async function analyseRepository(
  root: string,
  scope: string,
  listed: Promise<string[]> = listTrackedFiles(root, scope),
): Promise<RepoAnalysis> {
  const files = await listed;
  const languages: Record<string, number> = {};
  for (const file of files) {
    const language = languageByExtension[posix.extname(file)];
    if (language) languages[language] = (languages[language] ?? 0) + 1;
  }
  const base = join(root, scope);
  const fileSet = new Set(files);
  const lock = lockfiles.find(([name]) => fileSet.has(name));
  return {
    files,
    languages,
    packageJson: fileSet.has('package.json') ? await readPackageJson(base) : undefined,
    packageManager: lock?.[1] ?? (fileSet.has('package.json') ? 'npm' : undefined),
    lockfile: lock?.[0],
    templates: files.filter((file) => templateName.test(file) && !file.split('/').includes('node_modules')),
    hasTypeScript: fileSet.has('tsconfig.json') || (languages.typescript ?? 0) > 0,
  };
}

async function readPackageJson(dir: string): Promise<RepoAnalysis['packageJson']> {
  try {
    // A package.json that is a link out of the repository is not read (resolveInside throws).
    const pkg = parseJsonText(await readFile(await resolveInside(dir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) };
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    const engines = (pkg.engines ?? {}) as Record<string, string>;
    return {
      name: typeof pkg.name === 'string' ? pkg.name : undefined,
      hasDependencies: Object.keys(deps).length > 0,
      testScript: scripts.test && !scripts.test.includes('no test specified') ? scripts.test : undefined,
      engines: engines.node,
    };
  } catch {
    // An unparsable package.json is the project's problem to report, not a reason to stop planning.
    return undefined;
  }
}
