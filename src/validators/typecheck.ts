// `validator: typecheck` — the TypeScript project type-checks as well as it did before the run,
// with its own compiler. When the result has errors, the base commit is type-checked the same
// way and only the errors it did not have fail the check: a project that did not type-check
// before is not blamed for old errors. The compiler comes from the project's node_modules and
// runs only when the run allows it.
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkoutCommit } from '../equivalence/checkout.js';
import { installMissing } from '../equivalence/dependencies.js';
import { exists } from '../util/fs.js';
import { findLocalTypeScript } from './project.js';
import {
  commandEvidence,
  notRun,
  runGuarded,
  runInScope,
  scopeDir,
  shownCommand,
  skipped,
  type Program,
} from './shell.js';
import { formatTscError, newErrors, parseTscErrors, type TscError } from './tsc-errors.js';
import type { CriterionResult, Evidence, Validator, ValidatorContext } from './types.js';

/** Files whose difference means the base commit installs other packages than the result. */
const manifests = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

/** New errors listed one by one in the evidence, at most. */
const listedErrors = 50;

export const typecheck: Validator = async (spec, ctx) => {
  const project = typeof spec.options?.project === 'string' ? spec.options.project : 'tsconfig.json';
  if (!(await exists(join(scopeDir(ctx), project)))) {
    return skipped(`No ${project} in ${ctx.scope || 'the repository root'}: nothing to type-check`, { file: project });
  }
  // Only the project's own compiler: a different TypeScript would report different errors,
  // and --no-install keeps npx from fetching one.
  const command: Program = {
    file: 'npx',
    args: ['--no-install', 'tsc', '--noEmit', '--pretty', 'false', '-p', project],
  };
  // Asked before looking for the compiler: a yes may install the dependencies first.
  const permission = await ctx.permit(shownCommand(command));
  if (!permission.granted) return notRun(shownCommand(command), permission.reason);
  const typescript = await findLocalTypeScript(ctx);
  if (!typescript) {
    return skipped('TypeScript is not installed locally (node_modules/typescript): install dependencies first', {
      file: 'node_modules/typescript/package.json',
    });
  }
  const after = await runInScope(ctx, command);
  const afterEvidence = commandEvidence(after, ctx);
  if (after.exitCode === 0 && !after.timedOut) return { status: 'passed', evidence: [afterEvidence] };
  const errors = parseTscErrors(after.output);
  if (after.timedOut || errors.length === 0) return { status: 'failed', evidence: [afterEvidence] };
  return compareWithBase(ctx, command, typescript, errors, afterEvidence);
};

/** The result has errors: those the base commit has too are not the run's. */
async function compareWithBase(
  ctx: ValidatorContext,
  command: Program,
  typescript: string,
  after: TscError[],
  afterEvidence: Evidence,
): Promise<CriterionResult> {
  const own = ctx.runDir ? undefined : await mkdtemp(join(tmpdir(), 'atx-typecheck-'));
  const baseRoot = join(ctx.runDir ?? own!, 'typecheck-base');
  try {
    await checkoutCommit(ctx.worktree, ctx.baseCommit, baseRoot);
    const base = await baseDependencies(ctx, baseRoot, relative(ctx.worktree, typescript));
    if ('problem' in base) return unknownBase(after, afterEvidence, base.problem, base.evidence);
    const run = await runGuarded(command, {
      cwd: join(baseRoot, ctx.scope),
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    });
    const baseEvidence = commandEvidence(run, ctx, { side: 'base commit', commit: ctx.baseCommit });
    const before = run.exitCode === 0 ? [] : parseTscErrors(run.output);
    if (run.exitCode !== 0 && before.length === 0)
      return unknownBase(after, afterEvidence, 'the base commit did not type-check to a list of errors', [
        ...base.evidence,
        baseEvidence,
      ]);
    const fresh = newErrors(before, after);
    const summary = fresh.length
      ? `${fresh.length} new type error(s): ${after.length} after the run, ${before.length} at the base commit`
      : `No new type error: the ${after.length} error(s) after the run were there at the base commit`;
    const listed: Evidence[] = fresh.slice(0, listedErrors).map((error) => ({
      kind: 'file',
      summary: formatTscError(error),
      details: { file: error.file, line: error.line, column: error.column, code: error.code, message: error.message },
    }));
    return {
      status: fresh.length ? 'failed' : 'passed',
      evidence: [
        afterEvidence,
        ...base.evidence,
        baseEvidence,
        { kind: 'metric', summary, details: { before: before.length, after: after.length, new: fresh.length } },
        ...listed,
      ],
    };
  } finally {
    await rm(own ?? baseRoot, { recursive: true, force: true });
  }
}

/**
 * The base checkout's packages: the result's node_modules when the base declares the same ones
 * (lent through a link), else installed from the base's own manifests, with leave to run them.
 */
async function baseDependencies(
  ctx: ValidatorContext,
  baseRoot: string,
  folder: string,
): Promise<{ evidence: Evidence[] } | { problem: string; evidence: Evidence[] }> {
  const same = await Promise.all(
    manifests.map(async (name) => {
      const read = (root: string) => readFile(join(root, folder, name), 'utf8').catch(() => undefined);
      return (await read(ctx.worktree)) === (await read(baseRoot));
    }),
  );
  if (same.every(Boolean)) {
    await symlink(join(ctx.worktree, folder, 'node_modules'), join(baseRoot, folder, 'node_modules'), 'dir');
    return { evidence: [] };
  }
  const what = `install the packages the base commit declares${folder ? ` in ${folder}` : ''}, to type-check it as it was`;
  const permission = await ctx.permit(what);
  if (!permission.granted) return { problem: `atx may not ${what} (${permission.reason})`, evidence: [] };
  const runs = await installMissing(baseRoot, [folder], ctx.signal);
  const evidence = runs.map((run) => commandEvidence(run, ctx, { side: 'base commit' }));
  const failed = runs.find((run) => run.exitCode !== 0);
  if (failed) return { problem: `installing the base commit's packages failed (\`${failed.command}\`)`, evidence };
  return { evidence };
}

/** Without the base's errors every error counts: the check fails, and says why it could not compare. */
function unknownBase(
  after: TscError[],
  afterEvidence: Evidence,
  problem: string,
  evidence: Evidence[],
): CriterionResult {
  return {
    status: 'failed',
    evidence: [
      afterEvidence,
      ...evidence,
      {
        kind: 'metric',
        summary: `${after.length} type error(s) after the run; not compared with the base commit: ${problem}`,
        details: { after: after.length, compared: false },
      },
    ],
  };
}
