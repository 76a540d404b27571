// Definition categories (issue 19, point 1): `--category` on save-draft and publish, the
// Category column of `def list`, and an analysis definition's run, which changes nothing.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atx, git, makeRepo, snapshot, tempDir, writeFiles } from '../helpers/cli.js';
import { definition, definitionFolder } from './definition-folder.js';

interface Listed {
  name: string;
  category: string;
  versions: string[];
}

async function listed(env: Record<string, string>, name: string): Promise<Listed | undefined> {
  const run = await atx(['custom', 'def', 'list', '--json'], { env });
  expect(run.exitCode, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Listed[]).find((e) => e.name === name);
}

describe('definition categories in the registry', () => {
  it('stores --category, defaults to what the definition says, keeps it on promotion and refuses anything else', async () => {
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const name = 'MyOrg/inventory';
    const saved = await atx(
      [
        'custom',
        'def',
        'save-draft',
        '-n',
        name,
        '--description',
        'what we have',
        '--sd',
        await definitionFolder('Inventory'),
        '--category',
        'analysis',
      ],
      { env },
    );
    expect(saved.exitCode, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/saved draft MyOrg\/inventory v1 \(analysis\)/);
    expect(await listed(env, name)).toMatchObject({ category: 'analysis', versions: ['1'] });
    // A promotion keeps the draft's category; changing it on the way is refused, nothing promoted.
    const change = await atx(['custom', 'def', 'publish', '-n', name, '--tv', '1', '--category', 'remediation'], {
      env,
    });
    expect(change.exitCode).toBe(2);
    expect(change.stderr).toMatch(/--category goes with --sd/);
    expect((await atx(['custom', 'def', 'publish', '-n', name, '--tv', '1'], { env })).exitCode).toBe(0);
    expect(await listed(env, name)).toMatchObject({ category: 'analysis' });
    const human = await atx(['custom', 'def', 'list'], { env });
    expect(human.stdout).toMatch(/^MyOrg\/inventory\s+1\s+local\s+analysis\s+what we have$/m);

    // A misspelt category is bad input: exit 2, and no version is stored.
    const typo = await atx(
      [
        'custom',
        'def',
        'publish',
        '-n',
        name,
        '--description',
        'x',
        '--sd',
        await definitionFolder('X'),
        '--category',
        'analyse',
      ],
      { env },
    );
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/--category must be analysis or remediation, not "analyse"/);
    expect(await listed(env, name)).toMatchObject({ versions: ['1'] });

    // Without the flag: the SKILL.md front matter's category, else remediation.
    const skill = await tempDir('atx-skill-');
    await writeFiles(skill, {
      'SKILL.md': `---\nname: fleet-report\ndescription: Reports the fleet\ncategory: analysis\n---\n${definition('Fleet report')}`,
    });
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'MyOrg/fleet', '--description', 'fleet', '--sd', skill], { env }))
        .exitCode,
    ).toBe(0);
    expect(await listed(env, 'MyOrg/fleet')).toMatchObject({ category: 'analysis' });
    const plain = await definitionFolder('Plain');
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'MyOrg/plain', '--description', 'p', '--sd', plain], { env }))
        .exitCode,
    ).toBe(0);
    expect(await listed(env, 'MyOrg/plain')).toMatchObject({ category: 'remediation' });

    // A front matter category that is neither is a definition error (exit 2), pointing at its line.
    await writeFiles(skill, {
      'SKILL.md': `---\nname: fleet-report\ndescription: Reports the fleet\ncategory: audit\n---\n${definition('Fleet report')}`,
    });
    const bad = await atx(['custom', 'def', 'publish', '-n', 'MyOrg/fleet', '--description', 'fleet', '--sd', skill], {
      env,
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/SKILL\.md:4.*'category' must be analysis or remediation/);
  });

  it('a team registry carries the category to every machine', async () => {
    const remote = await tempDir('atx-team-');
    await git(remote, ['init', '-q', '--bare', '-b', 'main']);
    const alice = { ATX_HOME: await tempDir('atx-alice-'), ATX_REGISTRY_URL: remote };
    const bob = { ATX_HOME: await tempDir('atx-bob-'), ATX_REGISTRY_URL: remote };
    const published = await atx(
      [
        'custom',
        'def',
        'publish',
        '-n',
        'Team/inventory',
        '--description',
        'd',
        '--sd',
        await definitionFolder('T'),
        '--category',
        'analysis',
      ],
      { env: alice },
    );
    expect(published.exitCode, published.stderr).toBe(0);
    expect(await listed(bob, 'Team/inventory')).toMatchObject({ category: 'analysis', versions: ['1'] });
  });
});

const analysisDefinition = `---
name: handler-report
description: Reports callback handlers and counts the files
category: analysis
---
# Handler report

## Objective
Say which Lambda handlers still use callbacks, without changing anything.

## Summary
Runs the callback codemod in report mode and two commands.

## Implementation Steps

### Phase 1: Look
1. Find callback-style handlers.
   \`\`\`atx
   codemod: lambda-callback-to-async
   \`\`\`
2. Count the tracked files, and leave a mark where the command ran.
   \`\`\`atx
   command: git ls-files | wc -l && pwd > ran-here.txt
   readOnly: true
   \`\`\`
3. Change the README.
   \`\`\`atx
   command: echo changed >> README.md
   \`\`\`

## Validation / Exit Criteria
- Nothing is left to report.
`;

describe('running an analysis definition', () => {
  it('never makes a branch or a commit, runs only its read-only commands (in a throwaway copy), and reports', async () => {
    const repo = await makeRepo({
      'README.md': '# Service\n',
      'src/handler.js':
        'exports.handler = function (event, context, callback) {\n  callback(null, { ok: true });\n};\n',
    });
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const dir = await tempDir('atx-def-');
    await writeFiles(dir, { 'SKILL.md': analysisDefinition });
    const published = await atx(
      ['custom', 'def', 'publish', '-n', 'MyOrg/handler-report', '--description', 'handlers', '--sd', dir],
      {
        env,
      },
    );
    expect(published.exitCode, published.stderr).toBe(0);
    const before = await snapshot(repo);
    const branchesBefore = await git(repo, ['branch', '--list']);
    const headBefore = await git(repo, ['rev-parse', 'HEAD']);

    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'MyOrg/handler-report', '-x', '-t', '--json'], {
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/analysis definition: it reports findings and changes nothing/);
    const summary = JSON.parse(run.stdout);
    // Partial: the step that would change the README was not carried out.
    expect(summary).toMatchObject({ status: 'partial', branch: null, analysis: true });
    // What the codemod would change is shown, not written.
    expect(summary.steps[0]).toMatchObject({ status: 'completed', commit: null, filesChanged: ['src/handler.js'] });
    expect(summary.diff).toMatch(/\+exports\.handler = async function \(event, context\)/);
    // The read-only command ran, in a copy: its output is a finding, its mark is not in the repository.
    expect(summary.steps[1]).toMatchObject({ status: 'completed' });
    const printed = summary.findings.find((f: { rule: string }) => f.rule === 'atx/analysis-command');
    expect(printed.message).toMatch(/exited with 0: 2$/m);
    // The command that is not marked read-only did not run.
    expect(summary.steps[2]).toMatchObject({ status: 'skipped' });
    expect(summary.steps[2].reason).toMatch(/only commands marked readOnly run/);
    expect(await snapshot(repo)).toEqual(before);
    expect(existsSync(join(repo, 'ran-here.txt'))).toBe(false);
    expect(await git(repo, ['branch', '--list'])).toBe(branchesBefore);
    expect(await git(repo, ['rev-parse', 'HEAD'])).toBe(headBefore);
    expect(await git(repo, ['worktree', 'list', '--porcelain'])).not.toMatch(/atx-home/);
    const report = await readFile(summary.reportPath, 'utf8');
    expect(report).toMatch(/Result branch: \(none: an analysis changes nothing\)/);
    expect(report).toMatch(/atx\/analysis-command/);

    // Without -t no command runs at all, read-only or not.
    const untrusted = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'MyOrg/handler-report', '-x', '--json'], {
      env,
    });
    expect(untrusted.exitCode, untrusted.stderr).toBe(0);
    const plain = JSON.parse(untrusted.stdout);
    expect(plain.steps[1].status).toBe('skipped');
    expect(plain.findings.some((f: { rule: string }) => f.rule === 'atx/analysis-command')).toBe(false);
    expect(await snapshot(repo)).toEqual(before);
  });
});

describe('AWS/lambda-fleet-inventory', () => {
  it('reports the inventory as findings, a report section and data, and changes nothing', async () => {
    const repo = await makeRepo({
      'template.yaml':
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs14.x\n      MemorySize: 512\n',
      'src/app.js':
        "const AWS = require('aws-sdk');\nexports.handler = (event, context, callback) => callback(null, 1);\n",
    });
    const before = await snapshot(repo);
    const env = { ATX_HOME: await tempDir('atx-home-') };
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/lambda-fleet-inventory', '-x', '--json'], {
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: 'succeeded', branch: null, analysis: true, diff: '' });
    const inventory = summary.reports['lambda-fleet-inventory'];
    expect(inventory.functions).toEqual([
      expect.objectContaining({
        name: 'Fn',
        runtime: 'nodejs14.x',
        status: 'deprecated',
        memoryMb: 512,
        handlerFile: 'src/app.js',
        handlerStyle: 'callback',
        sdkNotIncluded: 'after-upgrade',
      }),
    ]);
    expect(summary.findings.map((f: { rule: string }) => f.rule).sort()).toEqual([
      'inventory/callback-handler',
      'inventory/no-tests',
      'inventory/runtime-deprecation',
      'inventory/sdk-not-included',
      'inventory/sdk-v2',
    ]);
    const report = await readFile(summary.reportPath, 'utf8');
    expect(report).toMatch(/## Lambda inventory/);
    expect(report).toMatch(
      /\| AWS\/nodejs-version-upgrade \| 1 function\(s\) on a Node.js runtime older than nodejs24.x \| 2 \| 1 \| 1 \|/,
    );
    expect(await snapshot(repo)).toEqual(before);
    expect(await git(repo, ['branch', '--list'])).not.toMatch(/atx\//);
  });
});
