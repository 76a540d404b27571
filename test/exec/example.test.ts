// The README's quick start, end to end: AWS/nodejs-version-upgrade on the bundled example.
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { atx, git, projectRoot, snapshot, tempDir } from '../helpers/cli.js';

const cfnTags = ['!Ref', '!Sub', '!GetAtt', '!If', '!Not', '!Equals'].map((tag) => ({
  tag,
  resolve: (v: unknown) => v,
}));

describe('AWS/nodejs-version-upgrade on examples/orders-service', () => {
  let repo: string;
  let env: Record<string, string>;
  let summary: any;
  let stderr: string;
  let exitCode: number;
  let before: Record<string, string>;

  beforeAll(async () => {
    repo = await tempDir('atx-example-');
    await cp(join(projectRoot, 'examples/orders-service'), repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-q', '-m', 'orders-service']);
    env = { ATX_HOME: await tempDir('atx-home-') };
    before = await snapshot(repo);
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-c', 'npm test', '-x', '-t', '--json'],
      { env, timeout: 600_000 },
    );
    ({ exitCode, stderr } = run);
    summary = JSON.parse(run.stdout);
  }, 600_000);

  it('succeeds, leaving only the model-driven step and the person-judged criteria undone', () => {
    expect(exitCode, stderr).toBe(0);
    expect(summary.status).toBe('partial');
    const byId = Object.fromEntries(summary.steps.map((s: any) => [s.id, s]));
    expect(byId['1.1'].status).toBe('completed');
    expect(byId['1.1'].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(byId['2.1'].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(byId['3.1']).toMatchObject({ status: 'skipped', reason: 'needs-model' });
    const criteria = summary.exitCriteria.map((c: any) => c.status);
    expect(criteria.filter((s: string) => s === 'failed')).toEqual([]);
    const search = summary.exitCriteria[0].evidence.find((e: any) => e.kind === 'search');
    expect(search.details.before.lines).toBeGreaterThan(0);
    expect(search.details.after.lines).toBe(0);
    const runtime = summary.exitCriteria.find((c: any) => c.description.includes('under the target Node.js'));
    expect(runtime.status).toBe('passed');
    expect(JSON.stringify(runtime.evidence)).toMatch(/v24\.\d+\.\d+/);
    // Both the handler conversion and the behaviour check notice the fire-and-forget fetch; it is reported once.
    const unawaited = summary.findings.filter((f: any) => f.rule.endsWith('/unawaited-promise'));
    expect(unawaited.map((f: any) => `${f.file}:${f.line}`)).toEqual(['src/handlers/quote-order.js:12']);
    // Each phase that changed something leaves a working project: its build ran, and passed.
    const changedPhases = [
      ...new Set(summary.steps.filter((s: any) => s.commit).map((s: any) => Number(s.id.split('.')[0]))),
    ];
    expect(changedPhases.length).toBeGreaterThan(1);
    expect(summary.builds.map((b: any) => ({ phase: b.phase, exitCode: b.exitCode }))).toEqual(
      changedPhases.map((phase) => ({ phase, exitCode: 0 })),
    );
  });

  it('rewrites the runtime, keeps the template parseable with its tags and comments, and leaves the user tree alone', async () => {
    expect(await snapshot(repo)).toEqual(before);
    const template = await git(repo, ['show', `${summary.branch}:template.yaml`]);
    const original = await readFile(join(repo, 'template.yaml'), 'utf8');
    expect(template).toBe(original.replaceAll('nodejs22.x', 'nodejs24.x').trimEnd()); // git() trims the final newline
    const doc = parseDocument(template, { customTags: cfnTags });
    expect(doc.errors).toEqual([]);
    expect(await git(repo, ['show', `${summary.branch}:.nvmrc`])).toMatch(/^v?24\s*$/);
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch, '--', 'README.md'])).toBe('');
    const handler = await git(repo, ['show', `${summary.branch}:src/handlers/create-order.js`]);
    // The callback is called from promise callbacks, so the body is wrapped in a promise that settles once.
    // It opens on the handler's first line and closes on its last, so the body keeps its lines.
    expect(handler).toMatch(
      /exports\.handler = async \(event, context\) => new Promise\(\(resolve, reject\) => \{\n  const callback = /,
    );
    const source = await readFile(join(repo, 'src/handlers/create-order.js'), 'utf8');
    const body = (text: string) =>
      text.split('\n').filter((line) => !/exports\.handler|^\}\)?;$|const callback = /.test(line));
    expect(body(`${handler}\n`)).toEqual(body(source));
  });

  it('changes nothing when applied again to its own result', async () => {
    const again = await tempDir('atx-example-again-');
    await git(again, ['clone', '-q', '--branch', summary.branch, repo, '.']);
    const run = await atx(
      ['custom', 'def', 'exec', '-p', again, '-n', 'AWS/nodejs-version-upgrade', '-x', '-t', '--json', '--dry-run'],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const second = JSON.parse(run.stdout);
    expect(second.diff).toBe('');
    expect(second.steps.flatMap((s: any) => s.filesChanged)).toEqual([]);
  });
});
