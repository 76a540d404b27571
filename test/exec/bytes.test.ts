// A file's bytes are kept: byte-order mark, line endings, encodings atx cannot write back,
// symbolic links and submodules. Each case runs the real binary on a temporary repository.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { carryOutStep } from '../../src/executor/steps.js';
import { DiskRepoView } from '../../src/planner/repo-view.js';
import type { PlanStep } from '../../src/planner/types.js';
import { resolveTestCommand } from '../../src/validators/project.js';
import { atx, git, gitIdentity, tempDir } from '../helpers/cli.js';

const BOM = '\uFEFF';

/** A repository whose files are given as text or bytes, and whose links are given by target. */
async function repoWith(files: Record<string, string | Buffer>, links: Record<string, string> = {}): Promise<string> {
  const dir = await tempDir('atx-repo-');
  await git(dir, ['init', '-q', '-b', 'main']);
  for (const [path, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), data);
  }
  for (const [path, target] of Object.entries(links)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await symlink(target, join(dir, path));
  }
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', 'initial']);
  return dir;
}

async function exec(repo: string, name: string, extra: string[] = []) {
  const env = { ATX_HOME: await tempDir('atx-home-') };
  const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', name, '-x', '--json', ...extra], { env });
  let summary: any;
  try {
    summary = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON summary (exit ${run.exitCode}): ${run.stderr}`);
  }
  return { ...run, summary };
}

/** A file's bytes at a revision, exactly (helpers' git() trims its output). */
async function bytesAt(repo: string, rev: string, path: string): Promise<Buffer> {
  const result = await execa('git', ['show', `${rev}:${path}`], {
    cwd: repo,
    encoding: 'buffer',
    stripFinalNewline: false,
    env: gitIdentity,
  });
  return Buffer.from(result.stdout);
}

/** Runs `code` with node in a folder holding `files`; returns what it printed. */
async function runNode(files: Record<string, Buffer | string>, code: string): Promise<string> {
  const dir = await tempDir('atx-run-');
  for (const [path, data] of Object.entries(files)) await writeFile(join(dir, path), data);
  return (await execa('node', ['-e', code], { cwd: dir })).stdout;
}

function lineEndings(text: string): { crlf: number; lf: number } {
  const crlf = text.split('\r\n').length - 1;
  return { crlf, lf: text.split('\n').length - 1 - crlf };
}

const findingsOf = (summary: any, rule: string) => summary.findings.filter((f: any) => f.rule === rule);

describe('byte-order mark', () => {
  it('converts a handler that starts with a BOM, keeps the BOM, and reports the right lines', async () => {
    const handler = [
      `${BOM}async function notify(e) { return e; }`,
      'exports.handler = (event, context, callback) => {',
      '  if (!event) return callback(new Error("no event"));',
      '  notify(event);',
      '  callback(null, { ok: event.n + 1 });',
      '};',
      '',
    ].join('\n');
    const repo = await repoWith({ 'index.js': handler });
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-lambda-callback-to-async');
    expect(exitCode, stderr).toBe(0);
    const after = await bytesAt(repo, summary.branch, 'index.js');
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = after.toString('utf8').slice(1);
    expect(text).toContain('exports.handler = async (event, context) => {');
    expect(text).not.toContain('callback');
    // The converted handler behaves as the callback one did: result and error.
    const out = await runNode(
      { 'index.js': after },
      `const { handler } = require('./index.js');
       (async () => {
         const ok = await handler({ n: 1 });
         const failed = await handler(null).then(() => 'resolved', (e) => e.message);
         console.log(JSON.stringify({ ok, failed }));
       })();`,
    );
    expect(JSON.parse(out)).toEqual({ ok: { ok: 2 }, failed: 'no event' });
    const unawaited = summary.findings.filter((f: any) => f.rule.endsWith('/unawaited-promise'));
    expect(unawaited.map((f: any) => `${f.file}:${f.line}`)).toEqual(['index.js:4']);
  });

  it('accepts a package.json with a BOM: its engines move, it keeps the BOM, and its test script is found', async () => {
    const pkg = `${BOM}{\n  "name": "svc",\n  "engines": { "node": ">=18" },\n  "scripts": { "test": "node -e 0" }\n}\n`;
    const repo = await repoWith({ 'package.json': pkg, '.nvmrc': '18\n' });
    const { stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade');
    expect(
      summary.steps.every((s: any) => s.status !== 'failed'),
      stderr,
    ).toBe(true);
    expect(
      summary.findings.filter((f: any) => f.file === 'package.json' && /parse|json/i.test(`${f.rule} ${f.message}`)),
    ).toEqual([]);
    const after = (await bytesAt(repo, summary.branch, 'package.json')).toString('utf8');
    expect(after).toBe(pkg.replace('>=18', '>=24'));
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.analysis.testCommand).toBe('npm test');
    // The validators read the same file for its test script.
    expect(
      await resolveTestCommand({
        worktree: repo,
        scope: '',
        baseCommit: summary.baseCommit,
        validationCommands: [],
        atxHome: repo,
        permit: async () => ({ granted: true as const }),
      }),
    ).toEqual({
      command: 'npm test',
      source: 'package.json',
    });
  });
});

describe('line endings', () => {
  it('keeps a CRLF handler CRLF (and an LF one LF) when a codemod adds lines, and a second run changes nothing', async () => {
    const crlf = [
      'const AWS = require("aws-sdk");',
      'const s3 = new AWS.S3();',
      'const db = new AWS.DynamoDB.DocumentClient();',
      '',
      'exports.handler = async (event) => {',
      '  const data = await s3.getObject({ Bucket: "b", Key: event.key }).promise();',
      '  await db.put({ TableName: "t", Item: { id: event.key } }).promise();',
      '  return data.ContentLength;',
      '};',
      '',
    ].join('\r\n');
    const lf = crlf.replaceAll('\r\n', '\n');
    const pkg = '{\r\n  "name": "svc",\r\n  "dependencies": {\r\n    "aws-sdk": "^2.1500.0"\r\n  }\r\n}\r\n';
    const repo = await repoWith({ 'src/crlf.js': crlf, 'src/lf.js': lf, 'package.json': pkg });
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-aws-sdk-v2-to-v3');
    expect(exitCode, stderr).not.toBe(2);
    const converted = (await bytesAt(repo, summary.branch, 'src/crlf.js')).toString('utf8');
    expect(converted).toContain('@aws-sdk/client-s3');
    expect(converted).toContain('@aws-sdk/lib-dynamodb');
    expect(lineEndings(converted).lf).toBe(0);
    const convertedLf = (await bytesAt(repo, summary.branch, 'src/lf.js')).toString('utf8');
    expect(lineEndings(convertedLf).crlf).toBe(0);
    expect(converted).toBe(convertedLf.replaceAll('\n', '\r\n'));
    const manifest = (await bytesAt(repo, summary.branch, 'package.json')).toString('utf8');
    expect(manifest).toContain('@aws-sdk/client-s3');
    expect(lineEndings(manifest).lf).toBe(0);
    const scratch = await tempDir('atx-check-');
    await writeFile(join(scratch, 'crlf.js'), converted);
    await execa('node', ['--check', join(scratch, 'crlf.js')]);

    await git(repo, ['checkout', '-q', summary.branch]);
    const again = await exec(repo, 'AWS/nodejs-aws-sdk-v2-to-v3');
    expect(again.summary.steps.flatMap((s: any) => s.filesChanged)).toEqual([]);
  });
});

describe('not UTF-8', () => {
  it('leaves a Latin-1 handler byte for byte and reports it with its line', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('exports.handler = (event, context, callback) => {\n', 'utf8'),
      Buffer.from('  // caf\xe9: written in Latin-1\n', 'latin1'),
      Buffer.from('  callback(null, event);\n};\n', 'utf8'),
    ]);
    const utf8 = 'exports.handler = (event, context, callback) => {\n  callback(null, "café");\n};\n';
    const repo = await repoWith({ 'src/latin1.js': latin1, 'src/utf8.js': utf8 });
    const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-lambda-callback-to-async');
    expect(exitCode, stderr).toBe(0);
    expect((await bytesAt(repo, summary.branch, 'src/latin1.js')).equals(latin1)).toBe(true);
    expect(findingsOf(summary, 'atx/not-utf8')).toEqual([
      expect.objectContaining({ file: 'src/latin1.js', line: 2, severity: 'manual' }),
    ]);
    // The other handler is converted as usual.
    expect((await bytesAt(repo, summary.branch, 'src/utf8.js')).toString('utf8')).toContain('async (event, context)');
  });
});

describe('symbolic links', () => {
  it('never writes through a tracked link to a file outside the repository, and reports it', async () => {
    const outside = await tempDir('atx-outside-');
    const template =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs18.x\n';
    await writeFile(join(outside, '.nvmrc'), '18\n');
    await writeFile(join(outside, 'template.yaml'), template);
    const repo = await repoWith(
      { 'infra/real.yaml': template, 'package.json': '{ "name": "svc", "engines": { "node": ">=18" } }\n' },
      {
        '.nvmrc': join(outside, '.nvmrc'),
        'template.yaml': join(outside, 'template.yaml'),
        'infra/alias.yaml': 'real.yaml',
      },
    );
    const { stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade');
    expect(
      summary.steps.every((s: any) => s.status !== 'failed'),
      stderr,
    ).toBe(true);
    expect(await readFile(join(outside, '.nvmrc'), 'utf8')).toBe('18\n');
    expect(await readFile(join(outside, 'template.yaml'), 'utf8')).toBe(template);
    expect(
      findingsOf(summary, 'atx/symlink-outside')
        .map((f: any) => f.file)
        .sort(),
    ).toEqual(['.nvmrc', 'template.yaml']);
    // On the branch the links are links still, to the same targets; the file inside is converted once.
    const tree = await git(repo, ['ls-tree', '-r', summary.branch]);
    expect(tree).toMatch(/^120000 blob \w+\t\.nvmrc$/m);
    expect(tree).toMatch(/^120000 blob \w+\ttemplate\.yaml$/m);
    expect(tree).toMatch(/^120000 blob \w+\tinfra\/alias\.yaml$/m);
    expect((await bytesAt(repo, summary.branch, '.nvmrc')).toString()).toBe(join(outside, '.nvmrc'));
    expect((await bytesAt(repo, summary.branch, 'infra/real.yaml')).toString()).toBe(
      template.replace('nodejs18.x', 'nodejs24.x'),
    );
    expect((await bytesAt(repo, summary.branch, 'package.json')).toString()).toContain('">=24"');
  });

  it('does not read a package.json that links out of the repository, for the plan or for a codemod', async () => {
    const outside = await tempDir('atx-outside-');
    const pkg = '{ "name": "elsewhere", "engines": { "node": ">=18" }, "scripts": { "test": "echo elsewhere" } }\n';
    await writeFile(join(outside, 'package.json'), pkg);
    const repo = await repoWith({ '.nvmrc': '18\n' }, { 'package.json': join(outside, 'package.json') });
    const { stderr, summary } = await exec(repo, 'AWS/nodejs-version-upgrade');
    expect(
      summary.steps.every((s: any) => s.status !== 'failed'),
      stderr,
    ).toBe(true);
    expect(await readFile(join(outside, 'package.json'), 'utf8')).toBe(pkg);
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.analysis.testCommand).toBeUndefined();
    expect(findingsOf(summary, 'atx/symlink-outside').map((f: any) => f.file)).toEqual(['package.json']);
    expect((await bytesAt(repo, summary.branch, '.nvmrc')).toString()).toBe('24\n');
    // Nor for the checks: no test command is taken from it.
    const permit = async () => ({ granted: true as const });
    expect(
      await resolveTestCommand({
        worktree: repo,
        scope: '',
        baseCommit: summary.baseCommit,
        validationCommands: [],
        atxHome: repo,
        permit,
      }),
    ).toBeUndefined();
  });
});

describe('the last check before writing', () => {
  it('does not write a file that became a link after it was read, and reports it', async () => {
    const repo = await repoWith({ '.nvmrc': '18\n' });
    const outside = join(await tempDir('atx-outside-'), 'nvmrc');
    await writeFile(outside, '18\n');
    const view = new DiskRepoView(repo, ['.nvmrc']);
    expect(view.read('.nvmrc')).toBe('18\n');
    await rm(join(repo, '.nvmrc'));
    await symlink(outside, join(repo, '.nvmrc'));
    const step = {
      id: '1.1',
      title: 'upgrade',
      kind: 'codemod',
      action: { codemod: 'nodejs-runtime-upgrade' },
      options: { targetVersion: 24 },
      status: 'pending',
    };
    const outcome = await carryOutStep(step as unknown as PlanStep, {
      checkoutDir: repo,
      view,
      trustAllTools: false,
      dryRun: false,
    });
    expect(outcome.written).toEqual([]);
    expect(outcome.findings).toContainEqual(
      expect.objectContaining({ file: '.nvmrc', rule: 'atx/not-written', severity: 'manual' }),
    );
    expect(await readFile(outside, 'utf8')).toBe('18\n');
  });
});

describe('submodules', () => {
  it('does not take a submodule at a .js path for a file', async () => {
    const sub = await repoWith({ 'index.js': 'module.exports = 1;\n' });
    const repo = await repoWith({
      'index.js': 'exports.handler = (event, context, callback) => {\n  callback(null, 1);\n};\n',
    });
    await git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'lib.js']);
    await git(repo, ['commit', '-q', '-m', 'submodule']);
    for (const extra of [[], ['--dry-run']]) {
      const { exitCode, stderr, summary } = await exec(repo, 'AWS/nodejs-lambda-callback-to-async', extra);
      expect(exitCode, stderr).toBe(0);
      expect(stderr).not.toMatch(/EISDIR|\n\s+at /);
      expect(summary.steps[0].status).toBe('completed');
      expect(summary.steps[0].filesChanged).toEqual(['index.js']);
    }
  });
});
