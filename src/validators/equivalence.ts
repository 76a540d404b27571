// `validator: equivalence` — every Lambda handler the run changed behaves as it did: run before
// (base commit, source Node.js major) and after (the result, target major) on the same events,
// with the same scripted AWS answers, and compared (src/equivalence/). Running handlers runs the
// repository's code: only when the run allows it (-t), like the tests.
import { readTargetVersion } from '../codemods/nodejs-runtime/target.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutCommit } from '../equivalence/checkout.js';
import { foldersUp, installMissing, lendDependencies, manifestFolders } from '../equivalence/dependencies.js';
import { eventsFor, type EventCase } from '../equivalence/events/index.js';
import { changedHandlers, type ChangedHandler } from '../equivalence/handlers.js';
import { compareHandlers, type HandlerVerdict } from '../equivalence/run.js';
import { describeOutcome } from '../equivalence/compare.js';
import { listTrackedFiles } from '../planner/analyse.js';
import { DiskRepoView } from '../planner/repo-view.js';
import { gitOutput } from '../util/git.js';
import { ensureNode, NodeInstallError } from './node-install.js';
import { commandEvidence, notRun, scopeDir, skipped } from './shell.js';
import {
  defaultTimeoutMs,
  type CriterionResult,
  type Evidence,
  type Validator,
  type ValidatorContext,
} from './types.js';

/** Lambda's default function timeout is 3 s; a check on a loaded machine gets more. */
const defaultInvocationMs = 10_000;

export const equivalence: Validator = async (spec, ctx) => {
  const started = Date.now();
  const changed = await changedFiles(ctx);
  if (!changed.size) return skipped('The run changed no file in scope: no handler to compare', {}, 'metric');
  const own = ctx.runDir ? undefined : await mkdtemp(join(tmpdir(), 'atx-equivalence-'));
  const baseRepo = join(ctx.runDir ?? own!, 'equivalence-base');
  try {
    await checkoutCommit(ctx.worktree, ctx.baseCommit, baseRepo);
    const baseRoot = join(baseRepo, ctx.scope);
    const baseView = new DiskRepoView(baseRoot, await trackedAt(ctx, ctx.baseCommit));
    const resultView = new DiskRepoView(scopeDir(ctx), await listTrackedFiles(ctx.worktree, ctx.scope));
    const selection = changedHandlers(baseView, resultView, changed, {
      targetMajor: readTargetVersion(ctx.targetVersion),
      resultAtLeast: positive(spec.options?.resultAtLeast),
    });
    const notRunEvidence: Evidence[] = selection.notRun.map((h) => ({
      kind: 'file',
      summary: `${h.label}: not checked (${h.reason})`,
      details: { handler: h.label, file: h.file, checked: false, reason: h.reason },
    }));
    const { handlers } = selection;
    if (!handlers.length) {
      const summary = selection.notRun.length
        ? `No changed Lambda handler could be run: ${selection.notRun.length} not checked`
        : 'The run changed no Lambda handler: nothing to compare';
      return { status: 'skipped', evidence: [metric(summary, { changedFiles: changed.size }), ...notRunEvidence] };
    }
    const majors = [...new Set(handlers.flatMap((h) => [h.sourceMajor, h.targetMajor]))].sort((a, b) => a - b);
    const what = `run ${handlers.length} changed Lambda handler(s) of the repository before and after the change, under Node.js ${majors.join(' and ')}, after installing their folders' dependencies (equivalence check)`;
    const permission = await ctx.permit(what);
    if (!permission.granted) return notRun(what, permission.reason);

    const evidence: Evidence[] = [];
    const binaries = new Map<number, string>();
    for (const major of majors) {
      try {
        const node = await ensureNode(ctx.atxHome, major, {
          timeoutMs: ctx.timeoutMs ?? defaultTimeoutMs,
          signal: ctx.signal,
        });
        if (node.install) evidence.push(commandEvidence(node.install, ctx));
        binaries.set(major, join(node.binDir, 'node'));
      } catch (error) {
        if (!(error instanceof NodeInstallError)) throw error;
        const cause = error.run ? [commandEvidence(error.run, ctx, { error: error.message })] : [];
        return {
          status: 'skipped',
          evidence: [metric(`Not checked: ${error.message}`, { major }), ...cause, ...notRunEvidence],
        };
      }
    }
    // Each function folder's own packages, which the run's install at the root does not cover.
    const installs = await installMissing(
      scopeDir(ctx),
      manifestFolders(
        scopeDir(ctx),
        handlers.map((h) => h.file),
      ),
      ctx.signal,
    );
    evidence.push(...installs.map((run) => commandEvidence(run, ctx)));
    const lent = await lendDependencies(
      scopeDir(ctx),
      baseRoot,
      handlers.flatMap((h) => [...foldersUp(h.file), ...(h.fn?.codeRoot ? [h.fn.codeRoot] : [])]),
    );
    const verdicts = await compareHandlers({
      handlers,
      baseRoot,
      resultRoot: scopeDir(ctx),
      nodeFor: (major) => binaries.get(major)!,
      eventsFor: (handler) => handlerEvents(baseView, handler),
      answers: { rules: [] },
      timeoutMs: invocationTimeout(spec.options),
      signal: ctx.signal,
    });
    return verdictResult(verdicts, notRunEvidence, evidence, {
      changedFiles: changed.size,
      lentDependencies: lent,
      durationMs: Date.now() - started,
    });
  } finally {
    await rm(own ?? baseRepo, { recursive: true, force: true });
  }
};

/** Scope-relative paths of the files the run changed, added or renamed (base commit to HEAD). */
async function changedFiles(ctx: ValidatorContext): Promise<Set<string>> {
  const out = await gitOutput(ctx.worktree, [
    'diff',
    '--name-only',
    '--no-renames',
    '-z',
    '--diff-filter=AM',
    ctx.baseCommit,
    'HEAD',
    '--',
    ctx.scope || '.',
  ]);
  return new Set(scopePaths(ctx, out));
}

/** The scope's tracked files at `commit`, relative to the scope. */
async function trackedAt(ctx: ValidatorContext, commit: string): Promise<string[]> {
  const out = await gitOutput(ctx.worktree, ['ls-tree', '-r', '-z', '--name-only', commit, '--', ctx.scope || '.']);
  return scopePaths(ctx, out).sort();
}

/** git's NUL-separated repository paths, made relative to the run's scope. */
function scopePaths(ctx: ValidatorContext, out: string): string[] {
  const prefix = ctx.scope ? `${ctx.scope.replace(/\/+$/, '')}/` : '';
  return out
    .split('\0')
    .filter(Boolean)
    .map((path) => path.slice(prefix.length));
}

function handlerEvents(baseView: DiskRepoView, handler: ChangedHandler): EventCase[] {
  if (handler.fn) return eventsFor(baseView, handler.fn);
  return [{ name: 'generic {} (no declaration names this handler)', event: {}, source: 'generated' }];
}

function positive(value: unknown): number | undefined {
  const given = Number(value);
  return value !== undefined && Number.isFinite(given) && given > 0 ? given : undefined;
}

function invocationTimeout(options: Record<string, unknown> | undefined): number {
  return positive(options?.timeoutMs) ?? defaultInvocationMs;
}

function metric(summary: string, details: Record<string, unknown>): Evidence {
  return { kind: 'metric', summary, details };
}

function verdictResult(
  verdicts: HandlerVerdict[],
  notRunEvidence: Evidence[],
  installs: Evidence[],
  totals: Record<string, unknown>,
): CriterionResult {
  const count = (status: HandlerVerdict['status']) => verdicts.filter((v) => v.status === status).length;
  const different = count('different');
  const notChecked = count('not-checked') + notRunEvidence.length;
  const runs = verdicts.reduce((n, v) => n + v.events.length, 0);
  const summary =
    `${verdicts.length + notRunEvidence.length} changed handler(s): ${count('equal')} behave the same, ` +
    `${different} differ, ${notChecked} not checked; ${runs} event(s) run on both sides`;
  const perHandler: Evidence[] = verdicts.map((v) => {
    const sides = sidesText(v.handler);
    const first = v.events.find((e) => e.difference && e.runtime !== 'explained');
    const text =
      v.status === 'equal'
        ? `behaves the same on ${v.events.length} event(s) (${v.events.map((e) => e.name).join('; ')}), ${sides}${shallow(v)}${explained(v)}`
        : v.status === 'different'
          ? `differs on the event "${first!.name}": ${first!.difference!.summary} (${sides})${
              first!.runtime === 'caused'
                ? `; the changed code behaves as before under Node.js ${v.handler.sourceMajor}: Node.js ${v.handler.targetMajor} makes this difference`
                : ''
            }`
          : `not checked: ${v.reason}`;
    return {
      kind: 'file',
      summary: `${v.handler.label}: ${text}`,
      details: {
        handler: v.handler.label,
        file: v.handler.file,
        export: v.handler.exportName,
        checked: v.status !== 'not-checked',
        status: v.status,
        why: v.handler.why,
        sourceMajor: v.handler.sourceMajor,
        targetMajor: v.handler.targetMajor,
        durationMs: v.durationMs,
        events: v.events.map((e) => ({
          name: e.name,
          source: e.source,
          ...(e.file ? { file: e.file } : {}),
          equal: !e.difference,
          before: describeOutcome(e.before),
          after: describeOutcome(e.after),
          awsCalls: e.calls,
          ...(e.difference ? { difference: e.difference } : {}),
          ...(e.runtime ? { runtime: e.runtime } : {}),
        })),
        ...(v.reason ? { reason: v.reason } : {}),
      },
    };
  });
  const status = different ? 'failed' : notChecked ? 'skipped' : 'passed';
  return {
    status,
    evidence: [
      metric(summary, { ...totals, handlers: verdicts.length, different, notChecked, eventRuns: runs }),
      ...installs,
      ...perHandler,
      ...notRunEvidence,
    ],
  };
}

/** `Node.js 22 → 24`, saying when a declared runtime older than atx runs was run under a newer one. */
function sidesText(handler: ChangedHandler): string {
  const declared = handler.fn?.runtime;
  const raised = declared && /^nodejs(\d+)/.exec(declared);
  const note =
    raised && Number(raised[1]) < handler.sourceMajor
      ? ` (${declared} run under Node.js ${handler.sourceMajor}, the oldest the check runs)`
      : '';
  return `Node.js ${handler.sourceMajor}${note} → ${handler.targetMajor}`;
}

/** Said when every event failed the same way before any AWS call: the comparison reached little of the code. */
function shallow(v: HandlerVerdict): string {
  const early = v.events.every((e) => e.before.kind === 'error' && e.calls.before === 0 && e.calls.after === 0);
  return early ? '; every event failed the same way before any AWS call, so little of the changed code ran' : '';
}

function explained(v: HandlerVerdict): string {
  const only = v.events.filter((e) => e.runtime === 'explained');
  if (!only.length) return '';
  const list = only.map((e) => `"${e.name}": ${e.difference!.summary}`).join('; ');
  return `; where the answers differ, Node.js ${v.handler.targetMajor} itself words them differently (under Node.js ${v.handler.sourceMajor} the changed code answers as before): ${list}`;
}
