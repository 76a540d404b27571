// `atx custom def exec` in a terminal: the person's answer to "Run `…`?" is read by the same
// yes/no reader as the session's; an unclear answer is asked again, not taken as a no.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execCommand } from '../../src/cli/commands/exec.js';
import { makeRepo, tempDir } from '../helpers/cli.js';

describe('exec asking before a command', () => {
  it('asks again until the answer is plainly yes or no', async () => {
    const repo = await makeRepo({
      'package.json': '{\n  "name": "svc",\n  "engines": { "node": ">=18" }\n}\n',
      '.nvmrc': '18\n',
    });
    const marker = join(await tempDir('atx-marker-'), 'built');
    const asked: string[] = [];
    const answer = (question: string): string => {
      if (/Review the plan/.test(question)) return 'proceed';
      if (/to build after phase \d/.test(question)) return 'hmm, maybe?';
      if (/^Please answer yes or no/.test(question)) return 'sure, go ahead';
      return 'nope';
    };
    const io = {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { ...process.env, ATX_HOME: await tempDir('atx-home-'), ATX_REGISTRY_URL: '', ANTHROPIC_API_KEY: '' },
      cwd: repo,
      interactive: true,
      ask: async (question: string) => (asked.push(question), answer(question)),
    };
    const request = {
      codeRepositoryPath: repo,
      transformationName: 'AWS/nodejs-version-upgrade',
      buildCommand: `touch ${marker}`,
      configuration: 'targetVersion=22',
      nonInteractive: false,
      trustAllTools: false,
      doNotLearn: true,
      dryRun: false,
    };
    await execCommand(request, io);
    const build = asked.findIndex((q) => /to build after phase \d/.test(q));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(asked[build]).toMatch(/\[y\/N\] $/);
    expect(asked[build + 1]).toBe('Please answer yes or no: ');
    expect(existsSync(marker)).toBe(true);
  });
});
