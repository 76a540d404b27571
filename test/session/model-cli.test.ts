// The model's failures and --limit through the real binary, against the local Messages API:
// one line on stderr and the right exit code, never a stack trace; outages are not learned.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLimit } from '../../src/cli/limit.js';
import { UsageError } from '../../src/errors.js';
import { atx, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';
import { startFakeAnthropic, type FakeServer } from '../llm/fake-anthropic.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const key = 'sk-ant-test-0123456789abcdef';
const stackFrame = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

async function modelEnv(more: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    ATX_HOME: await tempDir('atx-home-'),
    ATX_REGISTRY_URL: '',
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_BASE_URL: server!.url,
    ...more,
  };
}

describe('atx -x with a model that fails', () => {
  it('an unknown model ends with exit 2 and one line naming it, the host, the status and the request id', async () => {
    server = await startFakeAnthropic(() => ({
      status: 404,
      error: { type: 'not_found_error', message: 'model: claude-nope' },
      requestId: 'req_404_x',
    }));
    const env = await modelEnv({ ATX_MODEL: 'claude-nope' });
    const run = await atx(['-x', 'create a node 18 to 22 migration'], { env });
    expect(run.exitCode, run.stderr).toBe(2);
    const errors = run.stderr.split('\n').filter((line) => /claude-nope|404|not_found/.test(line));
    expect(errors).toEqual([
      `atx: unknown model claude-nope: the model at ${new URL(server.url).host} answered 404 not_found_error "model: claude-nope" (request req_404_x); set ATX_MODEL to a model this endpoint offers`,
    ]);
    expect(run.stderr).not.toMatch(stackFrame);
    expect(run.stderr).not.toContain('{');
    expect(server.requests).toHaveLength(1);

    const json = await atx(['-x', 'create a node 18 to 22 migration', '--json'], { env });
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'error',
      error: { code: 2, message: expect.stringMatching(/^unknown model claude-nope: /) },
    });
  });

  it('an unavailable model is said once, and the instruction is carried out with the offline rules', async () => {
    server = await startFakeAnthropic(() => ({
      status: 529,
      error: { type: 'overloaded_error', message: 'Overloaded' },
      headers: {},
      requestId: 'req_busy',
    }));
    const run = await atx(['-x', 'create a react 17 to 19 migration'], {
      env: await modelEnv({ ATX_MODEL_RETRY_SECONDS: '0.6' }),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const notices = run.stderr.split('\n').filter((line) => /is unavailable/.test(line));
    expect(notices).toEqual([
      expect.stringMatching(
        new RegExp(
          `^the model at ${new URL(server.url).host} is unavailable \\(answered 529 overloaded_error "Overloaded" \\(request req_busy\\); .*\\); going on with the offline rules$`,
        ),
      ),
    ]);
    expect(run.stderr).toMatch(/Saved React-17-to-19-Migration version 1 as a draft/);
    expect(run.stderr).not.toMatch(stackFrame);
  });

  it('a failing model is not learned as knowledge', async () => {
    server = await startFakeAnthropic(() => ({
      status: 500,
      error: { type: 'api_error', message: 'Internal server error' },
      headers: {},
    }));
    const env = await modelEnv({ ATX_MODEL_RETRY_SECONDS: '0.6' });
    const sd = join(projectRoot, 'fixtures/exec/agent-step');
    expect(
      (await atx(['custom', 'def', 'publish', '-n', 'Test/agent', '--description', 'a', '--sd', sd], { env })).exitCode,
    ).toBe(0);
    const repo = await makeRepo({ 'package.json': '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n' });
    const run = await atx(['custom', 'def', 'exec', '-p', repo, '-n', 'Test/agent', '-x', '--json'], { env });
    expect(run.stderr).not.toMatch(stackFrame);
    const step = JSON.parse(run.stdout).steps[0];
    expect(step.status).not.toBe('completed');
    expect(step.reason).toMatch(
      /the model at \S+ answered 500 api_error "Internal server error" \(request req_fake_\d\)/,
    );
    const items = await atx(['custom', 'def', 'list-ki', '-n', 'Test/agent', '--json'], { env });
    expect(items.exitCode, items.stderr).toBe(0);
    expect(JSON.parse(items.stdout)).toEqual([]);
  });
});

describe('--limit', () => {
  it('reads tokens, or minutes with an m', () => {
    expect(parseLimit('200000')).toEqual({ tokens: 200000 });
    expect(parseLimit('30m')).toEqual({ minutes: 30 });
    expect(parseLimit('1.5m')).toEqual({ minutes: 1.5 });
    expect(parseLimit(' 45 min ')).toEqual({ minutes: 45 });
    expect(parseLimit(undefined)).toBeUndefined();
    for (const bad of ['', '0', '0m', '-5', '1e6', '30s', '2h', '12.5', 'm', '99999999999999999999'])
      expect(() => parseLimit(bad), bad).toThrow(UsageError);
  });

  it('refuses a value that is neither tokens nor minutes, with exit 2 and nothing started', async () => {
    const home = await tempDir('atx-home-');
    const env = { ATX_HOME: home, ATX_REGISTRY_URL: '' };
    const runs = [
      ['custom', 'def', 'exec', '-p', '.', '-n', 'AWS/nodejs-version-upgrade', '-x', '--limit', 'lots'],
      ['-x', 'apply AWS/nodejs-version-upgrade to .', '--limit', '0'],
      ['--resume', '--limit', '30s'],
    ];
    for (const args of runs) {
      const run = await atx(args, { env });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^atx: --limit takes a number of tokens or of minutes above 0 \(e\.g\. `--limit 200000` for tokens or `--limit 30m` for minutes of model work\), not "(lots|0|30s)"$/,
        ),
      ]);
    }
    expect(await readdir(home)).toEqual([]);
  });

  it('takes tokens or minutes on exec', async () => {
    const repo = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n',
      '.nvmrc': '18\n',
    });
    const env = { ATX_HOME: await tempDir('atx-home-'), ATX_REGISTRY_URL: '' };
    for (const limit of ['200000', '30m']) {
      const run = await atx(
        ['custom', 'def', 'exec', '-p', repo, '-n', 'AWS/nodejs-version-upgrade', '-x', '--dry-run', '--limit', limit],
        { env },
      );
      expect(run.exitCode, run.stderr).toBe(0);
    }
  });
});
