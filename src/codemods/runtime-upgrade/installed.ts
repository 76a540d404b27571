// What a repository installs for one of its packages: the package.json that owns a file, the
// range it declares for a dependency, and the version its lockfile resolves. Only the
// repository's own files are read, through the RepoView (never node_modules or the network), so
// the answer is what `npm ci` would install, not what happens to be on this machine.
import type { RepoView } from '../types.js';
import { lockedVersion, lockfileNames } from './lockfiles.js';
import { minVersion, satisfiesRange, type Version } from './version-numbers.js';

const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

export interface InstalledVersion {
  version: Version;
  /** `lockfile`: resolved there; `range`: the lowest version the declared range admits. */
  source: 'lockfile' | 'range';
  /** The lockfile or package.json the version was read from. */
  file: string;
  /** The range the owning package.json declares, if it names the dependency. */
  declared?: string;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** `dir` and every folder above it, up to the repository root (''). */
function upwards(dir: string): string[] {
  const dirs = [dir];
  while (dir !== '') dirs.push((dir = dirOf(dir)));
  return dirs;
}

/** One repository's package manifests and lockfiles, each read and parsed at most once. */
export class Project {
  private readonly present: ReadonlySet<string>;
  private readonly manifests = new Map<string, Record<string, unknown> | undefined>();
  private readonly locked = new Map<string, Version | undefined>();

  constructor(private readonly repo: RepoView) {
    this.present = new Set(repo.files);
  }

  private manifest(path: string): Record<string, unknown> | undefined {
    if (!this.manifests.has(path)) {
      let parsed: unknown;
      try {
        parsed = this.present.has(path) ? JSON.parse(this.repo.read(path)) : undefined;
      } catch {
        parsed = undefined;
      }
      this.manifests.set(
        path,
        parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined,
      );
    }
    return this.manifests.get(path);
  }

  /** The range `manifest` declares for `name`, if any. */
  private declared(path: string, name: string): string | undefined {
    const manifest = this.manifest(path);
    for (const field of dependencyFields) {
      const range = (manifest?.[field] as Record<string, unknown> | undefined)?.[name];
      if (typeof range === 'string') return range;
    }
    return undefined;
  }

  /** The package.json nearest to `file` (a package.json is its own). */
  packageJsonOf(file: string): string | undefined {
    return upwards(dirOf(file))
      .map((dir) => join(dir, 'package.json'))
      .find((path) => this.present.has(path));
  }

  /**
   * The version of `name` installed for the package that owns `file`: the first package.json up
   * the tree that declares it, resolved in the nearest lockfile at or above that package, else
   * the lowest version its range admits. Undefined when neither says.
   */
  installedVersion(file: string, name: string): InstalledVersion | undefined {
    const manifests = upwards(dirOf(file))
      .map((dir) => join(dir, 'package.json'))
      .filter((path) => this.present.has(path));
    const owner = manifests.find((path) => this.declared(path, name) !== undefined) ?? manifests[0];
    const declared = owner ? this.declared(owner, name) : undefined;
    const ownerDir = owner ? dirOf(owner) : dirOf(file);
    for (const dir of upwards(ownerDir)) {
      const lockfile = lockfileNames.map((base) => join(dir, base)).find((path) => this.present.has(path));
      if (!lockfile) continue;
      const relative = dir === '' ? ownerDir : ownerDir.slice(dir.length + 1);
      const key = [lockfile, relative, name, declared].join('\0');
      if (!this.locked.has(key))
        this.locked.set(
          key,
          lockedVersion(
            lockfile.slice(lockfile.lastIndexOf('/') + 1),
            this.repo.read(lockfile),
            relative,
            name,
            declared,
          ),
        );
      const version = this.locked.get(key);
      // A lockfile entry the declared range shuts out is stale (an earlier step raised the range and
      // the lockfile was not refreshed): the package manager installs from the range then.
      if (version && (declared === undefined || satisfiesRange(version, declared)))
        return { version, source: 'lockfile', file: lockfile, declared };
      break;
    }
    const lowest = declared !== undefined ? minVersion(declared) : undefined;
    return lowest && owner ? { version: lowest, source: 'range', file: owner, declared } : undefined;
  }
}

const projects = new WeakMap<RepoView, Project>();

/** The Project of a repository view, shared by every file of one codemod run. */
export function projectOf(repo: RepoView): Project {
  let project = projects.get(repo);
  if (!project) projects.set(repo, (project = new Project(repo)));
  return project;
}
