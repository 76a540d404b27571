// python-runtime on this machine's own interpreters: which Python 3.11 it finds is given to it
// (createPythonRuntime's lookup), so the results do not depend on what else is on PATH.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createPythonRuntime, pythonTarget, type PythonLookup } from '../../src/validators/python-runtime.js';
import { makeRepo, type TempRepo } from './helpers.js';

let repo: TempRepo;
afterEach(() => {
  repo?.cleanup();
  vi.unstubAllEnvs();
});

const empty = mkdtempSync(join(tmpdir(), 'atx-python-test-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

interface Interpreter {
  executable: string;
  pytest: boolean;
}

/** Each distinct Python 3.11 on PATH or in /usr/bin, by its own path, and whether it can import pytest. */
function pythons311(): Interpreter[] {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'].filter(Boolean);
  const found = new Map<string, Interpreter>();
  for (const dir of new Set(dirs)) {
    try {
      const out = execFileSync(join(dir, 'python3.11'), ['-I', '-c', 'import sys; print(sys.executable)'], {
        encoding: 'utf8',
        cwd: tmpdir(),
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (found.has(out)) continue;
      let pytest = true;
      try {
        execFileSync(out, ['-I', '-c', 'import pytest'], { cwd: tmpdir(), stdio: 'ignore' });
      } catch {
        pytest = false;
      }
      found.set(out, { executable: out, pytest });
    } catch {
      // No python3.11 here.
    }
  }
  return [...found.values()];
}

const all = pythons311();
const py311 = all[0];
const withoutPytest = all.find((p) => !p.pytest);
const withPytest = all.find((p) => p.pytest);

/** Only the folder of `python` is searched, and no pyenv. */
const only = (python: Interpreter | undefined): PythonLookup => ({
  path: '',
  dirs: python ? [dirname(python.executable)] : [],
  pyenvRoot: empty,
});

const spec = { validator: 'python-runtime' };
const calc = 'def add(a, b):\n    return a + b\n';
const unittestFile = (assertion: string) =>
  `import sys, unittest\nfrom calc import add\n\nclass CalcTest(unittest.TestCase):\n    def test_add(self):\n        print('RUNNING ON %d.%d' % sys.version_info[:2])\n        ${assertion}\n`;

describe('pythonTarget', () => {
  it('reads strings, numbers and python3.x names', () => {
    expect(pythonTarget('3.13')).toBe('3.13');
    expect(pythonTarget(3.12)).toBe('3.12');
    expect(pythonTarget('python3.13')).toBe('3.13');
    // YAML's reading of `3.10`.
    expect(pythonTarget(3.1)).toBe('3.10');
    expect(pythonTarget('3')).toBeUndefined();
    expect(pythonTarget('latest')).toBeUndefined();
    expect(pythonTarget(undefined)).toBeUndefined();
  });
});

describe('python-runtime validator', () => {
  it('is skipped without a target, saying so', async () => {
    repo = makeRepo({ 'calc.py': calc });
    const result = await createPythonRuntime(only(py311))(spec, repo.ctx());
    expect(result.status).toBe('skipped');
    expect(result.evidence[0].summary).toMatch(/No target Python version/);
  });

  it('is skipped when no python3.13 is found, naming the version and how to get it', async () => {
    // A python3.13 that is really 3.12 does not count.
    const fake = mkdtempSync(join(tmpdir(), 'atx-python-fake-'));
    writeFileSync(join(fake, 'python3.13'), '#!/bin/sh\necho 3.12\necho /fake/python3.12\n');
    chmodSync(join(fake, 'python3.13'), 0o755);
    repo = makeRepo({ 'calc.py': calc, 'tests/test_calc.py': unittestFile('self.assertEqual(add(1, 2), 3)') });
    const permit = vi.fn(async () => ({ granted: true as const }));
    try {
      const result = await createPythonRuntime({ path: fake, dirs: [empty], pyenvRoot: empty })(
        spec,
        repo.ctx({ targetVersion: 3.13, permit }),
      );
      expect(result.status).toBe('skipped');
      const [evidence] = result.evidence;
      expect(evidence.summary).toContain('No Python 3.13');
      expect(evidence.summary).toContain('apt-get install python3.13');
      expect(evidence.summary).toContain('pyenv');
      expect(evidence.details).toMatchObject({
        targetVersion: '3.13',
        looked: [join(fake, 'python3.13'), join(empty, 'python3.13')],
        tried: [{ path: join(fake, 'python3.13'), version: '3.12' }],
      });
      expect(permit).not.toHaveBeenCalled();
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });

  describe.skipIf(!py311)('with Python 3.11', () => {
    it('passes when the unittest tests pass under 3.11, with evidence of the version', async () => {
      repo = makeRepo({ 'calc.py': calc, 'tests/test_calc.py': unittestFile('self.assertEqual(add(1, 2), 3)') });
      const result = await createPythonRuntime(only(py311))({ ...spec, options: { version: '3.11' } }, repo.ctx());
      const [metric, run] = result.evidence;
      expect(metric).toMatchObject({
        kind: 'metric',
        details: { targetVersion: '3.11', pythonVersion: '3.11', interpreter: py311!.executable },
      });
      expect(run.details).toMatchObject({ exitCode: 0, source: 'unittest', pythonVersion: '3.11' });
      expect(run.details.command).toBe(`${py311!.executable} -m unittest discover -s tests -p 'test*.py'`);
      expect(String(run.details.outputTail)).toContain('Ran 1 test');
      expect(result.status).toBe('passed');
      // No bytecode left in the tree.
      expect(existsSync(join(repo.worktree, 'tests', '__pycache__'))).toBe(false);
    });

    it('reads no project file through a link out of the repository', async () => {
      // Outside the repository, a pyproject.toml that would make the tests a pytest run.
      const outside = mkdtempSync(join(tmpdir(), 'atx-python-outside-'));
      writeFileSync(join(outside, 'pyproject.toml'), '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n');
      repo = makeRepo({ 'calc.py': calc, 'tests/test_calc.py': unittestFile('self.assertEqual(add(1, 2), 3)') });
      symlinkSync(join(outside, 'pyproject.toml'), join(repo.worktree, 'pyproject.toml'));
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: '3.11' }));
      expect(result.evidence[1].details).toMatchObject({ source: 'unittest', exitCode: 0 });
      expect(result.status).toBe('passed');
      rmSync(outside, { recursive: true, force: true });
    });

    it('fails when a test fails', async () => {
      repo = makeRepo({ 'calc.py': calc, 'test_calc.py': unittestFile('self.assertEqual(add(1, 2), 4)') });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.status).toBe('failed');
      expect(result.evidence[1].details).toMatchObject({ exitCode: 1 });
      expect(result.evidence[1].details.command).toContain("-m unittest discover -s . -t . -p 'test*.py'");
      expect(String(result.evidence[1].details.outputTail)).toContain('AssertionError');
      expect(result.evidence).toHaveLength(2);
    });

    it('runs nothing of the repository without permission', async () => {
      repo = makeRepo({
        'calc.py': calc,
        'tests/__init__.py': '',
        'tests/test_calc.py': `open('ran-tests', 'w').close()\n${unittestFile('pass')}`,
      });
      const reason = 'not run: pass -t (--trust-all-tools) to allow commands';
      const asked: string[] = [];
      const permit = async (command: string) => (asked.push(command), { granted: false as const, reason });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11, permit }));
      const command = `${py311!.executable} -m unittest discover -s tests -t . -p 'test*.py'`;
      expect(asked).toEqual([command]);
      expect(result).toEqual({
        status: 'skipped',
        evidence: [{ kind: 'command', summary: `\`${command}\` ${reason}`, details: { command, notRun: reason } }],
      });
      expect(existsSync(join(repo.worktree, 'ran-tests'))).toBe(false);
    });

    it('runs the criterion’s command with python and python3 naming the target, and leaves no secret to it', async () => {
      vi.stubEnv('PYRT_API_TOKEN', 'secret-value-1234');
      repo = makeRepo({ 'calc.py': calc });
      const command =
        'python -c "import os, sys; print(sys.version_info[:2]); print(os.environ.get(\'PYRT_API_TOKEN\')); print(os.environ[\'PATH\'].split(os.pathsep)[0])" && python3 -c "import sys; assert sys.version_info[:2] == (3, 11)"';
      const result = await createPythonRuntime(only(py311))(
        { ...spec, command },
        // The project's npm test is not a Python test command; the criterion's command comes first anyway.
        repo.ctx({ targetVersion: 3.11, testCommand: 'npm test' }),
      );
      expect(result.status).toBe('passed');
      const [, run] = result.evidence;
      expect(run.details).toMatchObject({ command, source: 'criterion', exitCode: 0 });
      const [version, token, links] = String(run.details.outputTail).split('\n');
      expect(version).toBe('(3, 11)');
      expect(token).toBe('None');
      expect(JSON.stringify(result)).not.toContain('secret-value-1234');
      // The folder of links is gone.
      expect(links).toMatch(/atx-python-/);
      expect(existsSync(links!)).toBe(false);
    });

    it('is skipped when unittest finds no test in the test files (pytest-style functions)', async () => {
      repo = makeRepo({ 'calc.py': calc, 'tests/test_calc.py': 'def test_add():\n    pass\n' });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.status).toBe('skipped');
      expect(result.evidence.map((e) => e.kind)).toEqual(['metric', 'command', 'file']);
      expect(result.evidence[2].summary).toContain('unittest found no test to run');
    });

    it('is skipped when there are no Python test files', async () => {
      repo = makeRepo({ 'calc.py': calc });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.status).toBe('skipped');
      expect(result.evidence[1].summary).toMatch(/No Python test files/);
    });

    it('is skipped, naming the third-party module, when the only errors are tests that could not import a dependency atx did not install', async () => {
      repo = makeRepo({
        'requirements.txt': 'atx_absent_dependency==1.0\n',
        'calc.py': calc,
        'tests/test_calc.py': `import atx_absent_dependency\n${unittestFile('pass')}`,
      });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11 }));
      // Nothing ran: that checks nothing, and blames no upgrade.
      expect(result.status).toBe('skipped');
      const missing = result.evidence[2];
      expect(missing.summary).toContain('atx_absent_dependency');
      expect(missing.summary).toContain("did not install the project's dependencies (requirements.txt)");
      expect(missing.details).toMatchObject({
        missingModules: ['atx_absent_dependency'],
        dependencyFiles: ['requirements.txt'],
      });
    });

    it('fails when a test fails beside a test module that could not import a dependency', async () => {
      repo = makeRepo({
        'calc.py': calc,
        'tests/test_calc.py': unittestFile('self.assertEqual(add(1, 2), 4)'),
        'tests/test_other.py': `import atx_absent_dependency\n${unittestFile('pass')}`,
      });
      const result = await createPythonRuntime(only(py311))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.status).toBe('failed');
      expect(result.evidence[2].summary).toContain('atx_absent_dependency');
    });

    const pytestProject = {
      'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      'calc.py': calc,
      'tests/test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n',
    };

    it.skipIf(!withoutPytest)('is skipped for a pytest project when pytest is not importable', async () => {
      repo = makeRepo(pytestProject);
      const permit = vi.fn(async () => ({ granted: true as const }));
      const result = await createPythonRuntime(only(withoutPytest))(spec, repo.ctx({ targetVersion: 3.11, permit }));
      expect(result.status).toBe('skipped');
      expect(result.evidence[1].summary).toContain('pytest (pyproject.toml)');
      expect(result.evidence[1].summary).toContain('atx installs no packages');
      expect(permit).not.toHaveBeenCalled();
    });

    it.skipIf(!withoutPytest)('reads pytest from the requirements beside the tests', async () => {
      repo = makeRepo({
        'calc.py': calc,
        'tests/requirements.txt': 'moto>=3\npytest\n',
        'tests/test_calc.py': pytestProject['tests/test_calc.py'],
      });
      const result = await createPythonRuntime(only(withoutPytest))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.status).toBe('skipped');
      expect(result.evidence[1].summary).toContain('pytest (tests/requirements.txt)');
    });

    it.skipIf(!withPytest)('runs pytest for a pytest project when pytest is importable', async () => {
      repo = makeRepo(pytestProject);
      const result = await createPythonRuntime(only(withPytest))(spec, repo.ctx({ targetVersion: 3.11 }));
      expect(result.evidence[1].details).toMatchObject({
        command: `${withPytest!.executable} -m pytest -q -p no:cacheprovider`,
        exitCode: 0,
      });
      expect(String(result.evidence[1].details.outputTail)).toContain('1 passed');
      expect(result.status).toBe('passed');
      expect(existsSync(join(repo.worktree, '.pytest_cache'))).toBe(false);
    });
  });
});
