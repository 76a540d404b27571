// The values the validators exchange with the executor: what a check needs to run, and the
// status plus evidence it reports for an exit criterion (see shared/docs/cli-contract.md).
import type { TargetVersion } from '../codemods/types.js';
import type { ValidatorSpec } from '../definitions/types.js';
import type { Permission } from '../util/trust.js';

export type EvidenceKind = 'command' | 'commit' | 'search' | 'metric' | 'file';

export interface Evidence {
  kind: EvidenceKind;
  summary: string;
  details: Record<string, unknown>;
}

export interface ValidatorContext {
  /** Absolute path of the transformed tree (git worktree root). */
  worktree: string;
  /** Repository-relative folder the run is scoped to ('' for the whole repository; e.g. 'packages/api' in a monorepo). Commands run in worktree/scope. */
  scope: string;
  /** The commit the run started from. */
  baseCommit: string;
  /** -c / --build-command. */
  buildCommand?: string;
  /** Defaults: package.json scripts.test → `npm test`, else none (then 'tests' is skipped with a reason). */
  testCommand?: string;
  /** From configuration; run by runValidationCommands, not as criteria. */
  validationCommands: string[];
  /** The run's target version, in its family's terms (a Node.js major such as 24 for the Node.js validators). */
  targetVersion?: TargetVersion;
  /** The run's own folder (<atxHome>/runs/<id>/), where a check may keep a checkout of its own while it runs. */
  runDir?: string;
  /** Cache for installed Node.js versions: <atxHome>/cache/node/<version>/. */
  atxHome: string;
  signal?: AbortSignal;
  /** Per command; default 20 minutes. */
  timeoutMs?: number;
  /**
   * Asked before any command of the repository or the definition runs (tests, build, the
   * project's compiler, a `command` criterion); the executor answers from -t or the person.
   * A check that is refused is `skipped`, never passed. atx's own `git grep` is not asked about.
   */
  permit(command: string): Promise<Permission>;
}

export interface CriterionResult {
  status: 'passed' | 'failed' | 'skipped';
  evidence: Evidence[];
}

/** One kind of check. It gets the criterion's `atx` block and the run's context. */
export type Validator = (spec: ValidatorSpec, ctx: ValidatorContext) => Promise<CriterionResult>;

export const defaultTimeoutMs = 20 * 60 * 1000;
