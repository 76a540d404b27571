// Secrets stay inside atx: the processes `exec` starts (a command step, the build command, the
// exit criteria's commands) get no secret variable unless ATX_PASS_ENV names it, and a secret
// value that reaches atx anyway (a command that reads it from a file) is redacted from every file
// under ATX_HOME, the team registry's remote, stdout and stderr.
import { randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeServer } from '../llm/fake-anthropic.js';
import { atx, git, makeRepo, tempDir, type AtxResult } from '../helpers/cli.js';

const key = `sk-ant-test-${randomBytes(12).toString('hex')}`;
const token = `tok${randomBytes(12).toString('hex')}`;

/** Every file under `dir`, recursively, with its bytes. */
async function filesUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: (await readFile(path)).toString('latin1') });
  }
  return out;
}

async function expectNowhere(
  secret: string,
  where: { home: string; repo: string; remote: string; run: AtxResult },
): Promise<void> {
  const files = await filesUnder(where.home);
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) expect(file.text.includes(secret), `${file.path} holds the secret`).toBe(false);
  expect(await git(where.repo, ['log', '-p', '--all'])).not.toContain(secret);
  expect((await execa('git', ['--git-dir', where.remote, 'log', '-p', '--all'])).stdout).not.toContain(secret);
  expect(where.run.stdout).not.toContain(secret);
  expect(where.run.stderr).not.toContain(secret);
}

let server: FakeServer;
let secretFile: string;
let definitionDir: string;

beforeAll(async () => {
  // No agent step here: a request would mean the model was asked for something it should not be.
  server = await startFakeAnthropic(() => ({ status: 500 }));
  const outside = await tempDir('atx-secret-file-');
  secretFile = join(outside, 'credentials');
  await writeFile(secretFile, `key ${key}\ntoken ${token}\n`);
  definitionDir = await tempDir('atx-def-');
  await writeFile(
    join(definitionDir, 'transformation_definition.md'),
    `# Print the environment

## Objective
Commands that print and save their environment.

## Summary
A command step that saves its environment into the repository; a command step and an exit
criterion that print the secrets they can see and a file holding them, then fail (their output
becomes the step's reason, evidence, and knowledge items pushed to the team registry).

## Implementation Steps

### Phase 1: Environment
1. Save the environment.
   \`\`\`atx
   command: echo $ANTHROPIC_API_KEY; env > env.txt; echo $MY_SERVICE_TOKEN >> env.txt
   \`\`\`
2. Read the credentials file.
   \`\`\`atx
   command: 'cat ${secretFile}; echo "token=$MY_SERVICE_TOKEN"; exit 3'
   \`\`\`

## Validation / Exit Criteria
- The check prints what it can see.
  \`\`\`atx
  validator: command
  command: 'echo "key=$ANTHROPIC_API_KEY token=$MY_SERVICE_TOKEN"; cat ${secretFile}; exit 1'
  \`\`\`
`,
  );
});
afterAll(async () => server.close());

/** A team registry (a bare repository) with the definition published, and a repository to run on. */
async function setUp(): Promise<{ home: string; remote: string; repo: string; env: Record<string, string> }> {
  const home = await tempDir('atx-home-');
  const remote = join(await tempDir('atx-team-'), 'team.git');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  const env = {
    ATX_HOME: home,
    ATX_REGISTRY_URL: remote,
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_BASE_URL: server.url,
    MY_SERVICE_TOKEN: token,
  };
  const published = await atx(
    [
      'custom',
      'def',
      'publish',
      '-n',
      'Test/print-env',
      '--description',
      'prints its environment',
      '--sd',
      definitionDir,
    ],
    { env },
  );
  expect(published.exitCode, published.stderr).toBe(0);
  const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
  return { home, remote, repo, env };
}

describe('secrets in exec', () => {
  it('reach no command, and appear in no file atx writes, no commit, no output', async () => {
    const { home, remote, repo, env } = await setUp();
    const run = await atx(
      [
        'custom',
        'def',
        'exec',
        '-p',
        repo,
        '-n',
        'Test/print-env',
        '-x',
        '-t',
        '--json',
        '-c',
        'printenv > ../build-env.txt',
      ],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0]).toMatchObject({ status: 'completed', filesChanged: ['env.txt'] });
    expect(summary.steps[1]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/exited with 3: key \[redacted\]\ntoken \[redacted\]\ntoken=$/),
    });
    expect(summary.exitCriteria[0].status).toBe('failed');
    // The commands ran, with the person's environment but the secrets.
    const saved = await git(repo, ['show', `${summary.branch}:env.txt`]);
    expect(saved).toMatch(/^PATH=/m);
    expect(saved).not.toMatch(/^(ANTHROPIC_API_KEY|MY_SERVICE_TOKEN)=/m);
    const build = await readFile(join(summary.planPath, '..', 'build-env.txt'), 'utf8');
    expect(build).toMatch(/^ATX_HOME=/m);
    expect(build).not.toMatch(/^(ANTHROPIC_API_KEY|MY_SERVICE_TOKEN)=/m);
    // What the check read from a file is redacted, and the run learned from it (pushed to the team).
    expect(summary.exitCriteria[0].evidence[0].details.outputTail).toBe(
      'key= token=\nkey [redacted]\ntoken [redacted]',
    );
    expect(run.stderr).toMatch(/learned ki-/);
    const pushed = (await execa('git', ['--git-dir', remote, 'show', 'main:registry/Test/print-env/knowledge.json']))
      .stdout;
    expect(
      JSON.parse(pushed)
        .items.map((i: { content: string }) => i.content)
        .join('\n'),
    ).toMatch(/exited with 3: key \[redacted\]\ntoken \[redacted\]/);
    await expectNowhere(key, { home, repo, remote, run });
    await expectNowhere(token, { home, repo, remote, run });
    expect(server.requests).toEqual([]);
  });

  it('pass ATX_PASS_ENV on to commands, and are still redacted from what atx writes and prints', async () => {
    const { home, remote, repo, env } = await setUp();
    const run = await atx(
      ['custom', 'def', 'exec', '-p', repo, '-n', 'Test/print-env', '-x', '-t', '-c', 'printenv > ../build-env.txt'],
      {
        env: { ...env, ATX_PASS_ENV: 'MY_SERVICE_TOKEN' },
      },
    );
    expect(run.exitCode, run.stderr).toBe(1);
    const branch = /result branch (\S+)/.exec(run.stderr)![1]!;
    // The person asked for the token to reach the commands: it did, and it is in the repository's
    // own file as the command wrote it (atx keeps a repository file's bytes).
    const saved = await git(repo, ['show', `${branch}:env.txt`]);
    expect(saved).toContain(`MY_SERVICE_TOKEN=${token}`);
    expect(saved).not.toContain(key);
    const files = await filesUnder(home);
    const runDir = files.find((f) => f.path.endsWith('summary.md'))!.path.replace(/summary\.md$/, '');
    expect(await readFile(join(runDir, 'build-env.txt'), 'utf8')).toContain(`MY_SERVICE_TOKEN=${token}`);
    // Everything atx itself wrote or printed has it redacted (build-env.txt is the build's own file).
    for (const file of files.filter((f) => !f.path.endsWith('build-env.txt')))
      expect(file.text.includes(token), file.path).toBe(false);
    expect(await readFile(join(runDir, 'summary.md'), 'utf8')).toContain(`key= token=[redacted]`);
    expect(run.stderr).toMatch(/failed \(`cat .*` exited with 3: key \[redacted\]\)/);
    expect(run.stdout + run.stderr).not.toContain(token);
    expect((await execa('git', ['--git-dir', remote, 'log', '-p', '--all'])).stdout).not.toContain(token);
    await expectNowhere(key, { home, repo, remote, run });
  });
});

describe('secret settings', () => {
  it('a malformed ATX_SECRET_ENV or ATX_PASS_ENV is one line on stderr and exit 2', async () => {
    const run = await atx(['custom', 'def', 'list'], {
      env: { ATX_HOME: await tempDir('atx-home-'), ATX_PASS_ENV: 'NPM_TOKEN,*_TOKEN' },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      'atx: ATX_PASS_ENV: "*_TOKEN" is not a variable name (it takes a comma-separated list of names, no patterns)',
    );
  });
});

describe('secrets and the model', () => {
  let model: FakeServer | undefined;
  afterAll(async () => model?.close());

  it('a command the model runs gets no key, so none reaches a commit', async () => {
    model = await startFakeAnthropic((request) => {
      if (!request.body.tools?.some((t) => t.name === 'run_command')) throw new Error('only agent requests expected');
      const answered = JSON.stringify(request.body.messages).includes('tool_result');
      if (!answered)
        return {
          content: [
            {
              type: 'tool_use',
              name: 'run_command',
              input: {
                command:
                  'printenv ANTHROPIC_API_KEY > leaked.txt; printenv MY_SERVICE_TOKEN >> leaked.txt; env > env.txt',
              },
            },
          ],
        };
      return { content: [{ type: 'text', text: 'Done.' }] };
    });
    const home = await tempDir('atx-home-');
    const sd = await tempDir('atx-def-');
    await writeFile(
      join(sd, 'transformation_definition.md'),
      `# Ask the model

## Objective
An agent step.

## Summary
The model runs a command.

## Implementation Steps

### Phase 1: Environment
1. Save the environment into env.txt.

## Validation / Exit Criteria
- env.txt exists.
  \`\`\`atx
  validator: command
  command: test -f env.txt
  \`\`\`
`,
    );
    const env = { ATX_HOME: home, ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: model.url, MY_SERVICE_TOKEN: token };
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/model-env', '--description', 'a', '--sd', sd], { env }))
        .exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/model-env', '-x', '-t', '--json'], { env });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.steps[0].filesChanged).toEqual(expect.arrayContaining(['env.txt', 'leaked.txt']));
    expect(await git(repo, ['show', `${summary.branch}:leaked.txt`])).toBe('');
    expect(await git(repo, ['show', `${summary.branch}:env.txt`])).toMatch(/^PATH=/m);
    // The model was sent the command's result: no key there either.
    expect(JSON.stringify(model.requests.map((r) => r.body))).not.toContain(key);
    for (const secret of [key, token]) {
      expect(await git(repo, ['log', '-p', '--all'])).not.toContain(secret);
      for (const file of await filesUnder(home)) expect(file.text.includes(secret), file.path).toBe(false);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });
});
