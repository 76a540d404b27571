// Which Lambda handlers the equivalence check runs (issue 18, point 1): the Node.js functions
// the infrastructure code declares whose handler file the run changed, or a module of the
// repository it loads (lambda/modules.ts's graph), or whose runtime moved; and changed files no
// declaration names that export a `handler` (what the codemods convert by its shape). Each with
// the Node.js major its two sides run under, or the reason it cannot be run.
import { posix } from 'node:path';
import { ts } from '../util/typescript.cjs';
import { exportedFunctions } from '../codemods/aws-sdk-v2-to-v3/crossmodule.js';
import type { RepoView } from '../codemods/types.js';
import { isIgnoredPath, isNodeRuntime, lambdaFunctions, nodeMajor, type LambdaFunction } from '../lambda/functions.js';
import { ModuleGraph } from '../lambda/modules.js';
import { insideFolders, testFolders } from '../util/excluded-folders.js';

/** One handler, as it was at the base commit and as the run left it. */
export interface ChangedHandler {
  /** How people name it: `HelloFunction (template.yaml:12) hello/app.js#handler`. */
  label: string;
  /** The handler file, relative to the scope, at both commits. */
  file: string;
  exportName: string;
  /** Why it is checked: its file changed, a module it loads changed, its runtime moved. */
  why: string;
  /** The declaration at the base commit (events are read from it); absent for a handler found by its file. */
  fn?: LambdaFunction;
  sourceMajor: number;
  targetMajor: number;
}

export interface NotRunHandler {
  label: string;
  file: string;
  reason: string;
}

export interface HandlerSelection {
  handlers: ChangedHandler[];
  notRun: NotRunHandler[];
}

/** The invoker's child needs ES2022 (Node.js 16.11); older runtimes settle handlers the same way as 16. */
export const oldestRunnableMajor = 16;
/** A handler whose runtime is not written as a value is taken to run on the last runtime of the callback era. */
export const undeclaredSourceMajor = 22;

const runnable = /\.(?:js|cjs|mjs)$/;
const sourceFile = /\.(?:js|cjs|mjs|ts|cts|mts|jsx|tsx)$/;
const typescript = /\.(?:ts|cts|mts|tsx)$/;
const tests = insideFolders(testFolders);
const testName = /(?:^|[./_-])(?:test|spec)\.[cm]?[jt]sx?$/;

export interface SelectOptions {
  /** The run's target major, for sides whose runtime is not written as a value. */
  targetMajor?: number;
  /** The result side runs under at least this major (a conversion made for a runtime the run does not move to). */
  resultAtLeast?: number;
}

export function changedHandlers(
  base: RepoView,
  result: RepoView,
  changed: ReadonlySet<string>,
  options: SelectOptions = {},
): HandlerSelection {
  const handlers: ChangedHandler[] = [];
  const notRun: NotRunHandler[] = [];
  const covered = new Set<string>();
  const baseFiles = new Set(base.files);
  const resultFiles = new Set(result.files);
  const graph = new ModuleGraph(result);
  const before = lambdaFunctions(base).filter(isNode);
  // A side whose runtime is not written as a value: the run's target after the change, else
  // the same major as before (a run that moves no runtime, such as the SDK conversion).
  const majors = (before: number | undefined, after: number | undefined) => {
    const source = before ?? undeclaredSourceMajor;
    const target = Math.max(after ?? options.targetMajor ?? source, options.resultAtLeast ?? 0);
    return { sourceMajor: runnableMajor(source), targetMajor: runnableMajor(target) };
  };
  /** Run, or listed as not run when Node.js cannot load it as it is. */
  const add = (found: Omit<ChangedHandler, 'sourceMajor' | 'targetMajor'>, before?: number, after?: number) => {
    const problem = notRunnable(found.file);
    if (problem) notRun.push({ label: found.label, file: found.file, reason: problem });
    else handlers.push({ ...found, ...majors(before, after) });
  };
  for (const fn of lambdaFunctions(result).filter(isNode)) {
    const old = before.find((b) => sameFunction(b, fn));
    const file = fn.handlerFile;
    const label = describe(fn);
    if (file) covered.add(file);
    const why = changeOf(fn, old, changed, (entry) => (resultFiles.has(entry) ? graph.modulesOf(entry) : []));
    if (!why) continue;
    if (fn.inline) {
      notRun.push({ label, file: fn.file, reason: 'inline code in the infrastructure code: atx does not run it' });
      continue;
    }
    if (!file || !fn.exportName) {
      notRun.push({ label, file: fn.file, reason: 'its handler file is not in the repository' });
      continue;
    }
    if (!old || old.handlerFile !== file || !baseFiles.has(file)) {
      notRun.push({ label, file, reason: 'new in this run: there is no earlier version to compare with' });
      continue;
    }
    add({ label, file, exportName: fn.exportName, why, fn: old }, nodeMajor(old), nodeMajor(fn));
  }
  // Changed files no declaration names that export a handler.
  for (const file of [...changed].sort()) {
    if (covered.has(file) || !sourceFile.test(file) || isIgnoredPath(file) || tests.test(file) || testName.test(file))
      continue;
    if (!baseFiles.has(file) || !resultFiles.has(file)) continue;
    const exportName = handlerExport(base, file);
    if (!exportName || !handlerExport(result, file)) continue;
    add({ label: `${file}#${exportName} (no declaration names it)`, file, exportName, why: 'its file changed' });
  }
  return { handlers, notRun };
}

function isNode(fn: LambdaFunction): boolean {
  return isNodeRuntime(fn) || (fn.runtime === undefined && !!fn.handlerFile && sourceFile.test(fn.handlerFile));
}

function sameFunction(a: LambdaFunction, b: LambdaFunction): boolean {
  return a.source === b.source && a.name === b.name && a.file === b.file;
}

function describe(fn: LambdaFunction): string {
  const where = `${fn.name} (${fn.file}:${fn.line})`;
  return fn.handlerFile ? `${where} ${fn.handlerFile}#${fn.exportName ?? 'handler'}` : where;
}

/** Why the run changed what this function runs, or undefined when it did not. */
function changeOf(
  fn: LambdaFunction,
  old: LambdaFunction | undefined,
  changed: ReadonlySet<string>,
  modulesOf: (entry: string) => string[],
): string | undefined {
  const file = fn.handlerFile;
  if (!file) return runtimeMove(fn, old);
  if (changed.has(file)) return 'its handler file changed';
  const loaded = modulesOf(file).find((path) => path !== file && changed.has(path));
  if (loaded) return `${loaded}, which it loads, changed`;
  return runtimeMove(fn, old);
}

function runtimeMove(fn: LambdaFunction, old: LambdaFunction | undefined): string | undefined {
  if (old && old.runtime !== fn.runtime && old.runtime !== undefined && fn.runtime !== undefined)
    return `its runtime moved from ${old.runtime} to ${fn.runtime}`;
  return undefined;
}

function notRunnable(file: string): string | undefined {
  if (typescript.test(file)) return 'TypeScript source: atx does not build the project to run it';
  if (!runnable.test(file)) return `${posix.extname(file) || 'no extension'}: not a module Node.js loads`;
  return undefined;
}

function runnableMajor(major: number): number {
  return Math.max(major, oldestRunnableMajor);
}

/** `handler` when the module exports a function of that name (the codemods' handler shape). */
function handlerExport(repo: RepoView, file: string): string | undefined {
  const text = repo.read(file);
  if (!/\bhandler\b/.test(text)) return undefined;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  return exportedFunctions(sf).has('handler') ? 'handler' : undefined;
}
