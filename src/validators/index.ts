// Exit criteria → status and evidence. One table maps each validator kind (./names.ts) to the
// file that checks it; the executor calls runValidator per criterion at the end of a run.
import type { ExitCriterion, ValidatorSpec } from '../definitions/types.js';
import { build } from './build.js';
import { command } from './command.js';
import { equivalence } from './equivalence.js';
import { regexProblem } from './grep.js';
import { isValidatorName, validatorNames, type ValidatorName } from './names.js';
import { nodeRuntime } from './node-runtime.js';
import { pythonRuntime } from './python-runtime.js';
import { noMatch } from './no-match.js';
import { exists } from '../util/fs.js';
import { failed, scopeDir, skipped } from './shell.js';
import { tests } from './tests.js';
import { typecheck } from './typecheck.js';
import { unbundledSdk } from './unbundled-sdk.js';
import type { CriterionResult, Validator, ValidatorContext } from './types.js';

export type { CriterionResult, Evidence, EvidenceKind, Validator, ValidatorContext } from './types.js';
export { buildOutputDirs } from './build-outputs.js';
export { resolveTestCommand } from './project.js';
export { ensureNode, nodeCacheDir, type NodeInstall } from './node-install.js';

export const validators: Record<ValidatorName, Validator> = {
  build,
  tests,
  typecheck,
  'no-match': noMatch,
  'node-runtime': nodeRuntime,
  'python-runtime': pythonRuntime,
  command,
  'unbundled-sdk': unbundledSdk,
  equivalence,
};

/**
 * What is wrong with an exit criterion's `atx` block, or undefined if it can run. The
 * definition parser can call this to reject a definition up front (DefinitionError, exit 2).
 */
export function validatorSpecProblem(spec: ValidatorSpec): string | undefined {
  if (!isValidatorName(spec.validator)) {
    return `unknown validator "${spec.validator}" (expected one of: ${validatorNames.join(', ')})`;
  }
  if (spec.validator === 'no-match') {
    if (!spec.pattern) return 'validator no-match needs a `pattern`';
    const problem = regexProblem(spec.pattern);
    if (problem) return `invalid no-match pattern ${JSON.stringify(spec.pattern)}: ${problem}`;
  }
  if (spec.validator === 'command' && !spec.command?.trim()) return 'validator command needs a `command`';
  return undefined;
}

/** Checks one exit criterion in the transformed tree. A failed check is a result; only an interruption throws. */
export async function runValidator(criterion: ExitCriterion, ctx: ValidatorContext): Promise<CriterionResult> {
  const spec = criterion.validator;
  if (!spec) {
    // Plain-English criteria ("handlers keep their behaviour") have no mechanical check.
    return skipped(
      'No validator for this criterion: it needs a person or the model to judge',
      { criterion: criterion.text },
      'file',
    );
  }
  if (!isValidatorName(spec.validator))
    return failed(`Cannot check this criterion: ${validatorSpecProblem(spec)}`, { spec }, 'file');
  // Without this a command would fail with an empty output and no hint why.
  if (!(await exists(scopeDir(ctx)))) {
    return failed(
      `The run's scope folder "${ctx.scope}" does not exist in the transformed tree ${ctx.worktree}`,
      { scope: ctx.scope },
      'file',
    );
  }
  return validators[spec.validator](spec, ctx);
}

/** Runs the configuration's validationCommands, each as a `command` check, in order. */
export async function runValidationCommands(ctx: ValidatorContext): Promise<CriterionResult[]> {
  const results: CriterionResult[] = [];
  for (const line of ctx.validationCommands) {
    results.push(await command({ validator: 'command', command: line }, ctx));
  }
  return results;
}
