// `atx custom def learn`: commits people made on a result branch after atx's last commit,
// turned into knowledge items with before/after patterns for the files they changed.
import { join } from 'node:path';
import type { RewritePattern } from '../codemods/learned-rewrite/pattern.js';
import { UsageError } from '../errors.js';
import { UnsafePathError } from '../util/confine.js';
import { exists, readJson } from '../util/fs.js';
import { gitAt, gitOutput, gitStep } from '../util/git.js';
import { runDir } from '../util/home.js';
import { learnPatterns } from './patterns.js';
import type { NewItem } from './types.js';

export interface BranchLessons {
  branch: string;
  runId: string;
  definition: string;
  /** atx's last commit on the branch; people's commits come after it. */
  atxCommit: string;
  items: NewItem[];
}

const runTrailer = /^Atx-Run:\s*(\S+)\s*$/m;

/** Result branches, newest run first (the run id in the name sorts by time). */
export async function resultBranches(root: string): Promise<string[]> {
  const out = await gitStep('for-each-ref', () =>
    gitOutput(root, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads/atx/']),
  );
  const branches = out.split('\n').filter(Boolean);
  const stamp = (b: string) => /(\d{8}-\d{6}-[0-9a-f]+)$/.exec(b)?.[1] ?? '';
  return branches.sort((a, b) => stamp(b).localeCompare(stamp(a)));
}

export async function learnFromBranch(
  root: string,
  branch: string | undefined,
  atxHome: string,
): Promise<BranchLessons> {
  const git = gitAt(root);
  const name = branch ?? (await resultBranches(root))[0];
  if (!name) throw new UsageError(`${root} has no atx/* result branch; name one with --branch`);
  try {
    await git.raw(['rev-parse', '--verify', `refs/heads/${name}^{commit}`]);
  } catch {
    throw new UsageError(`no branch "${name}" in ${root}`);
  }
  const atxCommit = (await git.raw(['log', '-1', '--format=%H', '-E', '--grep=^Atx-Run: ', name])).trim();
  if (!atxCommit) throw new UsageError(`branch ${name} has no commit made by atx (none carries an Atx-Run trailer)`);
  const message = await git.raw(['log', '-1', '--format=%B', atxCommit]);
  const runId = runTrailer.exec(message)![1]!;
  const { definition, scope } = await runOrigin(atxHome, runId, message, name);
  const commits = (await git.raw(['rev-list', '--reverse', '--no-merges', `${atxCommit}..${name}`]))
    .split('\n')
    .filter(Boolean);
  const items: NewItem[] = [];
  for (const commit of commits) {
    const item = await lessonOf(root, commit, scope, { runId, branch: name });
    if (item) items.push(item);
  }
  return { branch: name, runId, definition, atxCommit, items };
}

/**
 * The definition a run applied, from its plan under ATX_HOME, else from atx's commit message.
 * The run id comes from a commit message, which anyone who can push to the repository writes:
 * one that is not a single plain name is never joined into a path.
 */
async function runOrigin(
  atxHome: string,
  runId: string,
  message: string,
  branch: string,
): Promise<{ definition: string; scope: string }> {
  const planPath = planOfRun(atxHome, runId);
  if (planPath && (await exists(planPath))) {
    const plan = await readJson<{ transformation?: { name?: string }; scope?: string }>(planPath);
    if (plan.transformation?.name) return { definition: plan.transformation.name, scope: plan.scope ?? '' };
  }
  const named = /Applied by atx, transformation (\S+) v/.exec(message)?.[1];
  if (!named)
    throw new UsageError(
      `cannot tell which definition made ${branch}: run ${runId} is not under ${atxHome} and its commits do not name it`,
    );
  return { definition: named, scope: '' };
}

function planOfRun(atxHome: string, runId: string): string | undefined {
  try {
    return join(runDir(atxHome, runId), 'plan.json');
  } catch (error) {
    if (error instanceof UnsafePathError) return undefined;
    throw error;
  }
}

async function lessonOf(
  root: string,
  commit: string,
  scope: string,
  origin: { runId: string; branch: string },
): Promise<NewItem | undefined> {
  const git = gitAt(root);
  const meta = await git.raw(['log', '-1', '--format=%an <%ae>%x00%s%x00%b', commit]);
  const [author, subject, body] = meta.split('\0');
  if (runTrailer.test(body ?? '')) return undefined;
  const changed = (await git.raw(['diff', '--name-status', '-z', '--no-renames', `${commit}^`, commit]))
    .split('\0')
    .filter(Boolean);
  const prefix = scope ? `${scope}/` : '';
  const patterns: RewritePattern[] = [];
  const notes: string[] = [];
  for (let i = 0; i + 1 < changed.length; i += 2) {
    const [kind, full] = [changed[i]!, changed[i + 1]!];
    if (!full.startsWith(prefix)) continue;
    const path = full.slice(prefix.length);
    if (kind !== 'M') {
      notes.push(
        `${kind === 'A' ? 'added' : kind === 'D' ? 'deleted' : 'changed'} ${path} (not replayable as a text replacement)`,
      );
      continue;
    }
    const before = await git.raw(['show', `${commit}^:${full}`]);
    const after = await git.raw(['show', `${commit}:${full}`]);
    if (before.includes('\0') || after.includes('\0')) {
      notes.push(`changed binary file ${path}`);
      continue;
    }
    const learned = learnPatterns(before, after, globFor(path), path);
    if (learned.length === 0) notes.push(`changed ${path} in a way no unique before/after lines describe`);
    patterns.push(...learned);
  }
  if (patterns.length === 0 && notes.length === 0) return undefined;
  const lines = [
    `Manual fix by ${author} in ${commit.slice(0, 12)} on ${origin.branch} (after atx run ${origin.runId}).`,
  ];
  for (const p of patterns)
    lines.push('', `In ${p.files} (learned from ${p.learnedFrom}), replace:`, fence(p.before), 'with:', fence(p.after));
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return {
    source: 'manual-fix',
    title: subject?.trim() || `manual fix ${commit.slice(0, 12)}`,
    content: lines.join('\n'),
    effect: patterns.length ? { kind: 'rewrite', patterns } : { kind: 'context' },
    origin: { ...origin, commit, author },
  };
}

/**
 * The files a learned pattern applies to: any file with the same extension. The "before" text
 * is whole, exact lines that occurred once in the fixed file, so a match elsewhere is the same code.
 */
export function globFor(path: string): string {
  const base = path.split('/').pop()!;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? `**/*${base.slice(dot)}` : `**/${base}`;
}

function fence(text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}\n${text.replace(/\n$/, '')}\n${ticks}`;
}
