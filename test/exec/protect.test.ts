// A guardrail that protects paths holds whoever changes them: a command, a codemod or the model.
// Before each commit the executor puts them back and says so; a dry run leaves them out of the
// diff; the model's file tools refuse to write there. All through the built `atx` binary.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeAnthropic, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, makeRepo, snapshot, tempDir, writeFiles } from '../helpers/cli.js';

let server: FakeServer | undefined;
afterAll(async () => server?.close());

const guardrail = 'Never modify files under `legacy/`.';

function definition(steps: string): string {
  return [
    '# Protected legacy folder',
    '',
    '## Objective',
    'Change the project but never the legacy folder.',
    '',
    '## Summary',
    'One step that also tries to change legacy/.',
    '',
    '## Implementation Steps',
    '',
    '### Phase 1: Change',
    steps,
    '',
    '## Constraints and Guardrails',
    '- Keep behaviour.',
    `- ${guardrail}`,
    '  ```atx',
    '  protect: ["legacy/**"]',
    '  ```',
    '',
    '## Validation / Exit Criteria',
    '- A person checks the result.',
    '',
  ].join('\n');
}

/** A fresh ATX_HOME with `Test/protect` published from `steps`. */
async function publish(steps: string): Promise<Record<string, string>> {
  const env = { ATX_HOME: await tempDir('atx-home-') };
  const sd = await tempDir('atx-def-');
  await writeFiles(sd, { 'transformation_definition.md': definition(steps) });
  const published = await atx(['custom', 'def', 'publish', '-n', 'Test/protect', '--description', 'd', '--sd', sd], {
    env,
  });
  expect(published.exitCode, published.stderr).toBe(0);
  return env;
}

const legacy = {
  'legacy/a.js': 'module.exports = "old";\n',
  'legacy/b.js': 'module.exports = "b";\n',
  'src/app.js': 'module.exports = 1;\n',
};

async function filesOfCommit(repo: string, commit: string): Promise<string[]> {
  return (await git(repo, ['show', '--name-only', '--format=', commit])).split('\n').filter(Boolean).sort();
}

describe('protected paths', () => {
  it("a command step's writes there (changed, new and deleted files) are reverted and reported; the rest is committed", async () => {
    const env = await publish(
      [
        '1. Write the new files.',
        '   ```atx',
        '   command: echo changed > legacy/a.js && echo new > legacy/new.js && rm legacy/b.js && echo ok > ok.txt',
        '   ```',
      ].join('\n'),
    );
    const repo = await makeRepo(legacy);
    const before = await snapshot(repo);
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/protect', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'completed', filesChanged: ['ok.txt'] });
    expect(await filesOfCommit(repo, summary.steps[0].commit)).toEqual(['ok.txt']);
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe('ok.txt');
    expect(await git(repo, ['show', `${summary.branch}:legacy/a.js`])).toBe('module.exports = "old";');
    expect(await git(repo, ['show', `${summary.branch}:legacy/b.js`])).toBe('module.exports = "b";');
    const protectedFindings = summary.findings.filter((f: { rule: string }) => f.rule === 'atx/protected-path');
    expect(protectedFindings.map((f: { file: string }) => f.file).sort()).toEqual([
      'legacy/a.js',
      'legacy/b.js',
      'legacy/new.js',
    ]);
    expect(protectedFindings[0].message).toContain(
      `step 1.1 changed this file, but the guardrail "${guardrail}" protects legacy/**; the change was reverted`,
    );
    // The plan carries the protected globs with their guardrail; the person's checkout is untouched.
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.protectedPaths).toEqual([{ guardrail, paths: ['legacy/**'] }]);
    expect(await snapshot(repo)).toEqual(before);
  });

  it("a codemod's change there is left out of a dry run's diff and reported, and reverted in a real run", async () => {
    const env = await publish(
      ['1. Raise the runtimes.', '   ```atx', '   codemod: nodejs-runtime-upgrade', '   ```'].join('\n'),
    );
    const template =
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs18.x\n      Handler: index.handler\n';
    const repo = await makeRepo({ 'template.yaml': template, 'legacy/template.yaml': template });

    const dry = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/protect', '-x', '--dry-run', '--json'], {
      env,
    });
    expect(dry.exitCode, dry.stderr).toBe(0);
    const preview = JSON.parse(dry.stdout);
    expect(preview.diff).toContain('+++ b/template.yaml');
    expect(preview.diff).not.toContain('legacy/');
    expect(preview.steps[0].filesChanged).toEqual(['template.yaml']);
    expect(preview.findings).toContainEqual(
      expect.objectContaining({ file: 'legacy/template.yaml', rule: 'atx/protected-path' }),
    );

    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/protect', '-x', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe('template.yaml');
    expect(`${await git(repo, ['show', `${summary.branch}:legacy/template.yaml`])}\n`).toBe(template);
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ file: 'legacy/template.yaml', rule: 'atx/protected-path' }),
    );
  });

  it("the model's file tools refuse writes there, and what its commands write there is reverted before the commit", async () => {
    server = await startFakeAnthropic((request) => {
      const last = JSON.stringify(request.body.messages.at(-1));
      if (lastUserText(request).includes('# Your step: 1.1')) {
        return {
          content: [
            {
              type: 'tool_use',
              name: 'write_file',
              input: { path: 'legacy/a.js', content: 'module.exports = "model";\n' },
            },
          ],
        };
      }
      if (last.includes('is protected')) {
        return {
          content: [
            {
              type: 'tool_use',
              name: 'run_command',
              input: { command: 'echo sneaky > legacy/b.js && echo done > src/app.js' },
            },
          ],
        };
      }
      return {
        content: [{ type: 'text', text: 'Updated src/app.js; legacy/ is protected, so it is left as it was.' }],
      };
    });
    const env = {
      ...(await publish('1. Update the application and its legacy copy.')),
      ANTHROPIC_API_KEY: 'sk-ant-test-key-123',
      ANTHROPIC_BASE_URL: server.url,
    };
    const repo = await makeRepo(legacy);
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/protect', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);

    // The refusal went back to the model as a tool error naming the guardrail.
    const refusal = JSON.stringify(server.requests[1]!.body.messages.at(-1));
    expect(refusal).toContain('"is_error":true');
    expect(refusal).toContain('\\"legacy/a.js\\" is protected: the guardrail');
    expect(await git(repo, ['diff', '--name-only', summary.baseCommit, summary.branch])).toBe('src/app.js');
    expect(await git(repo, ['show', `${summary.branch}:legacy/b.js`])).toBe('module.exports = "b";');
    expect(summary.findings).toContainEqual(
      expect.objectContaining({ file: 'legacy/b.js', rule: 'atx/protected-path' }),
    );
    expect(summary.findings.some((f: { file: string }) => f.file === 'legacy/a.js')).toBe(false);
  });
});
