// The git side of the team registry: a private clone under ATX_HOME/team/<hash of url>/,
// brought to exactly the remote's default branch before every read and every change.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { exists } from '../util/fs.js';
import { gitAt, gitStep } from '../util/git.js';

/** Where the clone of `url` lives; the hash keeps different team registries apart. */
export function cloneDirFor(atxHome: string, url: string): string {
  return join(atxHome, 'team', createHash('sha256').update(url).digest('hex').slice(0, 16));
}

/**
 * Git resolves a relative path against the folder it runs in, and atx runs git inside the
 * clone, so a local path is made absolute once; URLs and `host:path` forms pass unchanged.
 */
export function normalizeTeamUrl(url: string, cwd = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  if (/^[^/\\]+:/.test(url) && !/^[a-z]:[\\/]/i.test(url)) return url;
  return isAbsolute(url) ? url : resolve(cwd, url);
}

export class TeamClone {
  readonly git: SimpleGit;
  private branch?: string;

  constructor(readonly url: string, readonly dir: string, env: NodeJS.ProcessEnv) {
    this.git = gitAt(dir, env);
  }

  /** Fetches and resets the clone to the remote default branch (or to nothing if the remote is empty). */
  async sync(): Promise<void> {
    await this.ensureClone();
    await gitStep(`fetch from the team registry ${this.url}`, () =>
      this.git.raw(['fetch', '--prune', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*']),
    );
    const branch = await this.defaultBranch();
    const remoteRef = `refs/remotes/origin/${branch}`;
    await gitStep('clean the team registry clone', () => this.git.raw(['clean', '-fdxq']));
    await gitStep('point the clone at the default branch', () => this.git.raw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]));
    if (await this.hasRef(remoteRef)) {
      await gitStep('reset the clone to the remote', () => this.git.raw(['reset', '--hard', '--quiet', remoteRef]));
    } else {
      // An empty remote: start from no commit at all, whatever an earlier failed attempt left.
      await gitStep('reset the clone to empty', async () => {
        await this.git.raw(['update-ref', '-d', `refs/heads/${branch}`]);
        await this.git.raw(['read-tree', '--empty']);
        await this.git.raw(['clean', '-fdxq']);
      });
    }
  }

  /** Commits the given paths; false when there was nothing to commit. */
  async commit(paths: string[], message: string): Promise<boolean> {
    await gitStep('stage registry changes', () => this.git.raw(['add', '--all', '--', ...paths]));
    const staged = await gitStep('inspect staged changes', () => this.git.raw(['diff', '--cached', '--name-only']));
    if (!staged.trim()) return false;
    await gitStep('commit to the team registry clone', () => this.git.raw(['commit', '--quiet', '--no-verify', '-m', message]));
    return true;
  }

  /** Pushes HEAD to the default branch; throws what git said, for the caller to classify. */
  async push(): Promise<void> {
    const branch = await this.defaultBranch();
    await this.git.raw(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
  }

  private async ensureClone(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (!(await exists(join(this.dir, '.git')))) {
      await gitStep('create the team registry clone', () => this.git.raw(['init', '--quiet']));
    }
    const remotes = await gitStep('read remotes', () => this.git.getRemotes(true));
    const origin = remotes.find((r) => r.name === 'origin');
    if (!origin) {
      await gitStep('add the team registry remote', () => this.git.raw(['remote', 'add', 'origin', this.url]));
    } else if (origin.refs.fetch !== this.url) {
      await gitStep('set the team registry remote', () => this.git.raw(['remote', 'set-url', 'origin', this.url]));
    }
  }

  /**
   * The branch the remote's HEAD names; for a remote without commits git does not always say,
   * so a bare repository on disk is asked directly, and `main` is the last resort.
   */
  private async defaultBranch(): Promise<string> {
    if (this.branch) return this.branch;
    const symref = await gitStep('ask the team registry for its default branch', () =>
      this.git.raw(['ls-remote', '--symref', 'origin', 'HEAD']),
    );
    const named = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(symref)?.[1];
    const remoteBranches = (await this.git.raw(['for-each-ref', '--format=%(refname:strip=3)', 'refs/remotes/origin/']))
      .split('\n')
      .filter((b) => b && b !== 'HEAD');
    const branch =
      named ??
      ['main', 'master'].find((b) => remoteBranches.includes(b)) ??
      remoteBranches[0] ??
      (await this.bareHeadBranch()) ??
      'main';
    // Only remember it once the remote has branches: an empty remote may still get its first push from someone else.
    if (named || remoteBranches.length) this.branch = branch;
    return branch;
  }

  private async bareHeadBranch(): Promise<string | undefined> {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(this.url) && !this.url.startsWith('file://')) return undefined;
    const path = this.url.startsWith('file://') ? new URL(this.url).pathname : this.url;
    try {
      return /^ref: refs\/heads\/(\S+)/.exec(await readFile(join(path, 'HEAD'), 'utf8'))?.[1];
    } catch {
      return undefined;
    }
  }

  private async hasRef(ref: string): Promise<boolean> {
    // simple-git resolves a failing command that printed nothing, so the answer is the output.
    try {
      return (await this.git.raw(['rev-parse', '--verify', '--quiet', ref])).trim().length > 0;
    } catch {
      return false;
    }
  }
}

/** A push refused because the remote moved on (someone else published first). */
export function isRejectedPush(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /rejected|non-fast-forward|fetch first|cannot lock ref|failed to update ref|stale info/i.test(message);
}
