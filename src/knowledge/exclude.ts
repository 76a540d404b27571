// The executor's side of an exclusion item: before a step is committed, whatever it changed
// under an excluded path is put back, and a person is told. Works for codemods, commands and
// the model alike, since it looks at git rather than at what a step says it wrote.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../codemods/types.js';
import type { Plan } from '../planner/types.js';
import { gitAt, gitStep, statusEntries } from '../util/git.js';
import { matchesAny } from './glob.js';

export async function revertExcluded(worktree: string, scope: string, plan: Plan, stepId: string): Promise<Finding[]> {
  const globs = plan.knowledge?.excludePaths ?? [];
  if (globs.length === 0) return [];
  const git = gitAt(worktree);
  const findings: Finding[] = [];
  for (const { code, full, path } of await statusEntries(worktree, scope)) {
    if (full.includes('node_modules/') || !matchesAny(globs, path)) continue;
    if (code === '??') await rm(join(worktree, full), { force: true });
    else await gitStep(`restore ${full}`, () => git.raw(['checkout', 'HEAD', '--', full]));
    const items = plan.knowledge!.applied.filter((a) => a.kind === 'exclude').map((a) => a.id);
    findings.push({
      file: path,
      line: 1,
      rule: 'atx/knowledge-exclusion',
      message: `step ${stepId} changed this file, but knowledge item ${items.join(', ')} says not to touch ${globs.join(', ')}; the change was reverted`,
      severity: 'warning',
    });
  }
  return findings;
}
