// Which Python files are the project's own (not installed packages, virtual environments or build
// output), which module names the project itself provides, and whether it declares setuptools.
import { buildOutputFolders, dependencyFolders, deployStateFolders } from '../../util/excluded-folders.js';
import { inPaths } from '../../util/glob.js';
import type { RepoView } from '../types.js';

const excludedDirs = new Set([
  ...dependencyFolders,
  ...buildOutputFolders,
  ...deployStateFolders,
  '.git',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
]);

/** `venv`, `.venv`, `venv311`, `.venv-dev`: the usual names of a virtual environment. */
const venvName = /^\.?venv(?:$|[\d._-])/;

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Folders holding a `pyvenv.cfg`: virtual environments whatever their name. */
function venvRoots(repo: RepoView): string[] {
  return repo.files.filter((path) => baseOf(path) === 'pyvenv.cfg').map(dirOf);
}

function excluded(path: string, venvs: readonly string[]): boolean {
  const dirs = path.split('/').slice(0, -1);
  if (dirs.some((dir) => excludedDirs.has(dir) || venvName.test(dir))) return true;
  return venvs.some((venv) => venv === '' || path.startsWith(`${venv}/`));
}

/** The `.py` files a run reads: in `paths`, outside dependencies, virtual environments and build output. */
export function pythonFiles(repo: RepoView, paths: readonly string[]): string[] {
  const venvs = venvRoots(repo).filter((dir) => dir !== '');
  return repo.files.filter((path) => path.endsWith('.py') && inPaths(path, paths) && !excluded(path, venvs));
}

/**
 * Module names the repository provides, by the folder they can be imported from: `a/cgi.py` and
 * `a/cgi/__init__.py` give `cgi` in `a`. A namespace folder (no `__init__.py`) is left out: the
 * standard library's module of that name would still win over it.
 */
export function localModules(repo: RepoView): Map<string, Set<string>> {
  const modules = new Map<string, Set<string>>();
  const add = (dir: string, name: string): void => {
    let names = modules.get(dir);
    if (!names) modules.set(dir, (names = new Set()));
    names.add(name);
  };
  for (const path of repo.files) {
    const base = baseOf(path);
    if (base === '__init__.py') {
      const pkg = dirOf(path);
      if (pkg) add(dirOf(pkg), baseOf(pkg));
    } else if (base.endsWith('.py')) add(dirOf(path), base.slice(0, -3));
  }
  return modules;
}

/**
 * Whether `name` (a top-level module) is the project's own for `file`: provided in the file's
 * folder or one above it, any of which may be the import root (a Lambda function's code folder,
 * `src/`, the repository).
 */
export function isLocalModule(modules: Map<string, Set<string>>, file: string, name: string): boolean {
  for (let dir = dirOf(file); ; dir = dirOf(dir)) {
    if (modules.get(dir)?.has(name)) return true;
    if (dir === '') return false;
  }
}

const requirement = (text: string): boolean => /^\s*setuptools\s*(?:[<>=!~;[@]|$)/i.test(text);
const quotedRequirement = /["']setuptools\s*(?:[<>=!~;[@]|["'])/i;

/** Whether setuptools (and with it pkg_resources) is a declared runtime dependency of the project. */
export function declaresSetuptools(repo: RepoView): boolean {
  const venvs = venvRoots(repo).filter((dir) => dir !== '');
  return repo.files.some((path) => {
    if (excluded(path, venvs)) return false;
    const base = baseOf(path).toLowerCase();
    const inRequirementsDir = /(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/i.test(path);
    if ((/^requirements.*\.(?:txt|in)$/.test(base) || inRequirementsDir) && requirementsDeclare(repo.read(path)))
      return true;
    if (base === 'pyproject.toml') return pyprojectDeclares(repo.read(path));
    if (base === 'setup.py') return setupPyDeclares(repo.read(path));
    if (base === 'setup.cfg') return setupCfgDeclares(repo.read(path));
    return false;
  });
}

function requirementsDeclare(text: string): boolean {
  return text.split('\n').some((line) => requirement(line.replace(/#.*/, '')));
}

/** Anywhere but `[build-system]`, whose `requires` is installed for a build, not at run time. */
function pyprojectDeclares(text: string): boolean {
  const tables = text.split(/^(?=\s*\[)/m).filter((table) => !/^\s*\[\s*build-system\s*\]/.test(table));
  return tables.some(
    (table) => quotedRequirement.test(table) || table.split('\n').some((line) => /^\s*setuptools\s*=/.test(line)),
  );
}

/** In the list given to `install_requires=` (not `setup_requires=`, which is the build's). */
function setupPyDeclares(text: string): boolean {
  return [...text.matchAll(/install_requires\s*=\s*\[([^\]]*)\]/g)].some((match) => quotedRequirement.test(match[1]!));
}

function setupCfgDeclares(text: string): boolean {
  const block = /^\s*install_requires\s*=(.*(?:\n[ \t]+.*)*)/m.exec(text);
  return !!block && block[1]!.split('\n').some((line) => requirement(line.replace(/#.*/, '')));
}
