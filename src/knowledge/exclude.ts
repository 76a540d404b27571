// Paths no step may change: a knowledge item's exclusion, or a guardrail of the definition that
// protects them (`protect: ["legacy/**"]`). Before a step is committed, whatever it changed there
// is put back and a person is told. Works for codemods, commands and the model alike, since it
// looks at git rather than at what a step says it wrote.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../codemods/types.js';
import type { Plan } from '../planner/types.js';
import { gitAt, gitStep, statusEntries, type StatusEntry } from '../util/git.js';
import { matchesAny } from '../util/glob.js';

/** One source of paths to keep out of the commits: a guardrail, or the knowledge exclusions. */
export interface KeepOut {
  globs: string[];
  rule: 'atx/protected-path' | 'atx/knowledge-exclusion';
  /** Why the path may not change, for the finding and for the model. */
  why: string;
}

export function keepOutRules(plan: Pick<Plan, 'protectedPaths' | 'knowledge'>): KeepOut[] {
  const rules: KeepOut[] = (plan.protectedPaths ?? []).map(({ guardrail, paths }) => ({
    globs: paths,
    rule: 'atx/protected-path',
    why: `the guardrail "${oneLine(guardrail)}" protects ${paths.join(', ')}`,
  }));
  const excluded = plan.knowledge?.excludePaths ?? [];
  if (excluded.length > 0) {
    const items = plan.knowledge!.applied.filter((a) => a.kind === 'exclude').map((a) => a.id);
    rules.push({
      globs: excluded,
      rule: 'atx/knowledge-exclusion',
      why: `knowledge item ${items.join(', ')} says not to touch ${excluded.join(', ')}`,
    });
  }
  return rules;
}

/** The first rule that keeps scope-relative `path` out, if any. */
export function keptOutBy(rules: readonly KeepOut[], path: string): KeepOut | undefined {
  return rules.find((rule) => matchesAny(rule.globs, path));
}

export async function revertExcluded(worktree: string, scope: string, plan: Plan, stepId: string): Promise<Finding[]> {
  const rules = keepOutRules(plan);
  if (rules.length === 0) return [];
  const findings: Finding[] = [];
  const entries = (await statusEntries(worktree, scope)).filter((e) => !e.full.includes('node_modules/'));
  // New files first: a protected file replaced by a folder comes back only once the folder is gone.
  for (const entry of [...entries].sort((a, b) => Number(isNew(b)) - Number(isNew(a)))) {
    const rule = keptOutBy(rules, entry.path);
    if (!rule) continue;
    await putBack(worktree, entry);
    findings.push({
      file: entry.path,
      line: 1,
      rule: rule.rule,
      message: `step ${stepId} changed this file, but ${rule.why}; the change was reverted`,
      severity: 'warning',
    });
  }
  return findings;
}

/**
 * A dry run's codemod changes to kept-out paths: left out of the diff (the caller filters it with
 * keptOutBy) and reported here, as a real run would revert and report them.
 */
export function keptOutOfDryRun(
  plan: Plan,
  stepId: string,
  written: readonly string[],
): { written: string[]; findings: Finding[] } {
  const rules = keepOutRules(plan);
  const findings: Finding[] = [];
  const kept: string[] = [];
  for (const path of written) {
    const rule = keptOutBy(rules, path);
    if (!rule) kept.push(path);
    else
      findings.push({
        file: path,
        line: 1,
        rule: rule.rule,
        message: `step ${stepId} would change this file, but ${rule.why}; the change is left out`,
        severity: 'warning',
      });
  }
  return { written: kept, findings };
}

function isNew(entry: StatusEntry): boolean {
  return entry.code === '??' || entry.code[0] === 'A';
}

/** The file as the last commit has it: a new file goes (from the index too), any other comes back. */
async function putBack(worktree: string, { code, full }: StatusEntry): Promise<void> {
  const git = gitAt(worktree);
  if (code !== '??' && code[0] === 'A')
    await gitStep(`unstage ${full}`, () => git.raw(['rm', '--cached', '--quiet', '--force', '--', full]));
  // git names a link itself, never a path through one: rm removes the link, not what it points to.
  if (isNew({ code, full, path: full })) await rm(join(worktree, full), { force: true, recursive: true });
  else await gitStep(`restore ${full}`, () => git.raw(['checkout', 'HEAD', '--', full]));
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
