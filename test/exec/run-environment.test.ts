// execDefinition called in-process with its own environment (as the session and the campaign
// worker do): the step commits are authored as that environment says, not as atx's process
// environment does. And whether dependencies get installed before a check is read from
// package.json as JSON, whatever its formatting.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execDefinition } from '../../src/executor/index.js';
import { openRegistry, registryOptionsFromEnv } from '../../src/registry/index.js';
import { git, makeRepo, projectRoot, tempDir } from '../helpers/cli.js';

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = {
    ...process.env,
    ATX_HOME: await tempDir('atx-home-'),
    ATX_GIT_COMMITTER_NAME: 'Injected Person',
    ATX_GIT_COMMITTER_EMAIL: 'injected@example.com',
  };
  await openRegistry(registryOptionsFromEnv(env)).publish('Test/trust', 't', join(projectRoot, 'fixtures/exec/trust'));
});

/** Runs the trust fixture (a codemod on package.json, a command criterion, the tests) with -t. */
function run(repo: string) {
  return execDefinition(
    {
      codeRepositoryPath: repo,
      transformationName: 'Test/trust',
      configuration: 'targetVersion=24',
      nonInteractive: true,
      trustAllTools: true,
      doNotLearn: true,
      dryRun: false,
    },
    { cwd: repo, env, log: () => undefined },
  );
}

/** package.json text whose install script leaves a marker next to the worktree, `extra` spliced in. */
function packageJson(extra: string): string {
  return `{\n  "name": "svc",\n  "version": "1.0.0",\n  "private": true,\n  "engines": { "node": ">=18" },\n${extra}  "scripts": { "preinstall": "touch ../preinstall-ran", "test": "true" }\n}\n`;
}

const installed = (summary: { planPath: string }) => existsSync(join(summary.planPath, '..', 'preinstall-ran'));

describe('a run with an injected environment', () => {
  it('authors the step commits as that environment says', async () => {
    expect(process.env.ATX_GIT_COMMITTER_NAME).not.toBe('Injected Person');
    const repo = await makeRepo({ 'package.json': packageJson('') });
    const summary = await run(repo);
    expect(summary.steps.map((s) => s.status)).toEqual(['completed']);
    const authors = await git(repo, ['log', '--format=%an <%ae>|%cn <%ce>', `main..${summary.branch}`]);
    expect(authors.split('\n')).toEqual([
      'Injected Person <injected@example.com>|Injected Person <injected@example.com>',
    ]);
  });
});

describe('dependencies before a check', () => {
  it('are not installed when only a nested object or a text names "dependencies"', async () => {
    const fooling =
      '  "description": "no \\"dependencies\\": {\\"here\\": 1}",\n  "config": { "dependencies": { "left-pad": "1.3.0" } },\n';
    const repo = await makeRepo({ 'package.json': packageJson(fooling) });
    const summary = await run(repo);
    expect(summary.exitCriteria.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(installed(summary)).toBe(false);
  });

  it('are installed when package.json declares them, however the key is written', async () => {
    // `\u0065` is an `e`: to JSON (and npm) this is "dependencies", a local package.
    const escaped = '  "d\\u0065pendencies":\n    { "local-lib": "file:./local-lib" },\n';
    const repo = await makeRepo({
      'package.json': packageJson(escaped),
      'local-lib/package.json': '{ "name": "local-lib", "version": "1.0.0" }\n',
      '.gitignore': 'node_modules/\n',
    });
    const summary = await run(repo);
    expect(summary.exitCriteria.map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(summary.findings.filter((f) => f.rule.startsWith('atx/install'))).toEqual([]);
    expect(installed(summary)).toBe(true);
  });
});
