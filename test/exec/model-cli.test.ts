// The model's failures and budget through the real binary: an overloaded model skips the agent
// steps resumably while the rest of the run goes on; a reached --limit stops the run, and a
// resume with more continues it.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, lastUserText, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, makeRepo, tempDir, writeFiles } from '../helpers/cli.js';

let server: FakeServer | undefined;
afterEach(async () => server?.close());

const definition = `# Two agent steps around a command

## Objective
Exercise the model path of a run.

## Summary
An agent step, a command, another agent step.

## Implementation Steps

### Phase 1: First
1. Write \`first.txt\` holding the word first.

### Phase 2: Second
1. Write x.txt.
   \`\`\`atx
   command: echo x > x.txt
   \`\`\`
2. Write \`second.txt\` holding the word second.

## Validation / Exit Criteria
- x.txt exists.
  \`\`\`atx
  validator: command
  command: test -f x.txt
  \`\`\`
`;

/** Writes the file the step names, then says it is done. */
function workingModel(request: Parameters<Parameters<typeof startFakeAnthropic>[0]>[0]) {
  const asked = lastUserText(request);
  const file = /# Your step: 1\.1/.test(asked)
    ? 'first.txt'
    : /# Your step: 2\.2/.test(asked)
      ? 'second.txt'
      : undefined;
  const messages = request.body.messages;
  const wrote = JSON.stringify(messages.at(-1)?.content ?? '').includes('tool_result');
  if (file && !wrote)
    return {
      content: [{ type: 'tool_use' as const, name: 'write_file', input: { path: file, content: `${file}\n` } }],
    };
  return { content: [{ type: 'text' as const, text: 'Done.' }] };
}

async function setup() {
  const home = await tempDir('atx-home-');
  const sd = await tempDir('atx-def-');
  await writeFiles(sd, { 'transformation_definition.md': definition });
  expect(
    (
      await atx(['custom', 'def', 'publish', '-n', 'Test/model-path', '--description', 'm', '--sd', sd], {
        env: { ATX_HOME: home },
      })
    ).exitCode,
  ).toBe(0);
  const repo = await makeRepo({ 'README.md': '# svc\n' });
  return { home, repo };
}

describe('the model path of a run', () => {
  it('an overloaded model: agent steps skipped as model-unavailable, the command still runs, and a resume finishes them', async () => {
    let overloaded = true;
    server = await startFakeAnthropic((request) =>
      overloaded ? { status: 529, requestId: 'req_busy' } : workingModel(request),
    );
    const { home, repo } = await setup();
    const env = {
      ATX_HOME: home,
      ANTHROPIC_API_KEY: 'sk-ant-test-model-path-1',
      ANTHROPIC_BASE_URL: server.url,
      ATX_MODEL_RETRY_SECONDS: '1',
    };

    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/model-path', '-x', '-t', '--json'], {
      env,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.status).toBe('partial');
    expect(summary.steps.map((s: { id: string; status: string }) => `${s.id} ${s.status}`)).toEqual([
      '1.1 skipped',
      '2.1 completed',
      '2.2 skipped',
    ]);
    expect(summary.steps[0].reason).toMatch(
      /^model-unavailable: the model at 127\.0\.0\.1:\d+ answered 529 overloaded_error .*req_busy/,
    );
    expect(summary.steps[2].reason).toMatch(/^model-unavailable/);
    expect(summary.resume.command).toContain(summary.runId);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The second agent step never asked: every request is the first step's.
    expect(server.requests.every((r) => lastUserText(r).includes('# Your step: 1.1'))).toBe(true);
    // Nothing learned from the model's absence.
    const learned = await atx(['custom', 'def', 'list-ki', '-n', 'Test/model-path', '--json'], {
      env: { ATX_HOME: home },
    });
    expect(JSON.parse(learned.stdout)).toEqual([]);

    overloaded = false;
    const resumed = await atx(['--resume', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const done = JSON.parse(resumed.stdout);
    expect(done.runId).toBe(summary.runId);
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(
      (await git(repo, ['log', '--format=%s', `main..${done.branch}`]))
        .split('\n')
        .reverse()
        .map((s) => s.split(' ')[1]),
    ).toEqual(['2.1', '1.1', '2.2']);
  });

  it('a reached --limit stops the run after the current tool call (exit 130); a resume with more continues it', async () => {
    server = await startFakeAnthropic((request) => workingModel(request));
    const { home, repo } = await setup();
    const env = { ATX_HOME: home, ANTHROPIC_API_KEY: 'sk-ant-test-model-path-2', ANTHROPIC_BASE_URL: server.url };

    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'Test/model-path', '-x', '-t', '--limit', '10', '--json'],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(130);
    const stopped = JSON.parse(run.stdout);
    expect(stopped).toMatchObject({
      status: 'error',
      error: {
        code: 130,
        message: expect.stringMatching(/model limit reached.*`atx --conversation-id \S+ --limit 20`/),
      },
    });
    // One request: its tool call ran, the next turn was not asked for.
    expect(server.requests).toHaveLength(1);
    expect(await git(repo, ['branch', '--list', 'atx/*'])).toContain(stopped.runId);

    const resumed = await atx(['--resume', '--limit', '1000000', '--json'], { env });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const done = JSON.parse(resumed.stdout);
    expect(done.runId).toBe(stopped.runId);
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(await git(repo, ['show', `${done.branch}:first.txt`])).toBe('first.txt');
  });
});
