// AWS/python-version-upgrade without a model, end to end, on examples/python-orders: a SAM
// application on Python 3.9 whose tests run under the machine's Python.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { atx, git, projectRoot, snapshot, tempDir } from '../helpers/cli.js';
import { lastUserText, startFakeAnthropic } from '../llm/fake-anthropic.js';

const cfnTags = ['!Ref', '!Sub', '!GetAtt'].map((tag) => ({ tag, resolve: (v: unknown) => v }));

describe('AWS/python-version-upgrade on examples/python-orders', () => {
  let repo: string;
  let summary: any;
  let stderr: string;
  let exitCode: number;
  let before: Record<string, string>;

  beforeAll(async () => {
    repo = await tempDir('atx-python-example-');
    await cp(join(projectRoot, 'examples/python-orders'), repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'python-orders']);
    before = await snapshot(repo);
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/python-version-upgrade', '-x', '-t', '--json'],
      {
        env: { ATX_HOME: await tempDir('atx-home-') },
        timeout: 300_000,
      },
    );
    ({ exitCode, stderr } = run);
    summary = JSON.parse(run.stdout);
  }, 300_000);

  it('moves the declarations in one commit, reports what 3.13 removed, and fails only on the import a person must remove', () => {
    expect(exitCode, stderr).toBe(1);
    expect(summary.status).toBe('failed');
    const byId = Object.fromEntries(summary.steps.map((s: any) => [s.id, s]));
    expect(byId['1.1']).toMatchObject({ status: 'completed', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(byId['1.2'].status).toBe('completed');
    expect(byId['1.2'].commit ?? null).toBeNull();
    for (const id of ['2.1', '3.1', '3.2'])
      expect(byId[id]).toMatchObject({ status: 'skipped', reason: 'needs-model' });
    const failed = summary.exitCriteria.filter((c: any) => c.status === 'failed');
    expect(failed.map((c: any) => c.description)).toEqual([
      'No code imports a standard-library module removed in Python 3.12 or 3.13.',
    ]);
    const search = failed[0].evidence.find((e: any) => e.kind === 'search');
    expect(search.details.matches.map((m: string) => m.split(': ')[0])).toEqual(['src/orders/price.py:7']);
    const runtime = summary.exitCriteria[0];
    expect(runtime.status).toBe('passed');
    expect(runtime.evidence.find((e: any) => e.kind === 'search').details.before.lines).toBe(3);
  });

  it('gives the report with file and line, and says the functions leave Amazon Linux 2', () => {
    const found = summary.findings.map((f: any) => `${f.file}:${f.line} ${f.rule} ${f.severity}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'src/orders/price.py:7 python-runtime/removed-module warning',
        'src/orders/price.py:35 python-runtime/datetime-utc warning',
        'template.yaml:13 python-runtime/al2023-runtime warning',
        'template.yaml:58 python-runtime/layer-runtimes-kept info',
      ]),
    );
  });

  it('runs the tests under Python 3.13 where the machine has one, and says why not where it has none', () => {
    const tests = summary.exitCriteria.find((c: any) => c.description.startsWith("The project's tests pass"));
    const said = JSON.stringify(tests.evidence);
    if (tests.status === 'passed') {
      expect(said).toMatch(/Python 3\.13 at /);
      expect(said).toMatch(/unittest discover/);
    } else {
      expect(tests.status).toBe('skipped');
      expect(said).toContain('No Python 3.13 on this machine');
    }
  });

  it('changes only the version tokens, keeps comments, quotes and tags, and leaves the user tree alone', async () => {
    expect(await snapshot(repo)).toEqual(before);
    const show = (file: string) => git(repo, ['show', `${summary.branch}:${file}`]);
    const original = await readFile(join(repo, 'template.yaml'), 'utf8');
    const template = await show('template.yaml');
    expect(template).toBe(
      original
        .replace('Runtime: python3.9 # every function', 'Runtime: python3.13 # every function')
        .replace('Runtime: "python3.10"', 'Runtime: "python3.13"')
        .replace('        - python3.9\n', '        - python3.13\n')
        .trimEnd(),
    );
    expect(parseDocument(template, { customTags: cfnTags }).errors).toEqual([]);
    expect(await show('.python-version')).toBe('3.13');
    const pyproject = await show('pyproject.toml');
    expect(pyproject).toContain('requires-python = ">=3.13"');
    expect(pyproject).toContain('target-version = "py313" # the Lambda runtime\'s version');
    expect(pyproject).toContain('python_version = "3.13"');
    expect(await show('.github/workflows/ci.yml')).toContain('python-version: "3.13"');
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe(
      ['.github/workflows/ci.yml', '.python-version', 'pyproject.toml', 'template.yaml'].join('\n'),
    );
  });
});

describe('AWS/python-version-upgrade with a model', () => {
  const fake = startFakeAnthropic(() => ({ content: [{ type: 'text', text: 'Nothing to change here.' }] }));
  afterAll(async () => (await fake).close());

  it('gives the agent steps the report as their context', async () => {
    const server = await fake;
    const repo = await tempDir('atx-python-example-');
    await cp(join(projectRoot, 'examples/python-orders'), repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'python-orders']);
    const env = {
      ATX_HOME: await tempDir('atx-home-'),
      ANTHROPIC_API_KEY: 'sk-ant-test-key-123456',
      ANTHROPIC_BASE_URL: server.url,
    };
    // No -t: the agent steps run (their tools are confined), nothing of the repository does.
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/python-version-upgrade', '-x', '--json'], {
      env,
      timeout: 300_000,
    });
    expect([0, 1], run.stderr).toContain(run.exitCode);
    const firsts = server.requests.filter((r) => r.body.messages.length === 1).map((r) => lastUserText(r));
    const fixing = firsts.find((text) => text.includes('# Your step: 3.1'));
    expect(fixing).toBeDefined();
    expect(fixing).toContain('Target version: 3.13');
    expect(fixing).toContain(
      'src/orders/price.py:7 python-runtime/removed-module: distutils was removed in Python 3.12',
    );
    expect(fixing).toContain('src/orders/price.py:35 python-runtime/datetime-utc');
  }, 300_000);
});
