// What an agent step sends the model, and what the run says the model did: the step's text as
// written (backticks, underscores, asterisks), the definition around it, the repository, the
// run's progress; then each step's tool calls, tokens and final message in summary.json and
// summary.md, and a step in which nothing changed reported `no-change`, never `completed`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lastUserText, startFakeAnthropic, type FakeReply, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const notesStep = [
  'Write `MIGRATION_NOTES.md` listing the **breaking** changes to `snake_case` names in src/app.js,',
  'one `*` bullet per change (*not* a table).',
  '   - keep __dunder__ names as they are',
].join('\n');

const definition = `# Notes for the upgrade

## Objective
Leave a written record of every renamed export before callers move.

## Summary
Exports move from snake_case to camelCase in release 3; the notes tell callers what to change.

## Implementation Steps

### Phase 1: Prepare
1. Mark the tree.
   \`\`\`atx
   command: echo prepared > PREPARED.txt
   \`\`\`

### Phase 2: Notes
Notes are plain markdown, one file at the root.

1. ${notesStep.replace(/\n/g, '\n   ')}
2. Convert any remaining callback in src/app.js to async/await.

## Constraints and Guardrails
- Never modify files under legacy/.
- Keep the public API of src/app.js unchanged.

## Validation / Exit Criteria
- MIGRATION_NOTES.md exists at the root.
  \`\`\`atx
  validator: command
  command: test -f MIGRATION_NOTES.md
  \`\`\`
`;

const repoFiles = {
  'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n',
  'src/app.js': 'export const get_user = () => 1;\n',
  'legacy/old.js': 'module.exports = 1;\n',
};

async function publish(home: string, name: string, text: string): Promise<void> {
  const sd = await tempDir('atx-def-');
  await writeFile(join(sd, 'transformation_definition.md'), text);
  const published = await atx(['custom', 'def', 'publish', '-n', name, '--description', 'd', '--sd', sd], {
    env: { ATX_HOME: home },
  });
  expect(published.exitCode, published.stderr).toBe(0);
}

/** The first request of each agent step (the one that holds the step), in order. */
function stepRequests(requests: FakeServer['requests']) {
  return requests.filter((r) => r.body.messages.length === 1);
}

describe('an agent step', () => {
  it('is asked with its exact text, the definition, the target, the repository and the run so far; the summary lists what the model did', async () => {
    const script: FakeReply[] = [
      {
        content: [
          { type: 'text', text: 'Writing the notes.' },
          {
            type: 'tool_use',
            name: 'write_file',
            input: { path: 'MIGRATION_NOTES.md', content: '* get_user → getUser\n' },
          },
          { type: 'tool_use', name: 'write_file', input: { path: '../escape.txt', content: 'x' } },
        ],
      },
      { content: [{ type: 'text', text: 'Wrote MIGRATION_NOTES.md with one entry.' }] },
      // Step 2.2: no tool call, nothing changed.
      { content: [{ type: 'text', text: 'Nothing to convert: src/app.js has no callbacks.' }] },
    ];
    server = await startFakeAnthropic((_, index) => script[index] ?? { content: [{ type: 'text', text: 'Done.' }] });
    const home = await tempDir('atx-home-');
    await publish(home, 'Test/notes', definition);
    const repo = await makeRepo(repoFiles);
    const config = join(await tempDir('atx-cfg-'), 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        targetVersion: 22,
        additionalPlanContext: 'Callers live in the `billing_api` service; keep_names_stable.',
      }),
    );
    const env = { ATX_HOME: home, ANTHROPIC_API_KEY: 'sk-ant-test-key-123456', ANTHROPIC_BASE_URL: server.url };
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'Test/notes', '-g', `file://${config}`, '-x', '-t', '--json'],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);

    // plan.json keeps the whole text beside a title that keeps the file's name.
    const plan = JSON.parse(await readFile(summary.planPath, 'utf8'));
    expect(plan.steps[1]).toMatchObject({ id: '2.1', kind: 'agent', text: notesStep, targets: ['src/app.js'] });
    expect(plan.steps[1].title).toContain('MIGRATION_NOTES.md');

    const [first, second] = stepRequests(server.requests);
    const request = lastUserText(first!);
    for (const expected of [
      'Write `MIGRATION_NOTES.md` listing the **breaking** changes to `snake_case` names in src/app.js,\none `*` bullet per change (*not* a table).',
      '- keep __dunder__ names as they are',
      'Leave a written record of every renamed export before callers move.',
      'Exports move from snake_case to camelCase in release 3',
      '- Never modify files under legacy/.',
      '- Keep the public API of src/app.js unchanged.',
      '- MIGRATION_NOTES.md exists at the root.',
      'Target version: 22',
      'Callers live in the `billing_api` service; keep_names_stable.',
      'Files the step names: src/app.js',
      'About this phase: Notes are plain markdown, one file at the root.',
      '- 1.1 Mark the tree. → completed; changed PREPARED.txt',
    ]) {
      expect(request).toContain(expected);
    }
    expect(request).toMatch(/legacy\/\n\s+old\.js/);
    expect(first!.body.system).toMatch(/Never break a guardrail/);
    // The second step hears what the first did.
    expect(lastUserText(second!)).toMatch(
      /^- 2\.1 Write MIGRATION_NOTES\.md listing the breaking changes to snake_case.* → completed; changed MIGRATION_NOTES\.md$/m,
    );
    expect(lastUserText(second!)).toContain('The model said: Wrote MIGRATION_NOTES.md with one entry.');

    // What the model did, step by step.
    const [, notes, convert] = summary.steps;
    expect(notes).toMatchObject({ status: 'completed', filesChanged: ['MIGRATION_NOTES.md'] });
    expect(notes.agent).toMatchObject({
      message: 'Wrote MIGRATION_NOTES.md with one entry.',
      filesWritten: ['MIGRATION_NOTES.md'],
      requests: 2,
      toolCalls: [
        { tool: 'write_file', path: 'MIGRATION_NOTES.md', allowed: true, ok: true },
        {
          tool: 'write_file',
          path: '../escape.txt',
          allowed: false,
          ok: false,
          error: expect.stringMatching(/is refused/),
        },
      ],
    });
    expect(notes.agent.tokens.input).toBeGreaterThan(0);
    expect(notes.agent.tokens.output).toBeGreaterThan(0);
    expect(convert).toMatchObject({
      status: 'skipped',
      reason: 'no-change: Nothing to convert: src/app.js has no callbacks.',
      commit: null,
    });
    expect(convert.agent).toMatchObject({
      toolCalls: [],
      requests: 1,
      message: 'Nothing to convert: src/app.js has no callbacks.',
    });
    expect(summary.status).toBe('partial');

    const report = await readFile(summary.reportPath, 'utf8');
    expect(report).toContain('## Agent steps');
    expect(report).toContain('1. write_file `MIGRATION_NOTES.md`: ok');
    expect(report).toMatch(/2\. write_file `\.\.\/escape\.txt`: refused \(.*is refused/);
    expect(report).toMatch(
      new RegExp(`Tokens: ${notes.agent.tokens.input} in, ${notes.agent.tokens.output} out \\(2 requests\\)`),
    );
    expect(report).toContain('> Nothing to convert: src/app.js has no callbacks.');
    expect(await git(repo, ['show', `${summary.branch}:MIGRATION_NOTES.md`])).toBe('* get_user → getUser');
  });

  it("that changes nothing is no-change with the model's reason, never completed, and the run is partial", async () => {
    server = await startFakeAnthropic(() => ({
      content: [{ type: 'text', text: 'The version is already what the step asks for.' }],
    }));
    const home = await tempDir('atx-home-');
    const sd = join(projectRoot, 'fixtures/exec/agent-step');
    expect(
      (
        await atx(['custom', 'def', 'publish', '-n', 'Test/agent', '--description', 'a', '--sd', sd], {
          env: { ATX_HOME: home },
        })
      ).exitCode,
    ).toBe(0);
    // The criterion passes without a change: only the step's outcome can say nothing was done.
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "2.0.0"\n}\n' });
    const env = { ATX_HOME: home, ANTHROPIC_API_KEY: 'sk-ant-test-key-123456', ANTHROPIC_BASE_URL: server.url };
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/agent', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({
      status: 'skipped',
      reason: 'no-change: The version is already what the step asks for.',
      commit: null,
      filesChanged: [],
    });
    expect(summary.steps[0].agent).toMatchObject({ toolCalls: [], filesWritten: [], requests: 1 });
    expect(summary.exitCriteria[0].status).toBe('passed');
    expect(summary.status).toBe('partial');
    expect(await git(repo, ['rev-list', '--count', `main..${summary.branch}`])).toBe('0');
    expect(run.stderr).toContain('no-change: The version is already what the step asks for.');
  });
});
