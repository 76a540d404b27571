// `validator: python-runtime` — the project's tests pass under the target Python (e.g. 3.13),
// not under whichever Python comes first on PATH. atx installs nothing here: it looks for that
// interpreter on the machine, and leaves the project's dependencies alone (no PyPI on many
// machines), saying so when a test fails for want of one.
import { readTargetPython } from '../codemods/python-runtime/target.js';
import { REMOVED_MODULES } from '../codemods/python-removed-features/removals.js';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { resolveInside } from '../util/confine.js';
import { exists, listFiles } from '../util/fs.js';
import type { CommandRun } from '../util/proc.js';
import {
  commandEvidence,
  notRun,
  runInScope,
  scopeDir,
  shownCommand,
  skipped,
  type Command,
  type Program,
} from './shell.js';
import type { Evidence, Validator, ValidatorContext } from './types.js';
import { findPython, notFound, probe, type Python, type PythonLookup } from './python-interpreter.js';

export type { PythonLookup } from './python-interpreter.js';

/** "3.13", 3.12, "python3.13" → "3.13" (YAML's 3.1 is 3.10); anything else → undefined. The family's own reading. */
export const pythonTarget = readTargetPython;

type Runner = 'unittest' | 'pytest';
type TestChoice =
  { command: Command; source: string; runner?: Runner } | { skip: string; details: Record<string, unknown> };

const jsCommand = /(^|[\s;&|(])(npm|npx|yarn|pnpm)(\s|$)/;
const testFile = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/;
const notProject = new Set(['node_modules', '__pycache__', 'venv', 'site-packages']);

/** A file of the scope folder, or undefined (absent, unreadable, or a link out of the repository). */
async function readProjectFile(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(await resolveInside(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Why the project looks like it runs pytest, or undefined. */
async function pytestSign(dir: string, files: string[]): Promise<string | undefined> {
  if (files.includes('pytest.ini')) return 'pytest.ini';
  if (/\bpytest\b/.test((await readProjectFile(dir, 'pyproject.toml')) ?? '')) return 'pyproject.toml';
  if (((await readProjectFile(dir, 'setup.cfg')) ?? '').includes('[tool:pytest]')) return 'setup.cfg';
  if (((await readProjectFile(dir, 'tox.ini')) ?? '').includes('[pytest]')) return 'tox.ini';
  const conftest = files.find((f) => /(^|\/)conftest\.py$/.test(f));
  if (conftest) return conftest;
  // Test requirements often live beside the tests (tests/requirements.txt).
  for (const file of files.filter((f) => /(^|\/)requirements[^/]*\.txt$|^Pipfile$/.test(f))) {
    if (/^\s*"?pytest\b/im.test((await readProjectFile(dir, file)) ?? '')) return file;
  }
  return undefined;
}

async function detectTests(ctx: ValidatorContext, python: Python): Promise<TestChoice> {
  const dir = scopeDir(ctx);
  const files = await listFiles(dir, { skip: (n) => n.startsWith('.') || notProject.has(n), limit: 50_000 });
  const tests = files.filter((f) => testFile.test(f));
  if (!tests.length)
    return {
      skip: `No Python test files (test_*.py, *_test.py): nothing to run under Python ${python.version}`,
      details: { cwd: ctx.scope || '.' },
    };
  const sign = await pytestSign(dir, files);
  const exe = python.executable;
  if (sign) {
    const check = await probe(exe, ['-c', 'import pytest'], ctx);
    if (check.exitCode !== 0) {
      return {
        skip: `The tests use pytest (${sign}), which Python ${python.version} (${exe}) cannot import, and atx installs no packages: install it (\`${exe} -m pip install pytest\`) and run again`,
        details: {
          pytestSign: sign,
          interpreter: exe,
          outputTail: check.output.trim().split('\n').slice(-3).join('\n'),
        },
      };
    }
    // No .pytest_cache left in the tree.
    return {
      command: { file: exe, args: ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'] },
      source: `pytest (${sign})`,
      runner: 'pytest',
    };
  }
  const start = files.some((f) => f.startsWith('tests/'))
    ? 'tests'
    : files.some((f) => f.startsWith('test/'))
      ? 'test'
      : '.';
  // unittest takes a start folder below the top level only when it is a package.
  const top = start === '.' || files.includes(`${start}/__init__.py`) ? ['-t', '.'] : [];
  const pattern = tests.some((f) => /(^|\/)test[^/]*$/.test(f)) ? 'test*.py' : '*_test.py';
  const args = ['-m', 'unittest', 'discover', '-s', start, ...top, '-p', pattern];
  return { command: { file: exe, args } satisfies Program, source: 'unittest', runner: 'unittest' };
}

async function chooseTests(spec: { command?: string }, ctx: ValidatorContext, python: Python): Promise<TestChoice> {
  const fromSpec = spec.command?.trim();
  if (fromSpec) return { command: fromSpec, source: 'criterion' };
  const fromCtx = ctx.testCommand?.trim();
  if (fromCtx && !jsCommand.test(fromCtx)) return { command: fromCtx, source: 'context' };
  return detectTests(ctx, python);
}

const minor = (version: string) => Number(version.split('.')[1]);
const dependencyFiles = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg'];

/** What a failed run could not import that is not the project's own module, in evidence form. */
async function missingModules(run: CommandRun, ctx: ValidatorContext, python: Python): Promise<Evidence | undefined> {
  const dir = scopeDir(ctx);
  const named = [...run.output.matchAll(/(?:ModuleNotFoundError|ImportError): No module named '?([\w.]+)'?/g)];
  const tops = [...new Set(named.map((m) => m[1]!.split('.')[0]!))];
  const foreign: string[] = [];
  for (const top of tops) {
    const own = [`${top}.py`, top, `src/${top}`].map((p) => exists(join(dir, p)));
    if (!(await Promise.all(own)).some(Boolean)) foreign.push(top);
  }
  if (!foreign.length) return undefined;
  const removed = foreign.filter((m) => REMOVED_MODULES[m] && minor(python.version) >= REMOVED_MODULES[m]!.removed);
  const thirdParty = foreign.filter((m) => !removed.includes(m));
  const declared = (
    await Promise.all(dependencyFiles.map(async (f) => ((await exists(join(dir, f))) ? f : '')))
  ).filter(Boolean);
  const parts = removed.map(
    (m) => `${m} was removed from the standard library in Python 3.${REMOVED_MODULES[m]!.removed}`,
  );
  if (thirdParty.length) {
    const where = declared.length ? ` (${declared.join(', ')})` : '';
    parts.push(
      `Python ${python.version} could not import ${thirdParty.join(', ')}: atx did not install the project's dependencies${where} under Python ${python.version} (${python.executable} -m pip install …), so this may be a missing dependency rather than a broken test`,
    );
  }
  return {
    kind: 'file',
    summary: parts.join('; '),
    details: {
      missingModules: thirdParty,
      removedFromStdlib: removed,
      dependencyFiles: declared,
      interpreter: python.executable,
    },
  };
}

/** Whether every error of the run is a test module that could not be imported (and no test failed). */
function onlyImportErrors(runner: Runner, output: string): boolean {
  if (runner === 'pytest') return /errors? during collection/.test(output) && !/\b\d+ failed\b/.test(output);
  const summary = /^FAILED \((.*)\)$/m.exec(output)?.[1] ?? '';
  const errors = Number(/\berrors=(\d+)/.exec(summary)?.[1] ?? 0);
  const imports = output.match(/^ERROR: \S+ \(unittest\.loader\._FailedTest[.\w]*\)$/gm)?.length ?? 0;
  return errors > 0 && !/\bfailures=/.test(summary) && imports === errors;
}

/** unittest before 3.12 exits 0 when it finds no test, 3.12 on and pytest exit 5. */
function ranNoTests(runner: Runner, run: CommandRun): boolean {
  if (runner === 'pytest') return run.exitCode === 5;
  return (run.exitCode === 0 || run.exitCode === 5) && /^Ran 0 tests\b/m.test(run.output);
}

/** Runs the tests with `python`, `python3` and `python<version>` on PATH naming the interpreter. */
async function runWith(ctx: ValidatorContext, command: Command, python: Python): Promise<CommandRun> {
  const links = await mkdtemp(join(tmpdir(), 'atx-python-'));
  try {
    for (const name of ['python', 'python3', `python${python.version}`])
      await symlink(python.executable, join(links, name));
    const PATH = [links, dirname(python.executable), process.env.PATH ?? ''].join(delimiter);
    // Another Python's home would make the target load the wrong standard library; no __pycache__ left in the tree.
    return await runInScope(ctx, command, { PATH, PYTHONHOME: undefined, PYTHONDONTWRITEBYTECODE: '1' });
  } finally {
    await rm(links, { recursive: true, force: true });
  }
}

export function createPythonRuntime(lookup: PythonLookup = {}): Validator {
  return async (spec, ctx) => {
    const given = ctx.targetVersion ?? spec.options?.version;
    const version = pythonTarget(given);
    if (!version) {
      const why =
        given === undefined
          ? 'No target Python version for this run'
          : `The target ${JSON.stringify(given)} is not a Python version such as "3.13"`;
      return skipped(`${why}: nothing to check the tests against`, {}, 'metric');
    }
    const { python, searched, tried } = await findPython(version, lookup, ctx);
    if (!python) return notFound(version, searched, tried);
    const metric: Evidence = {
      kind: 'metric',
      summary: `Python ${python.version} at ${python.executable}, target ${version}`,
      details: {
        targetVersion: version,
        pythonVersion: python.version,
        interpreter: python.executable,
        found: python.found,
      },
    };
    const test = await chooseTests(spec, ctx, python);
    if ('skip' in test)
      return { status: 'skipped', evidence: [metric, { kind: 'file', summary: test.skip, details: test.details }] };
    const shown = shownCommand(test.command);
    const permission = await ctx.permit(shown);
    if (!permission.granted) return notRun(shown, permission.reason);
    const run = await runWith(ctx, test.command, python);
    const evidence = [metric, commandEvidence(run, ctx, { source: test.source, pythonVersion: python.version })];
    if (test.runner && !run.timedOut && ranNoTests(test.runner, run)) {
      const hint = test.runner === 'unittest' ? ' (test functions outside unittest.TestCase classes need pytest)' : '';
      evidence.push({
        kind: 'file',
        summary: `${test.runner} found no test to run in the test files${hint}: nothing was checked under Python ${version}`,
        details: { runner: test.runner },
      });
      return { status: 'skipped', evidence };
    }
    const passed = run.exitCode === 0 && !run.timedOut;
    const missing = passed ? undefined : await missingModules(run, ctx, python);
    if (missing) evidence.push(missing);
    // Tests that never ran because a dependency atx did not install is missing checked nothing:
    // skipped, with what to install. A removed standard-library module, or any failing test, fails.
    const onlyMissing =
      !!missing && !run.timedOut && test.runner !== undefined && onlyImportErrors(test.runner, run.output);
    const thirdPartyOnly = onlyMissing && (missing.details.removedFromStdlib as string[]).length === 0;
    return { status: passed ? 'passed' : thirdPartyOnly ? 'skipped' : 'failed', evidence };
  };
}

export const pythonRuntime: Validator = createPythonRuntime();
